import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { syncDir } from './journal.ts';

/**
 * The checkpointed state, kept with lowdb. lowdb rewrites a whole file on every write, so the
 * state is split: one file per (collection, bucket), and a checkpoint rewrites only the buckets
 * that changed. Each file is written atomically (temp file + rename, by lowdb's steno writer),
 * then fsync'ed; the manifest is written last and names the journal position the files include.
 *
 * A crash in the middle of a checkpoint leaves some buckets newer than the manifest. That is
 * harmless: the journal is replayed from the manifest's position and every journal change writes
 * a whole document, so replaying it over a newer bucket gives the same result.
 *
 * Bucket files are named by their layout (`tasks.3of32.json`): when a collection's bucket count
 * changes, the documents are re-distributed into files the current manifest does not name, so a
 * crash half-way leaves the old layout whole. Files no manifest names any more are removed after
 * the manifest is written. (Data directories from before this scheme have `LEGACY_LAYOUT` files,
 * `tasks.0.json`; their first checkpoint rewrites every bucket under the new names.)
 */

/** The file naming of bucket files; a manifest without `layout` names legacy files. */
export const LAYOUT = 2;
export const LEGACY_LAYOUT = 1;

export interface Manifest {
  schemaVersion: number;
  /** How the bucket files are named (LAYOUT); absent in data directories written before it. */
  layout?: number;
  /** Every journal record up to and including this one is in the bucket files. */
  seq: number;
  writtenAt: string;
  /** Bucket count per collection, so a reader knows which files to expect. */
  buckets: Record<string, number>;
}

export class CorruptSnapshotError extends Error {
  override readonly name = 'CorruptSnapshotError';
}

type Items = Record<string, unknown>;

/** lowdb's JSONFile indents; compact JSON is a third smaller and faster to write. */
const compactJson = { parse: JSON.parse, stringify: (d: unknown) => JSON.stringify(d) };

export class SnapshotFiles {
  constructor(readonly dir: string) {}

  manifestPath(): string {
    return join(this.dir, 'manifest.json');
  }

  bucketFile(collection: string, bucket: number, count: number, layout = LAYOUT): string {
    return layout === LEGACY_LAYOUT ? `${collection}.${bucket}.json` : `${collection}.${bucket}of${count}.json`;
  }

  bucketPath(collection: string, bucket: number, count: number, layout = LAYOUT): string {
    return join(this.dir, this.bucketFile(collection, bucket, count, layout));
  }

  async readManifest(): Promise<Manifest | null> {
    const path = this.manifestPath();
    if (!existsSync(path)) return null;
    const m = await readJson<Manifest>(path);
    if (!m || typeof m.seq !== 'number' || typeof m.schemaVersion !== 'number' || typeof m.buckets !== 'object') {
      throw new CorruptSnapshotError(`状态文件 ${path} 已损坏或格式不对。`);
    }
    return m;
  }

  async readBucket(collection: string, bucket: number, count: number, layout = LAYOUT): Promise<Items> {
    const path = this.bucketPath(collection, bucket, count, layout);
    if (!existsSync(path)) {
      throw new CorruptSnapshotError(`状态文件 ${path} 缺失。`);
    }
    const data = await readJson<{ items: Items }>(path);
    if (!data || typeof data.items !== 'object' || data.items === null) {
      throw new CorruptSnapshotError(`状态文件 ${path} 已损坏或格式不对。`);
    }
    return data.items;
  }

  async writeBucket(collection: string, bucket: number, count: number, items: Items): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = this.bucketPath(collection, bucket, count);
    const db = new Low<{ items: Items }>(new DataFile<{ items: Items }>(path, compactJson), { items: {} });
    db.data = { items };
    await db.write();
    await fsyncFile(path);
  }

  async writeManifest(m: Manifest): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const db = new Low<Manifest>(new DataFile<Manifest>(this.manifestPath(), compactJson), m);
    db.data = m;
    await db.write();
    await fsyncFile(this.manifestPath());
    await syncDir(this.dir);
  }

  /**
   * Removes bucket files the manifest does not name (an old layout, a finished re-distribution).
   * Only after the manifest naming the new files is durable; a crash here leaves extra files,
   * which the next checkpoint removes.
   */
  removeUnlisted(m: Manifest): void {
    const named = new Set(['manifest.json']);
    for (const [c, n] of Object.entries(m.buckets)) for (let b = 0; b < n; b++) named.add(this.bucketFile(c, b, n, m.layout ?? LEGACY_LAYOUT));
    for (const f of this.files()) {
      if (named.has(f)) continue;
      try {
        unlinkSync(join(this.dir, f));
      } catch {
        // Gone already, or not ours to remove: the next checkpoint tries again.
      }
    }
  }

  /** Files present in the snapshot folder (for backups and checks). */
  files(): string[] {
    return existsSync(this.dir) ? readdirSync(this.dir).filter((f) => f.endsWith('.json')) : [];
  }
}

async function readJson<T>(path: string): Promise<T | null> {
  const db = new Low<T | null>(new DataFile<T | null>(path, compactJson), null);
  try {
    await db.read();
  } catch {
    throw new CorruptSnapshotError(`状态文件 ${path} 已损坏（不是完整的 JSON），服务拒绝在其上运行。请从备份恢复：npm run cli -- restore <备份文件>。`);
  }
  return db.data;
}

async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
