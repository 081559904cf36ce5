/** The service's own records: id counters, handled messages, the outbox, settings, pending confirmations. */
import type { Reply } from '../../domain/types.ts';
import type { InboundMessage, OutboundMessage } from '../../domain/types.ts';

export interface Counter {
  id: string;
  next: number;
}

/**
 * A message already acted on: the de-duplication record, with the replies to give a retry.
 * `pending` marks a message a channel acknowledged before it was handled (its reply time ran
 * out): it is kept with the message itself so that a restart handles it instead of losing it.
 */
export interface InboxRecord {
  /** `${channel}:${messageId}` */
  id: string;
  at: string;
  replies: Reply[];
  pending?: { message: InboundMessage; repliesViaOutbox: boolean };
}

/** withdrawn: never sent, because a later change made it false (src/outbox/stale.ts). */
export type OutboxState = 'pending' | 'sent' | 'dead' | 'withdrawn';

export interface OutboxItem {
  /** The idempotency key: nothing with the same key is sent twice. */
  id: string;
  message: OutboundMessage;
  state: OutboxState;
  attempts: number;
  createdAt: string;
  /** Not before this instant (back-off, rate limits). */
  dueAt: string;
  sentAt?: string;
  lastError?: string;
  /** Parts of a multi-part message the platform already accepted (see SendProgress). */
  partsDone?: number;
}

/** Free-form key-value settings the service keeps (e.g. when the last daily digest went out). */
export interface Setting {
  id: string;
  value: unknown;
}

/** A command waiting for its 确认 (hard-to-undo side effects ask first). */
export interface PendingConfirmation {
  /** `${personId}:${chatId}`: one pending question per person and chat. */
  id: string;
  text: string;
  question: string;
  expiresAt: string;
  /**
   * A line the bot proposed for words it understood (src/understand): 确认 runs it as if typed,
   * so a command that asks before acting still asks.
   */
  proposed?: boolean;
}
