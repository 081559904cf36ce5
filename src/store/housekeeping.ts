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

export async function pruneOld(store: Store, now: Date): Promise<{ inbox: number; outbox: number }> {
  const day = 24 * 60 * 60 * 1000;
  const inboxBefore = new Date(now.getTime() - INBOX_DAYS * day).toISOString();
  const sentBefore = new Date(now.getTime() - SENT_DAYS * day).toISOString();
  const cardBefore = new Date(now.getTime() - CARD_DAYS * day).toISOString();
  const inbox = [...store.values('inbox')].filter((r) => !r.pending && r.at < inboxBefore).map((r) => r.id);
  const outbox = store
    .lookup('outbox', 'state', 'sent')
    .filter((o) => (o.sentAt ?? o.createdAt) < (o.message.card?.buttons.length ? cardBefore : sentBefore))
    .map((o) => o.id);
  // In slices, so a large clean-up never holds the writer for long.
  const ids = [...inbox.map((id) => ['inbox', id] as const), ...outbox.map((id) => ['outbox', id] as const)];
  for (let i = 0; i < ids.length; i += 500) {
    await store.transact({ actor: 'system', action: 'housekeeping' }, (tx) => {
      for (const [c, id] of ids.slice(i, i + 500)) tx.delete(c, id);
    });
  }
  return { inbox: inbox.length, outbox: outbox.length };
}
