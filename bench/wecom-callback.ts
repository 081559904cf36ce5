/**
 * Benchmark (a): an encrypted WeCom app callback carrying a read-only command (企业 E12), end to end
 * over loopback HTTP, against two references measured in the same run:
 *   bot       the real route, the Bot (a read-only command writes nothing to the journal; a retry
 *             simply reads again), the real store, and the encrypted passive reply;
 *   protocol  only the protocol's unavoidable work: signature, decryption, two XML parses, an
 *             encrypted passive reply of a constant;
 *   bare      koa answering a constant.
 * Each target runs in its own process; autocannon drives it from this one with keep-alive
 * connections. Every request is pre-built (encryption is the client's cost, not the server's) and
 * carries its own MsgId, so the bot really handles each one instead of answering from its
 * de-duplication record.
 */
import autocannon, { type Result as AutocannonResult } from 'autocannon';
import { appTextXml, wecomCallbackClient } from '../test/fakes/wecom-callbacks.ts';
import { FAKE_WECOM } from '../test/proof/support/wecom-env.ts';
import { startTarget, type Target } from './support/child.ts';

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
  /** The server process's CPU time per answered request (µs), over the measured rounds. */
  cpuMicrosPerRequest: number;
  /** bot only: journal fsyncs per answered request (group commit shares one among many). */
  fsyncsPerRequest?: number;
}

export interface WecomBenchResult {
  connections: number;
  seconds: number;
  rounds: number;
  warmupSeconds: number;
  seeded: number;
  command: string;
  results: RateResult[];
  botOverProtocol: number;
  protocolOverBare: number;
  botOverBare: number;
  /** The same comparison by CPU time per request: protocol's ÷ bot's. */
  cpuBotOverProtocol: number;
}

const SENDER = 'demo_tax';
const COMMAND = '企业 E12';

export interface Prebuilt {
  path: string;
  body: string;
}

