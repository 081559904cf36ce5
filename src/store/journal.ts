import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, truncateSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The append-only journal: the audit trail (who, what, when, from which message) and the
 * write-ahead log of the store at once. A record is durable once its line is written and
 * fdatasync'ed; only then is the change acknowledged to anyone.
 *
 * Writes are group-committed: records that arrive while a flush is under way are written and
 * synced together by the next flush, so 20 people typing at once cost one fsync, not 20.
 *
 * Files are segments named by the first sequence number they hold (`000000000001.jsonl`). Old
 * segments are never deleted: they are the audit journal.
 */

export interface Change {
  /** Collection name. */
  c: string;
  id: string;
  /** The whole new document, or null for a deletion. */
  v: unknown;
}

export interface JournalRecord {
  seq: number;
  at: string;
  /** Person id, or `system` / `scheduler` for the service's own changes. */
  actor: string;
  /** The message that caused it, `channel:messageId`, when there is one. */
  source?: string;
  /** The command or job, e.g. `登记`, `schedule:daily-digest`. */
  action: string;
  changes: Change[];
}

export class CorruptJournalError extends Error {
  override readonly name = 'CorruptJournalError';
}

const SEGMENT = /^(\d{12})\.jsonl$/;

export function segmentName(firstSeq: number): string {
  return `${String(firstSeq).padStart(12, '0')}.jsonl`;
}

export function listSegments(dir: string): { firstSeq: number; path: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => ({ m: SEGMENT.exec(n), n }))
    .filter((x): x is { m: RegExpExecArray; n: string } => x.m !== null)
    .map((x) => ({ firstSeq: Number(x.m[1]), path: join(dir, x.n) }))
    .sort((a, b) => a.firstSeq - b.firstSeq);
}

export interface ReadResult {
  records: JournalRecord[];
  /** A half-written last line from a crash: it was never acknowledged, so it is dropped. */
  tornTail?: { path: string; bytes: number };
}

/**
 * Reads every record with seq > afterSeq. A torn last line (no newline, unparseable) in the last
 * segment is reported and dropped; anything else that does not parse, or a gap in the sequence,
 * is corruption and stops the service from running on it.
 */
export function readJournal(dir: string, afterSeq: number): ReadResult {
  const segments = listSegments(dir);
  // Start at the last segment that may contain afterSeq + 1.
  let start = 0;
  for (let i = 0; i < segments.length; i++) if (segments[i]!.firstSeq <= afterSeq + 1) start = i;
  const records: JournalRecord[] = [];
  let tornTail: ReadResult['tornTail'];
  let expected: number | undefined;
  for (let i = start; i < segments.length; i++) {
    const seg = segments[i]!;
    const bytes = readFileSync(seg.path);
    const text = bytes.toString('utf8');
    const lines = text.split('\n');
    const endsClean = text.length === 0 || text.endsWith('\n');
    const last = lines.length - 1; // after a trailing \n this is ''
    for (let l = 0; l < lines.length; l++) {
      const line = lines[l]!;
      if (line === '') continue;
      let rec: JournalRecord;
      try {
        rec = JSON.parse(line) as JournalRecord;
      } catch {
        const isTornTail = l === last && !endsClean && i === segments.length - 1;
        if (isTornTail) {
          // Measured in the file's bytes, never in the decoded text: a tail cut inside a multi-byte
          // character decodes to U+FFFD, whose 3 bytes are not the 1 or 2 on disk.
          tornTail = { path: seg.path, bytes: bytes.length - (bytes.lastIndexOf(0x0a) + 1) };
          break;
        }
        throw new CorruptJournalError(`日志文件 ${seg.path} 第 ${l + 1} 行已损坏，无法读取。`);
      }
      if (typeof rec.seq !== 'number' || !Array.isArray(rec.changes)) {
        throw new CorruptJournalError(`日志文件 ${seg.path} 第 ${l + 1} 行格式不对。`);
      }
      if (expected !== undefined && rec.seq !== expected) {
        throw new CorruptJournalError(`日志文件 ${seg.path} 第 ${l + 1} 行序号应为 ${expected}，实为 ${rec.seq}。`);
      }
      expected = rec.seq + 1;
      if (rec.seq > afterSeq) records.push(rec);
    }
  }
  if (records.length > 0 && records[0]!.seq !== afterSeq + 1) {
    throw new CorruptJournalError(`日志缺少第 ${afterSeq + 1} 条到第 ${records[0]!.seq - 1} 条记录。`);
  }
  return { records, ...(tornTail ? { tornTail } : {}) };
}

