import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import * as tar from 'tar';
import { listSegments } from './journal.ts';
import { LEGACY_LAYOUT, type Manifest, SnapshotFiles } from './snapshot.ts';
import { systemClock } from '../domain/clock.ts';

/**
 * Backups are a .tar.gz of the data directory's checkpoint and journal, taken while the service
 * runs. The archive is made from a private copy that is consistent by construction:
 *
 * 1. the manifest is read (its seq says which journal records the bucket files include);
 * 2. every bucket file it names is copied. Bucket files are only ever replaced whole (temp file +
 *    rename), so each copy is one complete version — the one the manifest names or a newer one.
 *    A newer bucket is harmless: start-up replays the journal from the manifest's seq, and each
 *    record writes whole documents. A named file already removed (a layout change) starts over;
 * 3. the journal is copied last, so it holds every record any copied bucket includes, and every
 *    record acknowledged before the backup began. A half-written last line is cut off.
 *
 * The archive is written under a temporary name and renamed only when complete: a failed backup
 * never leaves a file that looks like a backup.
 */
export async function createBackup(dataDir: string, outFile: string): Promise<{ file: string; bytes: number }> {
  if (!existsSync(join(dataDir, 'journal'))) throw new Error(`数据目录 ${dataDir} 里没有数据，无需备份。`);
  const out = resolve(outFile);
  mkdirSync(dirname(out), { recursive: true });
  const staging = mkdtempSync(join(dirname(out), '.fuyuan-backup-'));
  const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  try {
    copyConsistentPoint(dataDir, staging);
    await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, [...listFiles(staging, 'snapshot'), ...listFiles(staging, 'journal')]);
    await fsyncPath(partial);
    renameSync(partial, out);
    await fsyncPath(dirname(out));
    return { file: outFile, bytes: statSync(out).size };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
}

/** How many times a layout change under a running backup may make it start over. */
const COPY_ATTEMPTS = 5;

function copyConsistentPoint(dataDir: string, staging: string): void {
  for (let attempt = 1; ; attempt++) {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(join(staging, 'snapshot'), { recursive: true });
    mkdirSync(join(staging, 'journal'), { recursive: true });
    try {
      copySnapshot(join(dataDir, 'snapshot'), join(staging, 'snapshot'));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= COPY_ATTEMPTS) throw err;
    }
  }
  for (const seg of listSegments(join(dataDir, 'journal'))) {
    const bytes = readFileSync(seg.path);
    writeFileSync(join(staging, 'journal', basename(seg.path)), bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1));
  }
}

function copySnapshot(from: string, to: string): void {
  const files = new SnapshotFiles(from);
  let manifestText: string;
  try {
    manifestText = readFileSync(files.manifestPath(), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // no checkpoint yet: the journal is everything
    throw err;
  }
  const manifest = JSON.parse(manifestText) as Manifest;
  for (const [c, n] of Object.entries(manifest.buckets)) {
    for (let b = 0; b < n; b++) {
      const name = files.bucketFile(c, b, n, manifest.layout ?? LEGACY_LAYOUT);
      copyFileSync(join(from, name), join(to, name));
    }
  }
  writeFileSync(join(to, 'manifest.json'), manifestText);
}

export function defaultBackupName(now = systemClock()): string {
  return `fuyuan-backup-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.tar.gz`;
}

export function listFiles(dataDir: string, sub: string): string[] {
  const dir = join(dataDir, sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => `${sub}/${f}`);
}

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } catch {
    // Some file systems do not sync directories; the archive itself was synced.
  } finally {
    await fh.close();
  }
}
