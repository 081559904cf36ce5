import { join } from 'node:path';
import { type Change, readJournal } from '../../../src/store/journal.ts';
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
