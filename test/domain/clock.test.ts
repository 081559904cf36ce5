import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettableClock } from '../../src/domain/clock.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CLOCK_MODULE = 'src/domain/clock.ts';

/** `new Date()`, `new Date`, `Date()`, `Date.now` — every way JavaScript reads the wall clock. */
const WALL_CLOCK = /\bnew\s+Date\s*\(\s*\)|\bnew\s+Date\b(?!\s*\()|(?<!new\s+)\bDate\s*\(\s*\)|\bDate\.now\b|\bTemporal\.Now\b/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js)$/u.test(e.name) ? [path] : [];
  });
}

describe('the clock module', () => {
  it('is the only place in src/ and commands/ that reads the wall clock', () => {
    const readers: string[] = [];
    for (const file of [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'commands'))]) {
      const path = relative(ROOT, file);
      if (path === CLOCK_MODULE) continue;
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (WALL_CLOCK.test(line)) readers.push(`${path}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(readers).toEqual([]);
  });

  it('the scan recognises each way of reading the wall clock, and not a Date built from a value', () => {
    for (const read of ['new Date()', 'new Date;', 'const t = Date();', 'Date.now()', 'deps.now ?? Date.now', 'Temporal.Now.instant()']) {
      expect(WALL_CLOCK.test(read), read).toBe(true);
    }
    for (const built of ['new Date(ms)', "new Date('2026-12-01T09:00:00+08:00')", 'toShanghaiDate(clock())', 'const updatedAt = x']) {
      expect(WALL_CLOCK.test(built), built).toBe(false);
    }
  });

  it('a settable clock stands still until moved, and hands out copies', () => {
    const clock = new SettableClock(new Date('2026-12-01T09:00:00+08:00'));
    const first = clock.now();
    first.setFullYear(2030);
    expect(clock.now().toISOString()).toBe('2026-12-01T01:00:00.000Z');
    clock.set(new Date('2026-12-03T15:00:00+08:00'));
    expect(clock.now().toISOString()).toBe('2026-12-03T07:00:00.000Z');
  });
});
