import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from './store.ts';

/**
 * Keeps the in-memory state from growing without bound. Handled-message records are only needed
 * while a platform may still retry (seconds to minutes; DingTalk Stream re-pushes within about a
 * minute), so a week is plenty; sent outbox items guard against re-sending the same
 * idempotency key, which comes from a message or a job occurrence that will not recur after 30
 * days. A sent card with buttons is also where a later click is mapped back to its command
 * (WeCom's commandForButton), and a task's card is clicked when the work is done, often months
 * later: those stay a year. Dead letters stay until someone looks at them. The journal keeps
 * everything for the audit.
 */
export const INBOX_DAYS = 7;
export const SENT_DAYS = 30;
export const CARD_DAYS = 365;
/** A staged list nobody confirmed: its preview is long stale, the unit sends the file again. */
export const STAGED_IMPORT_DAYS = 7;
/** Exported spreadsheets and documents: the recipient has them; the journal can make them again. */
export const EXPORT_DAYS = 30;

export async function pruneOld(store: Store, now: Date): Promise<{ inbox: number; outbox: number; imports: number }> {
  const day = 24 * 60 * 60 * 1000;
  const inboxBefore = new Date(now.getTime() - INBOX_DAYS * day).toISOString();
  const sentBefore = new Date(now.getTime() - SENT_DAYS * day).toISOString();
  const cardBefore = new Date(now.getTime() - CARD_DAYS * day).toISOString();
  const inbox = [...store.values('inbox')].filter((r) => !r.pending && r.at < inboxBefore).map((r) => r.id);
  const outbox = store
    .lookup('outbox', 'state', 'sent')
    .filter((o) => (o.sentAt ?? o.createdAt) < (o.message.card?.buttons.length ? cardBefore : sentBefore))
    .map((o) => o.id);
  const stagedBefore = new Date(now.getTime() - STAGED_IMPORT_DAYS * day).toISOString();
  const imports = [...store.values('imports')].filter((b) => b.state === 'staged' && b.createdAt < stagedBefore).map((b) => b.id);
  // In slices, so a large clean-up never holds the writer for long.
  const ids = [
    ...inbox.map((id) => ['inbox', id] as const),
    ...outbox.map((id) => ['outbox', id] as const),
    ...imports.map((id) => ['imports', id] as const),
  ];
  for (let i = 0; i < ids.length; i += 500) {
    await store.transact({ actor: 'system', action: 'housekeeping' }, (tx) => {
      for (const [c, id] of ids.slice(i, i + 500)) tx.delete(c, id);
    });
  }
  return { inbox: inbox.length, outbox: outbox.length, imports: imports.length };
}

/**
 * Deletes exported files older than EXPORT_DAYS from DATA_DIR/exports/, except a file a message
 * still waiting in the outbox is about to send.
 */
export function pruneExports(store: Store, now: Date): number {
  const dir = join(store.dataDir, 'exports');
  if (!existsSync(dir)) return 0;
  const waiting = new Set(store.lookup('outbox', 'state', 'pending').flatMap((o) => (o.message.file ? [o.message.file.path] : [])));
  const before = now.getTime() - EXPORT_DAYS * 24 * 60 * 60 * 1000;
  let removed = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? dir, entry.name);
    if (waiting.has(path) || statSync(path).mtimeMs >= before) continue;
    rmSync(path, { force: true });
    removed++;
  }
  return removed;
}
