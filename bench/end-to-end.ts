/**
 * Benchmark (c): the service end to end, as a user meets it. It is started the way it is deployed —
 * the compiled entry (`node dist/src/main.js`, as the systemd unit runs it) and `npm start` — on a
 * fresh copy of the 20,000-enterprise data directory (bench/store-scale.ts), with the WeCom app
 * channel on (its API is a loopback fake, so queued pushes are really sent). Everything is measured
 * from outside the process: HTTP with encrypted WeCom callbacks, and /proc for memory; no forced GC.
 *   cold start   spawn → the first 200 from /healthz;
 *   memory       VmRSS sampled every 100 ms from ready, through 2,000 登记, to 10 s after;
 *   登记 ack     20 senders, each posting the next callback when the last was answered;
 *   read ratio   企业 E12 callbacks with autocannon, against the protocol reference in its own
 *                process (bench/servers/wecom-target.ts), in interleaved rounds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result as AutocannonResult } from 'autocannon';
import { startFakeWecom } from '../test/fakes/wecom-server.ts';
import { FAKE_WECOM } from '../test/proof/support/wecom-env.ts';
import { type HowStarted, type RunningService, startService } from './e2e/service.ts';
import { runWrites, type WriteResult } from './e2e/writes.ts';
import { scaleData } from './store-scale.ts';
import { ROOT, startTarget } from './support/child.ts';
import { checkReply, load, median, prebuild } from './wecom-callback.ts';

export interface EndToEndResult {
  enterprises: number;
  coldStartMs: Record<HowStarted, number[]>;
  rss: { readyMiB: number; duringMaxMiB: number; afterMaxMiB: number; afterEndMiB: number; samples: number };
  write: WriteResult;
  read: { connections: number; seconds: number; rounds: number; serviceReqPerSec: number; protocolReqPerSec: number; ratio: number; serviceP50: number; serviceP99: number; rssMaxMiB: number };
  loadavg: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runEndToEndBench(options: { coldStarts?: number; readSeconds?: number; rounds?: number } = {}): Promise<EndToEndResult> {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const data = await scaleData();
  const fake = await startFakeWecom({ corpId: FAKE_WECOM.corpId, secret: FAKE_WECOM.secret, agentId: FAKE_WECOM.agentId });
  const copies: string[] = [];
  const freshCopy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuyuan-bench-e2e-'));
    cpSync(data.dir, dir, { recursive: true });
    copies.push(dir);
    return dir;
  };
  const start = (how: HowStarted) => startService(how, { dataDir: freshCopy(), apiBase: fake.baseUrl });
  try {
    // ---- cold starts, alternating the two ways, each on a fresh copy (a journal tail to replay).
    const coldStartMs: EndToEndResult['coldStartMs'] = { 'node dist/src/main.js': [], 'npm start': [] };
    for (let i = 0; i < (options.coldStarts ?? 3); i++) {
      for (const how of ['node dist/src/main.js', 'npm start'] as const) {
        process.stderr.write(`  e2e: cold start ${i + 1} (${how})…\n`);
        const s = await start(how);
        coldStartMs[how].push(s.coldStartMs);
        await s.stop();
      }
    }

    // ---- memory through 2,000 登记 and after, then the read ratio, on one service.
    process.stderr.write('  e2e: 2,000 登记 from 20 senders…\n');
    const service: RunningService = await start('node dist/src/main.js');
    const samples: { phase: 'ready' | 'during' | 'after' | 'read'; mib: number }[] = [];
    let phase: (typeof samples)[number]['phase'] = 'ready';
    const sampler = setInterval(() => samples.push({ phase, mib: service.rssMiB() }), 100);
    await sleep(2_000);
    phase = 'during';
    const write = await runWrites(service.url);
    phase = 'after';
    await sleep(10_000);
    phase = 'read';
    const read = await readRatio(service, options);
    clearInterval(sampler);
    await service.stop();
    const of = (p: string) => samples.filter((s) => s.phase === p).map((s) => s.mib);
    const after = of('after');
    return {
      enterprises: 20_000,
      coldStartMs,
      rss: { readyMiB: Math.max(...of('ready')), duringMaxMiB: Math.max(...of('during')), afterMaxMiB: Math.max(...after), afterEndMiB: after.at(-1)!, samples: samples.length },
      write,
      read: { ...read, rssMaxMiB: Math.max(...of('read')) },
      loadavg: loadavg(),
    };
  } finally {
    await fake.close();
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  }
}

/** 企业 E12 through the running service vs the protocol reference, interleaved rounds, same pool. */
async function readRatio(service: RunningService, options: { readSeconds?: number; rounds?: number }) {
  const seconds = options.readSeconds ?? 4;
  const rounds = options.rounds ?? 3;
  const connections = 20;
  process.stderr.write('  e2e: read callbacks vs the protocol reference…\n');
  const pool = prebuild(Math.max(20_000, (seconds * rounds + 8) * 12_000), 1);
  const protocol = await startTarget('bench/servers/wecom-target.ts', ['protocol']);
  const port = { service: Number(new URL(service.url).port), protocol: protocol.port };
  const cursor = { service: { i: 0 }, protocol: { i: 0 } };
  const runs: Record<'service' | 'protocol', AutocannonResult[]> = { service: [], protocol: [] };
  try {
    await checkReply(port.service, pool[cursor.service.i++]!, 'E12');
    await checkReply(port.protocol, pool[cursor.protocol.i++]!, '已收到');
    for (const t of ['protocol', 'service'] as const) await load(port[t], pool, cursor[t], connections, 8);
    for (let r = 0; r < rounds; r++) {
      for (const t of ['protocol', 'service'] as const) runs[t].push(await load(port[t], pool, cursor[t], connections, seconds));
    }
  } finally {
    await protocol.stop();
  }
  const rate = (rs: AutocannonResult[]) => rs.reduce((n, x) => n + x['2xx'], 0) / rs.reduce((n, x) => n + (x.duration || seconds), 0);
  const serviceReqPerSec = rate(runs.service);
  const protocolReqPerSec = rate(runs.protocol);
  return {
    connections, seconds, rounds, serviceReqPerSec, protocolReqPerSec,
    ratio: serviceReqPerSec / protocolReqPerSec,
    serviceP50: median(runs.service.map((x) => x.latency.p50)),
    serviceP99: median(runs.service.map((x) => x.latency.p99)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runEndToEndBench(), null, 2));
}
