import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { logger } from '../log/log.ts';
import { systemClock } from '../domain/clock.ts';
import { bucketCount } from './indexes.ts';
import { type DirLock, lockDataDir } from './lock.ts';
import { dropTornTail, type JournalRecord, JournalWriter, readJournal } from './journal.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import type { CollectionName, Collections } from './model.ts';
import { LAYOUT, LEGACY_LAYOUT, type Manifest, SnapshotFiles } from './snapshot.ts';
import { MemoryState } from './state.ts';
import { Tx } from './tx.ts';

export interface CommitMeta {
  actor: string;
  action: string;
  source?: string;
}

/**
 * Journal records between checkpoints. FUYUAN_CHECKPOINT_EVERY changes it for a whole service — the
 * crash proof sets it low so that kills land in the middle of checkpoints too.
 */
const DEFAULT_CHECKPOINT_EVERY = Number(process.env.FUYUAN_CHECKPOINT_EVERY) || 5000;

export interface StoreOptions {
  /** Checkpoint after this many journal records (default 5000). */
  checkpointEvery?: number;
  /** Injected for tests of the migration mechanism. */
  migrations?: Migration[];
  /** The app's clock (createApp passes it); a store opened on its own (tools, tests) stamps the machine's time. */
  clock?: () => Date;
}

export class FutureSchemaError extends Error {
  override readonly name = 'FutureSchemaError';
}

/**
 * The store: in-memory state, made durable by the journal and checkpointed into lowdb files.
 *
 * - `transact` runs one change at a time (a single writer), applies it in memory at once and
 *   resolves only when its journal record is on disk: callers acknowledge after that.
 * - reads are synchronous and see every applied change; `durable()` waits until what has been
 *   applied is also on disk, so a read-only answer never reveals a change that could be lost.
 * - start-up loads the checkpoint and replays the journal after it. A damaged file stops the
 *   service with a clear message; it is never replaced by an empty store.
 */
export class Store {
  private seq = 0;
  private sinceCheckpoint = 0;
  private lock: DirLock | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private checkpointing: Promise<void> | undefined;
  private lastWrite: Promise<void> = Promise.resolve();
  readonly warnings: string[] = [];

  private constructor(
    readonly dataDir: string,
    private readonly state: MemoryState,
    private readonly journal: JournalWriter,
    private readonly snapshot: SnapshotFiles,
    private readonly options: StoreOptions,
  ) {}

