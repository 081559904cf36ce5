import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { logger } from '../log/log.ts';
import { systemClock } from '../domain/clock.ts';
import { bucketCount } from './indexes.ts';
import { type DirLock, lockDataDir } from './lock.ts';
import { type Change, dropTornTail, type JournalRecord, JournalWriter, type OpenFile, readJournal, StoreWriteError } from './journal.ts';
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
  /** Injected by tests to make journal writes fail as on a full disk. */
  openFile?: OpenFile;
}

/** The journal could not be written: shown on /healthz and to the admins until a write succeeds. */
export interface WriteProblem {
  since: string;
  /** The system's own words (ENOSPC …), for the administrator. */
  detail: string;
  /** Changes refused since it began. */
  refused: number;
}

export class FutureSchemaError extends Error {
  override readonly name = 'FutureSchemaError';
}

/** The data directory is read-only or not ours to write: said in one sentence, not a stack trace. */
export class DataDirUnwritableError extends Error {
  override readonly name = 'DataDirUnwritableError';
  constructor(dataDir: string, code: string) {
    super(`数据目录 ${dataDir} 无法写入（${code === 'EROFS' ? '所在磁盘是只读的' : '没有写入权限'}）。服务必须能写数据目录：请换一个可写的 DATA_DIR，或给运行服务的用户写权限。`);
  }
}

const UNWRITABLE = new Set(['EROFS', 'EACCES', 'EPERM']);

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
  /** Applied in memory, not yet durable, with what each change replaced: undone if the write fails. */
  private undurable: { seq: number; undo: Change[] }[] = [];
  /** Counts write failures; a transaction that began before one read state that was undone. */
  private epoch = 0;
  private problem: WriteProblem | undefined;
  private readonly recoveredListeners: ((problem: WriteProblem) => void)[] = [];
  readonly warnings: string[] = [];

  private constructor(
    readonly dataDir: string,
    private readonly state: MemoryState,
    private readonly journal: JournalWriter,
    private readonly snapshot: SnapshotFiles,
    private readonly options: StoreOptions,
  ) {}

  static async open(dataDir: string, options: StoreOptions = {}): Promise<Store> {
    try {
      return await Store.openWritable(dataDir, options);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code && UNWRITABLE.has(code)) throw new DataDirUnwritableError(dataDir, code);
      throw err;
    }
  }

  private static async openWritable(dataDir: string, options: StoreOptions): Promise<Store> {
    mkdirSync(join(dataDir, 'journal'), { recursive: true });
    mkdirSync(join(dataDir, 'snapshot'), { recursive: true });
    const lock = lockDataDir(dataDir);
    try {
      const state = new MemoryState();
      const snapshot = new SnapshotFiles(join(dataDir, 'snapshot'));
      let store: Store | undefined;
      const journal = new JournalWriter(join(dataDir, 'journal'), (seq, err) => store?.undoFrom(seq, err), options.openFile);
      store = new Store(dataDir, state, journal, snapshot, options);
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

  /** Called once the disk takes changes again after a WriteProblem, with what it was. */
  onWriteRecovered(listener: (problem: WriteProblem) => void): void {
    this.recoveredListeners.push(listener);
  }

  /** Set while the journal cannot be written (a full disk); cleared by the next durable change. */
  get writeProblem(): Readonly<WriteProblem> | undefined {
    return this.problem;
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
      const epoch = this.epoch;
      const result = await fn(tx);
      // A write failed while fn ran: what it read may have been undone, so it must not commit.
      if (this.epoch !== epoch) throw new StoreWriteError(this.problem?.detail);
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
      at: this.now().toISOString(),
      actor: meta.actor,
      ...(meta.source ? { source: meta.source } : {}),
      action: meta.action,
      changes: tx.changes(),
    };
    const undo = record.changes.map((ch) => ({ c: ch.c, id: ch.id, v: this.state.get(ch.c as CollectionName, ch.id) ?? null }));
    this.undurable.push({ seq: record.seq, undo });
    for (const ch of record.changes) this.state.apply(ch);
    const written = this.journal.append(record).then(() => {
      while (this.undurable.length > 0 && this.undurable[0]!.seq <= record.seq) this.undurable.shift();
      const ended = this.problem;
      this.problem = undefined;
      if (ended) for (const listener of this.recoveredListeners) listener(ended);
    });
    this.lastWrite = written;
    this.sinceCheckpoint++;
    if (this.sinceCheckpoint >= (this.options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY) && !this.checkpointing) {
      written.then(() => this.checkpoint()).catch((err) => logger.error({ err }, 'checkpoint failed'));
    }
    return written;
  }

  /**
   * The journal refused the records from `seq` on (JournalWriter calls this synchronously, before
   * any caller hears of it): undo them in memory, newest first, so memory equals the disk again.
   * The service stays up and answers; the next change tries the disk again.
   */
  private undoFrom(seq: number, err: StoreWriteError): void {
    const refused = this.undurable.filter((u) => u.seq >= seq);
    this.undurable = this.undurable.filter((u) => u.seq < seq);
    for (const { undo } of refused.reverse()) for (const ch of undo) this.state.apply(ch);
    this.seq = seq - 1;
    this.sinceCheckpoint = Math.max(0, this.sinceCheckpoint - refused.length);
    this.epoch++;
    this.lastWrite = Promise.resolve();
    const detail = err.cause instanceof Error ? err.cause.message : String(err.cause);
    this.problem = { since: this.problem?.since ?? this.now().toISOString(), detail, refused: (this.problem?.refused ?? 0) + refused.length };
    logger.error({ err: err.cause, refused: refused.length }, 'journal write failed; changes undone, nothing acknowledged');
  }

  /** The store's clock (injected in tests and rehearsals). */
  now(): Date {
    return (this.options.clock ?? systemClock)();
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
    const epoch = this.epoch;
    const dirty = [...this.state.dirty];
    this.state.dirty.clear();
    const copies = dirty.map((key) => {
      const [c, b] = key.split(':') as [string, string];
      return { c, b: Number(b), items: this.state.bucketItems(c, Number(b)) };
    });
    this.sinceCheckpoint = 0;
    try {
      await this.journal.drain();
      // The copies include changes a failed write has since undone: they must not be saved.
      if (this.epoch !== epoch) throw new StoreWriteError(this.problem?.detail);
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
