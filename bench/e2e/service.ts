/**
 * The service as a user starts it, for the end-to-end benchmark: a separate process running the
 * compiled entry (`node dist/src/main.js`, what the systemd unit runs) or `npm start`, with the
 * WeCom app channel on and nothing else shared with the bench. The bench sees it only through HTTP
 * and /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../../test/proof/support/service.ts';
import { wecomProcessEnv } from '../../test/proof/support/wecom-env.ts';
import { ROOT } from '../support/child.ts';

export type HowStarted = 'node dist/src/main.js' | 'npm start';

export interface RunningService {
  url: string;
  pid: number;
  /** Spawn → the first 200 from /healthz. */
  coldStartMs: number;
  /** VmRSS of the service process from /proc (MiB); for `npm start`, of the node child running main.js. */
  rssMiB(): number;
  stop(): Promise<void>;
}

export async function startService(how: HowStarted, options: { dataDir: string; apiBase: string; env?: Record<string, string> }): Promise<RunningService> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    LOG_LEVEL: process.env.BENCH_SERVICE_LOG ?? 'warn',
    // BENCH_NODE_OPTIONS: V8 flags for the service alone (e.g. a heap experiment), not for the bench.
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    ...wecomProcessEnv(options.apiBase),
    // The 20 bench connections each send as fast as they can: the per-sender limit on changing
    // commands (3 a second by default, issue 14) would refuse most of them. The bench measures the
    // service's capacity, not the abuse limit.
    COMMAND_RATE_PER_SECOND: '9999',
    ...options.env,
    PORT: String(port),
    DATA_DIR: options.dataDir,
  };
  const started = performance.now();
  // Its own process group, so that stopping `npm start` also stops the node process npm started.
  const child: ChildProcess =
    how === 'npm start'
      ? spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
      : spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  let failed = false;
  void exited.then(() => (failed = true));
  for (;;) {
    if (failed) throw new Error(`the service (${how}) exited before /healthz answered`);
    try {
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const coldStartMs = performance.now() - started;
  const pid = how === 'npm start' ? serviceChildOf(child.pid!) : child.pid!;
  return {
    url,
    pid,
    coldStartMs,
    rssMiB: () => vmRssMiB(pid),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

/** The process under npm that runs main.js (npm → sh → node, depending on the npm version). */
function serviceChildOf(pid: number): number {
  const children = (p: number): number[] => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const queue = children(pid);
  while (queue.length > 0) {
    const p = queue.shift()!;
    const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
    if (cmd.includes('scripts/run.mjs') || cmd.includes('main.js')) return p;
    queue.push(...children(p));
  }
  throw new Error('npm start: the node process running the service was not found');
}

export function vmRssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}
