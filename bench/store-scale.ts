/**
 * Benchmark (b): the store at large-city scale. The data directory is generated once through the
 * store API (bench/scale/generate.ts, about a minute) and kept in the system's temp folder keyed by
 * the generator's version and the bucket layout; every run measures a fresh copy of it in a process
 * of its own (bench/scale/measure.ts), so the memory figure is the store's alone.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUCKETS } from '../src/store/indexes.ts';
import type { ScaleResult } from './scale/measure.ts';
import { SCALE } from './scale/generate.ts';
import { runChild } from './support/child.ts';

/** Bump when the generated data changes shape. */
const GENERATOR_VERSION = 3;

export interface ScaleBench extends ScaleResult {
  generated: { cached: boolean; seconds?: number; dir: string };
}

/** The generated 20,000-enterprise data directory (cached; generated on first use or with fresh). */
export async function scaleData(options: { fresh?: boolean } = {}): Promise<ScaleBench['generated']> {
  const key = createHash('sha1').update(JSON.stringify({ GENERATOR_VERSION, SCALE, BUCKETS })).digest('hex').slice(0, 10);
  const cache = join(tmpdir(), `fuyuan-bench-scale-${key}`);
  let seconds: number | undefined;
  const cached = existsSync(join(cache, 'GENERATED')) && !options.fresh;
  if (!cached) {
    rmSync(cache, { recursive: true, force: true });
    process.stderr.write(`  scale: generating ${SCALE.enterprises} enterprises, ${SCALE.tasks} tasks, ${SCALE.records} journal records into ${cache} (once)…\n`);
    seconds = (JSON.parse(lastLine(await runChild('bench/scale/generate.ts', [cache]))) as { seconds: number }).seconds;
  }
  return { cached, ...(seconds !== undefined ? { seconds } : {}), dir: cache };
}

export async function runScaleBench(options: { fresh?: boolean } = {}): Promise<ScaleBench> {
  const generated = await scaleData(options);
  const cache = generated.dir;
  const run = mkdtempSync(join(tmpdir(), 'fuyuan-bench-scale-run-'));
  try {
    cpSync(cache, run, { recursive: true });
    process.stderr.write('  scale: measuring in a fresh process…\n');
    const out = await runChild('bench/scale/measure.ts', [run], { nodeArgs: ['--expose-gc'] });
    return { ...(JSON.parse(lastLine(out)) as ScaleResult), generated };
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
}

function lastLine(out: string): string {
  return out.trim().split('\n').at(-1) ?? '{}';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runScaleBench({ fresh: process.argv.includes('--fresh') }), null, 2));
}
