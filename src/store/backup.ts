import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import * as tar from 'tar';
import { lockDataDir } from './lock.ts';
import { Store } from './store.ts';

/**
 * Backups are a .tar.gz of the data directory: the checkpoint files first, then the journal.
 * That order makes a backup taken while the service runs consistent: start-up replays the journal
 * over the checkpoint, and the journal copy holds at least every record the checkpoint includes
 * (a torn last line is dropped as after any crash).
 */
export async function createBackup(dataDir: string, outFile: string): Promise<{ file: string; bytes: number }> {
  if (!existsSync(join(dataDir, 'journal'))) throw new Error(`数据目录 ${dataDir} 里没有数据，无需备份。`);
  const entries = [
    ...listFiles(dataDir, 'snapshot').filter((f) => !f.endsWith('manifest.json')),
    ...listFiles(dataDir, 'snapshot').filter((f) => f.endsWith('manifest.json')),
    ...listFiles(dataDir, 'journal'),
  ];
  mkdirSync(dirname(resolve(outFile)), { recursive: true });
  await tar.create({ gzip: true, file: outFile, cwd: dataDir, portable: true }, entries);
  return { file: outFile, bytes: statSync(outFile).size };
}

/**
 * Restores a backup into a data directory. Refuses while a service holds the directory; an
 * existing, non-empty directory is kept aside (renamed) only with `force`. The restored data is
 * opened once before the restore is reported done, so a broken backup is found now, not at the
 * next start.
 */
export async function restoreBackup(file: string, dataDir: string, options: { force?: boolean } = {}): Promise<{ keptAside?: string; enterprises: number; journalSeq: number }> {
  if (!existsSync(file)) throw new Error(`找不到备份文件 ${file}。`);
  let keptAside: string | undefined;
  if (existsSync(dataDir) && readdirSync(dataDir).some((f) => !/^LOCK(\.\d+)?$/.test(f) && !f.startsWith('.'))) {
    lockDataDir(dataDir).release(); // throws if a service is running on it
    if (!options.force) throw new Error(`数据目录 ${dataDir} 里已有数据。确认要用备份覆盖时加 --force（原数据会改名保留）。`);
    keptAside = `${resolve(dataDir)}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, keptAside);
  }
  mkdirSync(dataDir, { recursive: true });
  await tar.extract({ file, cwd: dataDir, strict: true, filter: (path) => isDataPath(path) });
  const store = await Store.open(dataDir);
  const summary = { enterprises: store.count('enterprises'), journalSeq: store.lastSeq };
  await store.close();
  return { ...(keptAside ? { keptAside } : {}), ...summary };
}

export function defaultBackupName(now = new Date()): string {
  return `fuyuan-backup-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.tar.gz`;
}

function listFiles(dataDir: string, sub: string): string[] {
  const dir = join(dataDir, sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => `${sub}/${f}`);
}

/** Only the store's own files are extracted: nothing outside journal/ and snapshot/. */
function isDataPath(path: string): boolean {
  const clean = path.replace(/^\.\//, '');
  return /^(journal|snapshot)\/[^/]+$/.test(clean) && basename(clean) !== 'LOCK' && !clean.includes('..');
}
