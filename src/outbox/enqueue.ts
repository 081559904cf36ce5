import type { OutboundMessage } from '../domain/types.ts';
import type { Tx } from '../store/tx.ts';

/**
 * Puts a message in the outbox inside the caller's transaction, so it is sent if and only if the
 * change that caused it is committed (the transactional-outbox pattern). A message whose
 * idempotency key is already there is not queued again.
 */
export function enqueue(tx: Tx, now: Date, message: OutboundMessage): boolean {
  if (tx.get('outbox', message.idempotencyKey)) return false;
  tx.put('outbox', {
    id: message.idempotencyKey,
    message,
    state: 'pending',
    attempts: 0,
    createdAt: now.toISOString(),
    dueAt: now.toISOString(),
  });
  return true;
}
