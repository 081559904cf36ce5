import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import * as tar from 'tar';
import { listFiles } from './backup.ts';
import { systemClock } from '../domain/clock.ts';
import { lockDataDir } from './lock.ts';
import { Store } from './store.ts';

export interface BackupSummary {
  enterprises: number;
  journalSeq: number;
}

export class BadBackupError extends Error {
  override readonly name = 'BadBackupError';
}

/**
 * Opens a backup as the service would — extracted into a private directory and opened with the
 * store's own checks — and tells what it holds. Nothing outside that private directory changes.
 * This is the quarterly restore drill: `npm run cli -- backup --verify <file>`.
 */
export async function verifyBackup(file: string, inspect?: (store: Store) => void): Promise<BackupSummary> {
  const scratch = mkdtempSync(join(tmpdir(), 'fuyuan-verify-'));
  try {
    return await extractAndOpen(file, scratch, inspect);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Restores a backup into a data directory. Refuses while a service holds the directory; an
 * existing, non-empty directory is kept aside (renamed) only with `force`. The backup is
 * extracted beside the data directory and opened there first: a damaged backup is reported and
 * the data directory is left exactly as it was — nothing half-extracted, nothing renamed.
 */
export async function restoreBackup(file: string, dataDir: string, options: { force?: boolean } = {}): Promise<{ keptAside?: string } & BackupSummary> {
  if (!existsSync(file)) throw new BadBackupError(`找不到备份文件 ${file}。`);
  const target = resolve(dataDir);
  const hasData = existsSync(target) && readdirSync(target).some(isDataEntry);
  if (hasData) {
    lockDataDir(target).release(); // throws if a service is running on it
    if (!options.force) throw new Error(`数据目录 ${dataDir} 里已有数据。确认要用备份覆盖时加 --force（原数据会改名保留）。`);
  }
  mkdirSync(dirname(target), { recursive: true });
  // An existing, empty data directory may be a mount point (a Docker volume) that cannot be
  // replaced: the backup is staged inside it and its folders moved up. Otherwise it is staged
  // beside the directory and renamed into place in one step.
  const inPlace = existsSync(target) && !hasData;
  const staging = mkdtempSync(inPlace ? join(target, '.restoring-') : `${target}.restoring-`);
  try {
    const summary = await extractAndOpen(file, staging);
    let keptAside: string | undefined;
    if (inPlace) {
      for (const sub of ['snapshot', 'journal']) {
        rmSync(join(target, sub), { recursive: true, force: true }); // empty leftovers of an earlier start
        renameSync(join(staging, sub), join(target, sub));
      }
    } else {
      if (hasData) {
        keptAside = `${target}.before-restore-${systemClock().toISOString().replace(/[:.]/g, '-')}`;
        renameSync(target, keptAside);
      }
      renameSync(staging, target);
    }
    return { ...(keptAside ? { keptAside } : {}), ...summary };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function extractAndOpen(file: string, dir: string, inspect?: (store: Store) => void): Promise<BackupSummary> {
  try {
    await tar.extract({ file, cwd: dir, strict: true, filter: (path) => isDataPath(path) });
  } catch (err) {
    throw new BadBackupError(`备份文件 ${basename(file)} 已损坏或不是本系统的备份（${(err as Error).message}），未做任何改动。`);
  }
  if (listFiles(dir, 'journal').length === 0) throw new BadBackupError(`备份文件 ${basename(file)} 里没有日志，不是完整的备份，未做任何改动。`);
  const store = await Store.open(dir);
  try {
    inspect?.(store);
    return { enterprises: store.count('enterprises'), journalSeq: store.lastSeq };
  } finally {
    await store.close();
  }
}

/** Anything in a data directory other than lock files and hidden scratch files is data. */
function isDataEntry(name: string): boolean {
  return !/^LOCK(\.\d+)?$/.test(name) && !name.startsWith('.');
}

/** Only the store's own files are extracted: nothing outside journal/ and snapshot/. */
function isDataPath(path: string): boolean {
  const clean = path.replace(/^\.\//, '');
  return /^(journal|snapshot)\/[^/]+$/.test(clean) && !clean.includes('..');
}
