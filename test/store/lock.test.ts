import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/store/lock.ts';

/** A pid above Linux's pid_max: never a live process. */
const DEAD_PID = '999999999';

interface Racer {
  child: ChildProcessWithoutNullStreams;
  answers: AsyncIterator<string>;
}

async function startRacer(): Promise<Racer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/lock-racer.ts')]);
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  expect((await answers.next()).value).toBe('READY');
  return { child, answers };
}

async function race(racers: Racer[], dir: string): Promise<number> {
  for (const r of racers) r.child.stdin.write(`${dir}\n`);
  let winners = 0;
  for (const r of racers) if ((await r.answers.next()).value === `${dir} 1`) winners++;
  return winners;
}

describe('data-directory lock', () => {
  it('1,000 racing pairs (half on a stale lock from a dead process): never two holders, always one', { timeout: 60_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'fuyuan-lock-race-'));
    const racers = [await startRacer(), await startRacer()];
    const counts = new Map<number, number>();
    try {
      for (let i = 0; i < 1000; i++) {
        const dir = join(root, String(i));
        mkdirSync(dir);
        if (i % 2 === 1) writeFileSync(join(dir, 'LOCK'), DEAD_PID);
        const winners = await race(racers, dir);
        counts.set(winners, (counts.get(winners) ?? 0) + 1);
      }
    } finally {
      for (const r of racers) r.child.kill();
    }
    expect(Object.fromEntries(counts)).toEqual({ 1: 1000 });
  });

  it('takes over a stale lock, refuses while the owner lives, and leaves one lock file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuyuan-lock-'));
    writeFileSync(join(dir, 'LOCK'), DEAD_PID);
    const lock = lockDataDir(dir);
    expect(readdirSync(dir)).toEqual(['LOCK.1']);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('treats an empty lock file (left by an older version that crashed) as stale', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuyuan-lock-'));
    writeFileSync(join(dir, 'LOCK'), '');
    lockDataDir(dir).release();
  });
});
