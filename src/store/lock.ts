import { closeSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * One process per data directory: lowdb and the journal are safe only with a single writer.
 *
 * The lock is a file holding the owner's pid, created in one atomic step: the pid is written to a
 * private temporary file, which is then hard-linked to the lock name (link fails if the name
 * exists). No one can ever read a lock file without its pid.
 *
 * A lock whose owner is gone (a crash, kill -9) is stale. It is never deleted to be taken over —
 * deleting after checking is a race (two processes both find it stale, the second deletes the
 * first's fresh lock). Instead each takeover creates the next generation, `LOCK.1`, `LOCK.2`, …
 * (the first is plain `LOCK`), again by an atomic link, so only one process wins each generation.
 * The holder is the owner of the highest generation: a winner checks after linking that no higher
 * generation exists, and a higher one is only ever created by someone who found the highest
 * owner dead. Older generations are removed by the holder.
 */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(readonly dir: string, readonly pid: number) {
    super(`数据目录 ${dir} 正被另一个进程（pid ${pid}）使用。一个数据目录只能由一个进程打开：请先停止那个进程，或换一个 DATA_DIR。`);
  }
}

export interface DirLock {
  release(): void;
}

/** Directories this process holds: a second open in the same process is refused too. */
const held = new Set<string>();

const LOCK_NAME = /^LOCK(?:\.(\d+))?$/;

export function lockFileName(generation: number): string {
  return generation === 0 ? 'LOCK' : `LOCK.${generation}`;
}

export function lockDataDir(dir: string): DirLock {
  const key = resolve(dir);
  if (held.has(key)) throw new DataDirLockedError(dir, process.pid);
  const tmp = join(dir, `.LOCK-${process.pid}-${Math.random().toString(36).slice(2)}`);
  writePidFile(tmp);
  try {
    // Each round either wins, finds a live owner, or sees the directory change under it; the
    // bound only stops a pathological loop.
    for (let round = 0; round < 100; round++) {
      const top = highestGeneration(dir);
      let next = 0;
      if (top !== undefined) {
        const content = readFileSafe(join(dir, lockFileName(top)));
        if (content === undefined) continue; // removed between listing and reading: look again
        const owner = Number(content);
        // Our own pid in a lock we do not hold is a leftover (a container restarted with the
        // same pid); any other live pid is a running service.
        if (owner !== process.pid && isAlive(owner)) throw new DataDirLockedError(dir, owner);
        next = top + 1;
      }
      const name = lockFileName(next);
      if (!tryLink(tmp, join(dir, name))) continue;
      if ((highestGeneration(dir) ?? 0) > next) {
        // A newer generation appeared while we were deciding: it holds the directory.
        unlinkQuietly(join(dir, name));
        continue;
      }
      removeOlderGenerations(dir, next);
      held.add(key);
      const path = join(dir, name);
      return {
        release() {
          held.delete(key);
          if (readFileSafe(path) === String(process.pid)) unlinkQuietly(path);
        },
      };
    }
    throw new DataDirLockedError(dir, Number(readFileSafe(join(dir, lockFileName(highestGeneration(dir) ?? 0)))) || 0);
  } finally {
    unlinkQuietly(tmp);
  }
}

function writePidFile(path: string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, String(process.pid));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function highestGeneration(dir: string): number | undefined {
  let top: number | undefined;
  for (const name of readdirSync(dir)) {
    const m = LOCK_NAME.exec(name);
    if (m) top = Math.max(top ?? 0, Number(m[1] ?? 0));
  }
  return top;
}

function removeOlderGenerations(dir: string, below: number): void {
  for (const name of readdirSync(dir)) {
    const m = LOCK_NAME.exec(name);
    if (m && Number(m[1] ?? 0) < below) unlinkQuietly(join(dir, name));
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