/** Cuts a torn tail off so new records start on a clean line. */
export function dropTornTail(tail: { path: string; bytes: number }): void {
  const size = readFileSync(tail.path).length;
  truncateSync(tail.path, size - tail.bytes);
  const fd = openSync(tail.path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The journal could not be written (a full disk, an I/O error). Nothing of the records it refused
 * reached the disk, so the changes are undone and the caller is told — never acknowledged.
 */
export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError';
  constructor(override readonly cause: unknown) {
    super('服务器磁盘已满或暂时无法写入，这次的更改没有保存，请稍后再试。管理员已在系统状态中看到这个问题。');
  }
}

/** How the writer opens segment files; a test injects a file handle that fails like a full disk. */
export type OpenFile = (path: string, flags: string) => Promise<FileHandle>;

interface Pending {
  seq: number;
  line: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class JournalWriter {
  private fh: FileHandle | undefined;
  private segmentPath = '';
  private queue: Pending[] = [];
  /** Every file operation runs on this chain, so a rotation never races a write. */
  private io: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private rotatePending = false;
  /** Size of the current segment up to the last record made durable. */
  private durableSize = 0;
  /** A failed write may have left part of a record after durableSize: cut before writing again. */
  private tailDirty = false;

  /**
   * @param onFailure called synchronously, before any caller hears of it, with the first seq the
   *   failed write refused (that record and every later one were not written).
   */
  constructor(
    private readonly dir: string,
    private readonly onFailure: (firstSeq: number, err: StoreWriteError) => void = () => undefined,
    private readonly openFile: OpenFile = open,
  ) {}

  /** Opens (or creates) the segment that records from `nextSeq` on go to. */
  async open(nextSeq: number, startNewSegment: boolean): Promise<void> {
    const segments = listSegments(this.dir);
    const current = segments.at(-1);
    const path = startNewSegment || !current ? join(this.dir, segmentName(nextSeq)) : current.path;
    await this.onIo(() => this.switchTo(path));
  }

  /**
   * Starts a new segment (after a checkpoint), so start-up replays only what came since. The new
   * file is created by the next write and named after the first record in it.
   */
  rotate(): void {
    this.rotatePending = true;
  }

  get currentSegment(): string {
    return this.segmentPath;
  }

  /** Appends a record; resolves once it is on disk. */
  append(record: JournalRecord): Promise<void> {
    const line = JSON.stringify(record) + '\n';
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ seq: record.seq, line, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        void this.onIo(() => this.flushLoop());
      }
    });
  }

  /** Resolves when everything appended so far is durable. */
  async drain(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.io) {
      seen = this.io;
      await seen;
    }
  }

  async close(): Promise<void> {
    await this.drain();
    await this.onIo(async () => {
      await this.fh?.close();
      this.fh = undefined;
    });
  }

  private onIo(op: () => Promise<void>): Promise<void> {
    const next = this.io.then(op);
    this.io = next.catch(() => undefined);
    return next;
  }

  private async switchTo(path: string): Promise<void> {
    await this.fh?.close();
    this.fh = undefined;
    const fh = await this.openFile(path, 'a');
    this.durableSize = (await fh.stat()).size;
    this.fh = fh;
    this.segmentPath = path;
    await syncDir(this.dir);
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          if (this.rotatePending) {
            await this.switchTo(join(this.dir, segmentName(batch[0]!.seq)));
            this.rotatePending = false;
          }
          if (!this.fh) throw new Error('journal is not open');
          if (this.tailDirty) {
            await this.fh.truncate(this.durableSize);
            this.tailDirty = false;
          }
          const bytes = Buffer.from(batch.map((p) => p.line).join(''));
          this.tailDirty = true;
          await writeAll(this.fh, bytes);
          await this.fh.datasync();
          this.tailDirty = false;
          this.durableSize += bytes.length;
          for (const p of batch) p.resolve();
        } catch (cause) {
          // Nothing of this batch is acknowledged, nor anything queued behind it (its records
          // follow in sequence). The store undoes them before anyone hears of it; the next write
          // first cuts off whatever part of the batch reached the file, so a freed disk is used
          // again without a restart.
          const err = new StoreWriteError(cause);
          const refused = [...batch, ...this.queue];
          this.queue = [];
          this.onFailure(refused[0]!.seq, err);
          for (const p of refused) p.reject(err);
        }
      }
    } finally {
      this.flushScheduled = false;
    }
  }
}

/**
 * Writes every byte or throws. A write on a nearly full disk can write part of the buffer and
 * report it in bytesWritten without an error; that part must never pass for the whole.
 */
async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, offset, bytes.length - offset);
    if (bytesWritten <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

/** fsync a directory so a newly created or renamed file survives a power cut. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some file systems do not allow syncing directories; the data files are synced anyway.
  }
}
