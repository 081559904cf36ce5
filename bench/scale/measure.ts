/**
 * The large-city measurements, in a process of their own so resident memory is this store's alone
 * (`node --expose-gc --import tsx bench/scale/measure.ts <dataDir>`; prints one JSON line):
 * - cold start: createApp (Store.open: checkpoint files + journal tail replay, migrations, the Bot);
 * - resident memory after the load and a full GC;
 * - a changing command (登记) acknowledged — Bot.handle resolved, the change durable — with 20
 *   senders at once, each sending its next command as soon as the last one is acknowledged;
 * - read-only commands (企业, 名册), the director's daily digest and the dashboard's 总览.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../src/app.ts';
import { toShanghaiDate } from '../../src/domain/calendar/shanghai.ts';
import { loadConfig } from '../../src/config/load.ts';
import { consoleMessage } from '../../test/proof/support/seed.ts';
import { enterpriseNameFor, usccFor } from '../../test/proof/support/uscc.ts';
import { summary } from '../support/stats.ts';
import { type OverviewTiming, timeOverview } from './dashboard.ts';
import { BENCH_NOW, SCALE } from './generate.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

export interface ScaleResult {
  counts: Record<string, number>;
  journalRecords: number;
  coldStartMs: number;
  processReadyMs: number;
  rssMiB: number;
  heapUsedMiB: number;
  rssAfterWritesMiB: number;
  heapAfterWritesMiB: number;
  checkpointedAfterAll: boolean;
  /** cpuShare: CPU time this process got per wall-clock second while writing (1 = a whole core). */
  write: { senders: number; commands: number; p50: number; p99: number; max: number; failures: number; checkpointDuringRun: boolean; cpuShare: number; seconds: number };
  checkpoints: { startedAtMs: number; ms: number }[];
  loadavg: number[];
  reads: { enterprise: { p50: number; p99: number }; roster: { p50: number; p99: number } };
  digest: { available: boolean; firstMs?: number; medianMs?: number; maxMs?: number; bytes?: number; note?: string };
  /** GET /dashboard/ (总览) for the director, request to last byte. */
  overview: OverviewTiming;
}