  static async open(dataDir: string, options: StoreOptions = {}): Promise<Store> {
    mkdirSync(join(dataDir, 'journal'), { recursive: true });
    mkdirSync(join(dataDir, 'snapshot'), { recursive: true });
    const lock = lockDataDir(dataDir);
    try {
      const state = new MemoryState();
      const snapshot = new SnapshotFiles(join(dataDir, 'snapshot'));
      const journal = new JournalWriter(join(dataDir, 'journal'));
      const store = new Store(dataDir, state, journal, snapshot, options);
      store.lock = lock;
      const manifest = await snapshot.readManifest();
      if (manifest) await store.loadCheckpoint(manifest);
      const { records, tornTail } = readJournal(join(dataDir, 'journal'), manifest?.seq ?? 0);
      if (tornTail) {
        dropTornTail(tornTail);
        store.warnings.push(`日志末尾有一条写了一半的记录（${tornTail.bytes} 字节，进程中断时未确认），已丢弃。`);
      }
      for (const r of records) store.replay(r);
      store.seq = records.at(-1)?.seq ?? manifest?.seq ?? 0;
      store.sinceCheckpoint = records.length;
      await journal.open(store.seq + 1, false);
      await store.migrate();
      for (const w of store.warnings) logger.warn({ dataDir }, w);
      return store;
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  // ---- reads -------------------------------------------------------------------------------

  get<C extends CollectionName>(c: C, id: string): Readonly<Collections[C]> | undefined {
    return this.state.get(c, id);
  }

  values<C extends CollectionName>(c: C): Iterable<Readonly<Collections[C]>> {
    return this.state.values(c);
  }

  lookup<C extends CollectionName>(c: C, index: string, key: string): Readonly<Collections[C]>[] {
    return this.state.lookup(c, index, key);
  }

  count(c: CollectionName): number {
    return this.state.count(c);
  }

  get lastSeq(): number {
    return this.seq;
  }

  // ---- writes ------------------------------------------------------------------------------

  /**
   * Runs `fn` alone (no other transaction interleaves), commits what it staged as one journal
   * record, and resolves with its result once that record is durable — or, when it staged nothing,
   * once every change it could have read is. If `fn` throws, nothing changes.
   */
  transact<T>(meta: CommitMeta, fn: (tx: Tx) => T | Promise<T>): Promise<T> {
    let durable: Promise<void> = Promise.resolve();
    const run = this.chain.then(async () => {
      const tx = new Tx(this.state);
      const result = await fn(tx);
      // A transaction that only read resolves once what it could have read is on disk.
      durable = tx.isEmpty ? this.lastWrite : this.commit(tx, meta);
      return result;
    });
    // The next transaction waits for this one to be applied, not for its fsync.
    this.chain = run.catch(() => undefined);
    return run.then(async (result) => {
      await durable;
      return result;
    });
  }

  /** Resolves when every change applied so far is on disk. */
  async durable(): Promise<void> {
    await this.chain;
    await this.lastWrite;
  }

  private commit(tx: Tx, meta: CommitMeta): Promise<void> {
    const record: JournalRecord = {
      seq: ++this.seq,
      at: (this.options.clock ?? systemClock)().toISOString(),
      actor: meta.actor,
      ...(meta.source ? { source: meta.source } : {}),
      action: meta.action,
      changes: tx.changes(),
    };
    for (const ch of record.changes) this.state.apply(ch);
    const written = this.journal.append(record);
    this.lastWrite = written;
    this.sinceCheckpoint++;
    if (this.sinceCheckpoint >= (this.options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY) && !this.checkpointing) {
      written.then(() => this.checkpoint()).catch((err) => logger.error({ err }, 'checkpoint failed'));
    }
    return written.catch((err) => {
      // The journal could not be written: memory is ahead of disk, so nothing may be
      // acknowledged any more. Stop rather than answer from state that could be lost.
      logger.fatal({ err }, 'journal write failed; stopping');
      process.exitCode = 70;
      setImmediate(() => process.exit(70));
      throw err;
    });
  }

  // ---- checkpoints -------------------------------------------------------------------------

  /** Writes the changed buckets and a manifest, then starts a new journal segment. */
  checkpoint(): Promise<void> {
    if (!this.checkpointing) {
      this.checkpointing = this.runCheckpoint().finally(() => {
        this.checkpointing = undefined;
      });
    }
    return this.checkpointing;
  }

  private async runCheckpoint(): Promise<void> {
    // Capture a consistent cut: no transaction runs between these lines.
    await this.chain;
    const seq = this.seq;
    const dirty = [...this.state.dirty];
    this.state.dirty.clear();
    const copies = dirty.map((key) => {
      const [c, b] = key.split(':') as [string, string];
      return { c, b: Number(b), items: this.state.bucketItems(c, Number(b)) };
    });
    this.sinceCheckpoint = 0;
    try {
      await this.journal.drain();
      for (const { c, b, items } of copies) {
        await this.snapshot.writeBucket(c, b, bucketCount(c), items);
        // Let commands run between buckets so a checkpoint never stalls the bot.
        await new Promise((r) => setImmediate(r));
      }
      const buckets: Record<string, number> = {};
      for (const c of new Set([...this.state.collections(), ...copies.map((x) => x.c)])) buckets[c] = bucketCount(c);
      await this.ensureAllBucketFiles(buckets);
      const manifest: Manifest = { schemaVersion: this.schemaVersion(), layout: LAYOUT, seq, writtenAt: (this.options.clock ?? systemClock)().toISOString(), buckets };
      await this.snapshot.writeManifest(manifest);
      this.snapshot.removeUnlisted(manifest);
      this.journal.rotate();
    } catch (err) {
      for (const key of dirty) this.state.dirty.add(key);
      throw err;
    }
  }

  /** Every bucket the manifest names must exist, even an empty one never written before. */
  private async ensureAllBucketFiles(buckets: Record<string, number>): Promise<void> {
    const present = new Set(this.snapshot.files());
    for (const [c, n] of Object.entries(buckets)) {
      for (let b = 0; b < n; b++) {
        if (!present.has(this.snapshot.bucketFile(c, b, n))) await this.snapshot.writeBucket(c, b, n, this.state.bucketItems(c, b));
      }
    }
  }

  async close(): Promise<void> {
    await this.chain;
    await this.checkpoint().catch((err) => logger.error({ err }, 'final checkpoint failed'));
    await this.journal.close();
    this.lock?.release();
    this.lock = undefined;
  }

  // ---- start-up ------------------------------------------------------------------------------

  private async loadCheckpoint(m: Manifest): Promise<void> {
    const layout = m.layout ?? LEGACY_LAYOUT;
    for (const [c, n] of Object.entries(m.buckets)) {
      for (let b = 0; b < n; b++) this.state.load(c, await this.snapshot.readBucket(c, b, n, layout));
    }
    // Loading is not a change. A changed bucket count re-distributes the documents, and files of an
    // older naming are replaced: such collections are written whole, into new files, at the next
    // checkpoint (see snapshot.ts for why that is crash-safe).
    this.state.dirty.clear();
    for (const [c, n] of Object.entries(m.buckets)) {
      if (n !== bucketCount(c) || layout !== LAYOUT) for (let b = 0; b < bucketCount(c); b++) this.state.dirty.add(`${c}:${b}`);
    }
  }

  private replay(r: JournalRecord): void {
    for (const ch of r.changes) this.state.apply(ch);
  }

  schemaVersion(): number {
    const v = this.state.get('settings', 'schemaVersion')?.value;
    return typeof v === 'number' ? v : 1;
  }

  private async migrate(): Promise<void> {
    const migrations = this.options.migrations ?? MIGRATIONS;
    const target = migrations.length + 1;
    const current = this.schemaVersion();
    if (current > target) {
      throw new FutureSchemaError(`数据目录的数据版本（${current}）比本程序支持的（${target}）新，请升级程序后再启动。`);
    }
    for (let v = current; v < target; v++) {
      await this.transact({ actor: 'system', action: `migrate:${v}->${v + 1}` }, (tx) => {
        migrations[v - 1]!(tx);
        tx.put('settings', { id: 'schemaVersion', value: v + 1 });
      });
    }
  }
}
