import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * One process per data directory: lowdb and the journal are safe only with a single writer.
 * The lock file holds the owner's pid; a lock whose owner is gone (a crash, kill -9) is stale
 * and taken over.
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

export function lockDataDir(dir: string): DirLock {
  const path = join(dir, 'LOCK');
  const key = resolve(dir);
  if (held.has(key)) throw new DataDirLockedError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(key);
      return {
        release() {
          held.delete(key);
          try {
            if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSafe(path));
      // Our own pid in a lock we do not hold is a leftover (a container restarted with the same
      // pid); any other live pid is a running service.
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(dir, owner);
      }
      // Stale lock from a process that died: remove it and try once more.
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed it first; the next attempt decides.
      }
    }
  }
  throw new DataDirLockedError(dir, Number(readFileSafe(path)) || 0);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
