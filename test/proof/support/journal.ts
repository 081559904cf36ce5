import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Change, type JournalRecord, listSegments, readJournal } from '../../../src/store/journal.ts';
import type { Store } from '../../../src/store/store.ts';

/** Every change journaled after `seq` (what a command did to the store, as the audit has it). */
export async function changesSince(store: Store, seq: number): Promise<Change[]> {
  await store.durable();
  return readJournal(join(store.dataDir, 'journal'), seq).records.flatMap((r) => r.changes);
}

/**
 * "Nothing changed": the only documents written are the handled-message records (kept so that a
 * platform retry gets the same answer) — no enterprise, task, push or anything else.
 */
export function onlyInbox(changes: readonly Change[]): boolean {
  return changes.every((c) => c.c === 'inbox');
}

export function describeChanges(changes: readonly Change[]): string {
  return changes.map((c) => `${c.c}:${c.id}`).join(', ');
}

/**
 * Reads the journal as it grows, from where it last stopped (byte offsets per segment), so a test
 * that checks thousands of messages does not re-read the whole segment each time.
 */
export class JournalTail {
  private readonly offsets = new Map<string, number>();

  constructor(private readonly store: Store) {
    for (const s of listSegments(this.dir)) this.offsets.set(s.path, statSync(s.path).size);
  }

  private get dir(): string {
    return join(this.store.dataDir, 'journal');
  }

  /** The records written since the last call (after everything applied is durable). */
  async next(): Promise<JournalRecord[]> {
    await this.store.durable();
    const out: JournalRecord[] = [];
    for (const s of listSegments(this.dir)) {
      const from = this.offsets.get(s.path) ?? 0;
      const size = statSync(s.path).size;
      if (size <= from) continue;
      const fd = openSync(s.path, 'r');
      try {
        const buf = Buffer.alloc(size - from);
        readSync(fd, buf, 0, buf.length, from);
        for (const line of buf.toString('utf8').split('\n')) if (line) out.push(JSON.parse(line) as JournalRecord);
      } finally {
        closeSync(fd);
      }
      this.offsets.set(s.path, size);
    }
    return out;
  }
}