export function prebuild(count: number, startId: number): Prebuilt[] {
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
export async function checkReply(port: number, req: Prebuilt, expect: string): Promise<void> {
  const client = wecomCallbackClient({ token: FAKE_WECOM.token, encodingAESKey: FAKE_WECOM.aesKey, receiveId: FAKE_WECOM.corpId });
  const res = await fetch(`http://127.0.0.1:${port}${req.path}`, { method: 'POST', body: req.body, headers: { 'content-type': 'text/xml' } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`target answered ${res.status}: ${text}`);
  if (expect === '') return;
  const plain = client.openXmlReply(text);
  if (!plain.includes(expect)) throw new Error(`unexpected reply: ${plain.slice(0, 300)}`);
}

async function cpuOf(port: number): Promise<{ cpuMicros: number; fsyncs: number }> {
  const res = await fetch(`http://127.0.0.1:${port}/__cpu`);
  return (await res.json()) as { cpuMicros: number; fsyncs: number };
}

async function journalSeq(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return ((await res.json()) as { journalSeq: number }).journalSeq;
}

export async function load(port: number, pool: Prebuilt[], cursor: { i: number }, connections: number, seconds: number): Promise<AutocannonResult> {
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

/**
 * The three targets run side by side (idle ones cost nothing) and are measured in interleaved
 * rounds — bare, protocol, bot, bare, protocol, bot … — so a change in the machine's background
 * load during the run touches all three alike. Rate = all 2xx answers / all measured time; p50 and
 * p99 are the medians of the rounds' values.
 */
export async function runWecomBench(options: { seconds?: number; rounds?: number; warmupSeconds?: number; connections?: number; seeded?: number; profileBot?: string } = {}): Promise<WecomBenchResult> {
  const seconds = options.seconds ?? 4;
  const rounds = options.rounds ?? 3;
  // The bot's code paths take several seconds of traffic to be fully optimized by V8; every
  // target gets the same warm-up.
  const warmupSeconds = options.warmupSeconds ?? 8;
  const connections = options.connections ?? 20;
  const seeded = options.seeded ?? 200;
  // Enough distinct messages for the bot's warm-up and rounds even at the protocol reference's
  // rate (about 8,000/s on a 2-core machine), which the bot cannot exceed.
  const poolSize = Math.max(20_000, (seconds * rounds + warmupSeconds) * 12_000);
  process.stderr.write(`  wecom: pre-building ${poolSize} encrypted callbacks…\n`);
  const pool = prebuild(poolSize, 1);
  const targets = ['bare', 'protocol', 'bot'] as const;
  const servers = new Map<(typeof targets)[number], Target>();
  const cursors = new Map(targets.map((t) => [t, { i: 0 }]));
  const runs = new Map(targets.map((t) => [t, [] as AutocannonResult[]]));
  const cpu = new Map(targets.map((t) => [t, { micros: 0, fsyncs: 0 }]));
  let handled = 0;
  try {
    for (const target of targets) {
      const nodeArgs = target === 'bot' && options.profileBot ? ['--cpu-prof', `--cpu-prof-dir=${options.profileBot}`] : [];
      const server = await startTarget('bench/servers/wecom-target.ts', [target, String(seeded)], { nodeArgs });
      servers.set(target, server);
      const cursor = cursors.get(target)!;
      await checkReply(server.port, pool[cursor.i++]!, target === 'bare' ? '' : target === 'bot' ? 'E12' : '已收到');
      process.stderr.write(`  wecom: ${target} warm-up…\n`);
      await load(server.port, pool, cursor, connections, warmupSeconds);
    }
    const bot = servers.get('bot')!;
    const before = await journalSeq(bot.port);
    for (let round = 1; round <= rounds; round++) {
      for (const target of targets) {
        process.stderr.write(`  wecom: round ${round}/${rounds} ${target}…\n`);
        const port = servers.get(target)!.port;
        const before = await cpuOf(port);
        runs.get(target)!.push(await load(port, pool, cursors.get(target)!, connections, seconds));
        const after = await cpuOf(port);
        const c = cpu.get(target)!;
        c.micros += after.cpuMicros - before.cpuMicros;
        c.fsyncs += after.fsyncs - before.fsyncs;
      }
    }
    if (cursors.get('bot')!.i > pool.length) throw new Error('the request pool ran out: MsgIds would repeat');
    handled = (await journalSeq(bot.port)) - before;
  } finally {
    for (const s of servers.values()) await s.stop();
  }
  const results: RateResult[] = targets.map((target) => {
    const rs = runs.get(target)!;
    const ok = rs.reduce((n, r) => n + r['2xx'], 0);
    const time = rs.reduce((n, r) => n + (r.duration || seconds), 0);
    return {
      target,
      reqPerSec: ok / time,
      p50: median(rs.map((r) => r.latency.p50)),
      p99: median(rs.map((r) => r.latency.p99)),
      requests: ok,
      non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
      errors: rs.reduce((n, r) => n + r.errors, 0),
      ...(target === 'bot' ? { handled, fsyncsPerRequest: cpu.get(target)!.fsyncs / ok } : {}),
      cpuMicrosPerRequest: cpu.get(target)!.micros / ok,
    };
  });
  const rate = (t: RateResult['target']) => results.find((r) => r.target === t)!.reqPerSec;
  return {
    connections,
    seconds,
    rounds,
    warmupSeconds,
    seeded,
    command: COMMAND,
    results,
    botOverProtocol: rate('bot') / rate('protocol'),
    protocolOverBare: rate('protocol') / rate('bare'),
    botOverBare: rate('bot') / rate('bare'),
    cpuBotOverProtocol: results.find((r) => r.target === 'protocol')!.cpuMicrosPerRequest / results.find((r) => r.target === 'bot')!.cpuMicrosPerRequest,
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runWecomBench({ seconds: Number(process.env.BENCH_SECONDS ?? 4), ...(process.env.BENCH_PROFILE ? { profileBot: process.env.BENCH_PROFILE } : {}) });
  console.log(JSON.stringify(r, null, 2));
}
