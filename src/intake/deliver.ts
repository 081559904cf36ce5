/**
 * Messages to an enterprise: queued in the outbox only when the platform will take them
 * (window.ts), counted against the 5-message allowance in the same transaction. A staff reply
 * that cannot go now is kept in the ticket as `held` and goes out when the enterprise writes again.
 */
import type { Recipient } from '../domain/types.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { KfSession, Ticket, TicketMessage } from '../store/model.ts';
import type { Tx } from '../store/tx.ts';
import { type SendCheck, checkSend } from './window.ts';

export function customerRecipient(s: Pick<KfSession, 'openKfId' | 'externalUserId'>): Recipient {
  return { kind: 'external', externalUserId: s.externalUserId, openKfId: s.openKfId };
}

/** Queues `text` if the rules allow it now, and counts it; `session` is updated and stored. */
export function sendToCustomer(tx: Tx, now: Date, session: KfSession, text: string, key: string): SendCheck {
  const check = checkSend(session, now);
  if (!check.ok) return check;
  if (enqueue(tx, now, { to: customerRecipient(session), text, idempotencyKey: key })) {
    session.sentInWindow += 1;
    tx.put('kfSessions', session);
  }
  return check;
}

/**
 * The outbox key of a ticket's message: `ticket:Q12:m3` (its index in `messages`); a reply the
 * platform refused and that is sent again later gets `:r1`, `:r2` … (a key is never reused).
 */
export function replyKey(ticketId: string, index: number): string {
  return `ticket:${ticketId}:m${index}`;
}

function retryKey(ticketId: string, index: number, previous: string | undefined): string {
  const base = replyKey(ticketId, index);
  if (!previous) return base;
  const r = /:r(\d+)$/u.exec(previous);
  return `${base}:r${r ? Number(r[1]) + 1 : 1}`;
}

export function parseReplyKey(key: string): { ticketId: string; index: number } | undefined {
  const m = /^ticket:(Q\d+):m(\d+)(?::r\d+)?$/u.exec(key);
  return m ? { ticketId: m[1]!, index: Number(m[2]) } : undefined;
}

/** How a staff reply reads on the enterprise's phone. */
export function replyText(ticketId: string, text: string): string {
  return `纾困中心答复（${ticketId}）：\n${text}`;
}

/**
 * Adds a staff reply to the ticket and queues it, or holds it with the reason. Either way the
 * ticket counts as answered (the service level measures staff, who cannot open a closed window).
 */
export function replyToCustomer(
  tx: Tx,
  now: Date,
  t: Ticket,
  session: KfSession,
  text: string,
  by: { personId: string; unitId?: string },
): { check: SendCheck; message: TicketMessage } {
  const at = now.toISOString();
  const index = t.messages.length;
  const key = replyKey(t.id, index);
  const check = sendToCustomer(tx, now, session, replyText(t.id, text), key);
  const message: TicketMessage = {
    from: 'staff',
    text,
    at,
    by: by.personId,
    ...(by.unitId ? { unitId: by.unitId } : {}),
    ...(check.ok ? { delivery: 'queued' as const, outboxId: key } : { delivery: 'held' as const, heldReason: check.reason }),
  };
  t.messages.push(message);
  t.firstAnswerAt ??= at;
  if (t.state === '待受理') t.state = '处理中';
  t.updatedAt = at;
  return { check, message };
}

/** Sends the held replies of a ticket, oldest first, as far as the allowance goes. */
export function flushHeld(tx: Tx, now: Date, t: Ticket, session: KfSession): number {
  let sent = 0;
  for (const [index, m] of t.messages.entries()) {
    if (m.from !== 'staff' || m.delivery !== 'held') continue;
    const key = retryKey(t.id, index, m.outboxId);
    const check = sendToCustomer(tx, now, session, replyText(t.id, m.text), key);
    if (!check.ok) break;
    m.delivery = 'queued';
    m.outboxId = key;
    m.queuedAt = now.toISOString();
    delete m.heldReason;
    sent++;
  }
  return sent;
}

export function heldReplies(t: Pick<Ticket, 'messages'>): TicketMessage[] {
  return t.messages.filter((m) => m.from === 'staff' && m.delivery === 'held');
}
