/**
 * Benchmark (a): an encrypted WeCom app callback carrying a read-only command (企业 E12), end to end
 * over loopback HTTP, against two references measured in the same run:
 *   bot       the real route, the Bot (with its exactly-once record: one journal write per message),
 *             the real store, and the encrypted passive reply;
 *   protocol  only the protocol's unavoidable work: signature, decryption, two XML parses, an
 *             encrypted passive reply of a constant;
 *   bare      koa answering a constant.
 * Each target runs in its own process; autocannon drives it from this one with keep-alive
 * connections. Every request is pre-built (encryption is the client's cost, not the server's) and
 * carries its own MsgId, so the bot really handles each one instead of answering from its
 * de-duplication record.
 */
import autocannon from 'autocannon';
import { appTextXml, wecomCallbackClient } from '../test/fakes/wecom-callbacks.ts';
import { FAKE_WECOM } from '../test/proof/support/wecom-env.ts';
import { startTarget } from './support/child.ts';

export interface RateResult {
  target: 'bot' | 'protocol' | 'bare';
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** bot only: messages the bot acted on (journal records written), to show MsgIds were distinct. */
  handled?: number;
}

export interface WecomBenchResult {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  seeded: number;
  command: string;
  results: RateResult[];
  botOverProtocol: number;
  protocolOverBare: number;
  botOverBare: number;
}

const SENDER = 'demo_tax';
const COMMAND = '企业 E12';

interface Prebuilt {
  path: string;
  body: string;
}

function prebuild(count: number, startId: number): Prebuilt[] {
  const client = wecomCallbackClient({ token: FAKE_WECOM.token, encodingAESKey: FAKE_WECOM.aesKey, receiveId: FAKE_WECOM.corpId });
  const out: Prebuilt[] = [];
  for (let i = 0; i < count; i++) {
    const xml = appTextXml({ corpId: FAKE_WECOM.corpId, from: SENDER, content: COMMAND, msgId: String(7_000_000_000_000_000_000n + BigInt(startId + i)), createTime: 1_790_000_000 + i });
    const req = client.encryptedAppCallback(xml);
    out.push({ path: `/wecom/app?${req.query}`, body: req.body });
  }
  return out;
}

/** Checks one answer by hand before measuring, so a fast wrong answer cannot pass for speed. */
async function checkReply(port: number, req: Prebuilt, expect: string): Promise<void> {
  const client = wecomCallbackClient({ token: FAKE_WECOM.token, encodingAESKey: FAKE_WECOM.aesKey, receiveId: FAKE_WECOM.corpId });
  const res = await fetch(`http://127.0.0.1:${port}${req.path}`, { method: 'POST', body: req.body, headers: { 'content-type': 'text/xml' } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`target answered ${res.status}: ${text}`);
  if (expect === '') return;
  const plain = client.openXmlReply(text);
  if (!plain.includes(expect)) throw new Error(`unexpected reply: ${plain.slice(0, 300)}`);
}

async function journalSeq(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return ((await res.json()) as { journalSeq: number }).journalSeq;
}

async function load(port: number, pool: Prebuilt[], cursor: { i: number }, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        setupRequest: (req) => {
          const next = pool[cursor.i++ % pool.length]!;
          return { ...req, path: next.path, body: next.body };
        },
      },
    ],
  });
}

export async function runWecomBench(options: { seconds?: number; warmupSeconds?: number; connections?: number; seeded?: number; profileBot?: string } = {}): Promise<WecomBenchResult> {
  const seconds = options.seconds ?? 10;
  const warmupSeconds = options.warmupSeconds ?? 3;
  const connections = options.connections ?? 20;
  const seeded = options.seeded ?? 200;
  // Enough distinct messages for the bot's warm-up and run at well above any rate it reaches.
  const poolSize = Math.max(20_000, (seconds + warmupSeconds) * 6_000);
  process.stderr.write(`  wecom: pre-building ${poolSize} encrypted callbacks…\n`);
  const pool = prebuild(poolSize, 1);
  const results: RateResult[] = [];
  for (const target of ['bare', 'protocol', 'bot'] as const) {
    process.stderr.write(`  wecom: ${target}…\n`);
    const nodeArgs = target === 'bot' && options.profileBot ? ['--cpu-prof', `--cpu-prof-dir=${options.profileBot}`] : [];
    const server = await startTarget('bench/servers/wecom-target.ts', [target, String(seeded)], { nodeArgs });
    try {
      const cursor = { i: 0 };
      await checkReply(server.port, pool[cursor.i++]!, target === 'bare' ? '' : target === 'bot' ? 'E12' : '已收到');
      await load(server.port, pool, cursor, connections, warmupSeconds);
      const before = target === 'bot' ? await journalSeq(server.port) : 0;
      const used = cursor.i;
      const r = await load(server.port, pool, cursor, connections, seconds);
      if (target === 'bot' && cursor.i > pool.length) throw new Error('the request pool ran out: MsgIds would repeat');
      const handled = target === 'bot' ? (await journalSeq(server.port)) - before : undefined;
      results.push({
        target,
        reqPerSec: r['2xx'] / (r.duration || seconds),
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: cursor.i - used,
        non2xx: r.non2xx,
        errors: r.errors,
        ...(handled !== undefined ? { handled } : {}),
      });
    } finally {
      await server.stop();
    }
  }
  const rate = (t: RateResult['target']) => results.find((r) => r.target === t)!.reqPerSec;
  return {
    connections,
    seconds,
    warmupSeconds,
    seeded,
    command: COMMAND,
    results,
    botOverProtocol: rate('bot') / rate('protocol'),
    protocolOverBare: rate('protocol') / rate('bare'),
    botOverBare: rate('bot') / rate('bare'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runWecomBench({ seconds: Number(process.env.BENCH_SECONDS ?? 10), ...(process.env.BENCH_PROFILE ? { profileBot: process.env.BENCH_PROFILE } : {}) });
  console.log(JSON.stringify(r, null, 2));
}