async function main(): Promise<void> {
  const dataDir = process.argv[2]!;
  const config = loadConfig();
  const realStart = Date.now();
  const clock = () => new Date(BENCH_NOW.getTime() + (Date.now() - realStart));

  const t0 = performance.now();
  const app = await createApp({ config, dataDir, senders: [], clock });
  const coldStartMs = performance.now() - t0;
  const processReadyMs = performance.now();
  const { store, bot } = app;
  // Checkpoints run in the background every 5,000 journal records: note when they ran and how long.
  const checkpoints: { startedAtMs: number; ms: number }[] = [];
  const checkpoint = store.checkpoint.bind(store);
  const seen = new WeakSet<Promise<void>>();
  store.checkpoint = () => {
    const started = performance.now();
    const p = checkpoint();
    // Callers during a running checkpoint get the same promise: count each checkpoint once.
    if (!seen.has(p)) {
      seen.add(p);
      void p.then(() => checkpoints.push({ startedAtMs: started - processReadyMs, ms: performance.now() - started }), () => undefined);
    }
    return p;
  };

  gc!();
  gc!();
  const mem = process.memoryUsage();
  const counts = Object.fromEntries(['enterprises', 'tasks', 'inbox', 'outbox'].map((c) => [c, store.count(c as 'enterprises')]));
  counts.signals = [...store.values('enterprises')].reduce((n, e) => n + e.signals.length, 0);
  const journalRecords = store.lastSeq;

  // ---- 20 senders, each 100 登记 in a row: a new enterprise, then a signal on an existing one.
  const senders = [
    ...config.people.filter((p) => p.roles.includes('liaison')).map((p) => ({ person: p.id, unit: '' })),
    { person: 'director', unit: '财政局' },
    { person: 'admin', unit: '发改局' },
    { person: 'director', unit: '工信局' },
  ].slice(0, 20);
  const perSender = 100;
  const manifestSeq = () => (JSON.parse(readFileSync(join(dataDir, 'snapshot', 'manifest.json'), 'utf8')) as { seq: number }).seq;
  const checkpointedBefore = manifestSeq();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const latencies: number[] = [];
  let failures = 0;
  let fresh = SCALE.enterprises + 1000;
  await Promise.all(
    senders.map(async (s, k) => {
      for (let i = 0; i < perSender; i++) {
        const unit = s.unit ? ` 单位:${s.unit}` : '';
        const text =
          i % 2 === 0
            ? `登记 ${enterpriseNameFor(++fresh)} 代码:${usccFor(fresh)} 情形:其他 说明:"经营困难，第${i}次排查发现"${unit}`
            : `登记 E${1 + ((k * perSender + i) * 37) % SCALE.enterprises} 情形:其他 说明:"排查发现经营异常，第${i}次"${unit}`;
        const start = performance.now();
        const replies = await bot.handle(consoleMessage(app, s.person, text, `bench-w-${k}-${i}`));
        latencies.push(performance.now() - start);
        if (!replies[0]?.text.startsWith('已')) {
          failures++;
          if (failures < 4) process.stderr.write(`  scale: unexpected answer: ${replies[0]?.text}\n`);
        }
      }
    }),
  );
  const w = summary(latencies);
  const cpu = process.cpuUsage(cpu0);
  const writeCpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0);
  const checkpointDuringRun = manifestSeq() > checkpointedBefore;

  // ---- reads, one at a time (each is still a transaction and a journal record).
  const timeRead = async (text: string, n: number) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await bot.handle(consoleMessage(app, 'director', text.replace('#', String(1 + ((i * 7919) % SCALE.enterprises)))));
      xs.push(performance.now() - start);
    }
    const s = summary(xs);
    return { p50: s.p50, p99: s.p99 };
  };
  const enterprise = await timeRead('企业 E#', 100);
  const roster = await timeRead('名册', 30);

  // ---- the director's daily digest, built as its job builds it (inside a transaction).
  let digest: ScaleResult['digest'];
  try {
    const { buildDailyDigest, DAILY_DIGEST_SETTING } = await import('../../src/scheduler/digest/daily.ts');
    const xs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 7; i++) {
      await store.transact({ actor: 'scheduler', action: 'bench:daily-digest' }, (tx) => {
        const now = clock();
        const previous = tx.get('settings', DAILY_DIGEST_SETTING)?.value as Parameters<typeof buildDailyDigest>[1];
        const start = performance.now();
        const d = buildDailyDigest({ tx, config, calendar: app.calendar, now, today: toShanghaiDate(now) }, previous);
        xs.push(performance.now() - start);
        bytes = Buffer.byteLength(d.text);
      });
    }
    const s = summary(xs.slice(1));
    digest = { available: true, firstMs: xs[0]!, medianMs: s.p50, maxMs: Math.max(...xs), bytes };
  } catch (err) {
    digest = { available: false, note: `digest builder not available: ${err instanceof Error ? err.message : String(err)}` };
  }

  // ---- the dashboard's 总览 for the director (bench/scale/dashboard.ts).
  const overview = await timeOverview(app, clock);

  await store.durable();
  gc!();
  gc!();
  const after = process.memoryUsage();
  const rssAfterWritesMiB = after.rss / 2 ** 20;
  const heapAfterWritesMiB = after.heapUsed / 2 ** 20;
  const checkpointedAfterAll = manifestSeq() > checkpointedBefore;
  await app.close();
  const result: ScaleResult = {
    counts,
    journalRecords,
    coldStartMs,
    processReadyMs,
    rssMiB: mem.rss / 2 ** 20,
    heapUsedMiB: mem.heapUsed / 2 ** 20,
    rssAfterWritesMiB,
    heapAfterWritesMiB,
    checkpointedAfterAll,
    write: { senders: senders.length, commands: latencies.length, p50: w.p50, p99: w.p99, max: w.max, failures, checkpointDuringRun, cpuShare: writeCpuShare, seconds: (performance.now() - wall0) / 1000 },
    checkpoints,
    loadavg: loadavg(),
    reads: { enterprise, roster },
    digest,
    overview,
  };
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
