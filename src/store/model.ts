/**
 * The documents the store keeps, one interface per collection. Documents are plain JSON: every
 * change writes a whole document to the journal, so replaying the journal is idempotent.
 * Dates are ISO strings (instants) or 'YYYY-MM-DD' (calendar days in Asia/Shanghai).
 */

import type { Reply } from '../channels/channel.ts';
import type { InboundMessage, OutboundMessage } from '../core/types.ts';

export interface HistoryEntry {
  at: string;
  by: string;
  /** One Chinese line for the enterprise's file, e.g. "区税务局登记：长期欠税". */
  text: string;
}

/** 预警信号: one unit's reason to list an enterprise. Several units may flag the same one. */
export interface Signal {
  unitId: string;
  trigger: string;
  detail: string;
  by: string;
  at: string;
  /** Set when the unit withdrew the signal. */
  withdrawnAt?: string;
}

export type TierNumber = 1 | 2 | 3;

export interface TierDecision {
  tier: TierNumber;
  reason: string;
  measures: string;
  by: string;
  at: string;
}

export type Outcome = '脱困' | '重整成功' | '和解成功' | '清算出清' | '注销' | '移出';

export interface Enterprise {
  /** Short chat id: E12. */
  id: string;
  /** 统一社会信用代码; absent when a unit listed it by name only. */
  uscc?: string;
  /** The first name is the current one; later names for the same code are recorded too. */
  names: string[];
  region?: string;
  industry?: string;
  sizeClass?: string;
  figures?: { employees?: number; revenueWan?: number; assetsWan?: number };
  signals: Signal[];
  tier?: TierDecision;
  tierHistory: TierDecision[];
  cases?: { litigation: number; enforcement: number; at: string; by: string; alerted: boolean };
  /** Active on the roster until it leaves with an outcome; it can come back. */
  status: 'active' | 'closed';
  outcome?: { kind: Outcome; reason?: string; at: string; by: string; figures?: Record<string, number> };
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

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

export type OutboxState = 'pending' | 'sent' | 'dead';

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
}

/**
 * Every collection and its document type. Later features add their collections here; the store
 * is generic over this map.
 */
export interface Collections {
  enterprises: Enterprise;
  counters: Counter;
  inbox: InboxRecord;
  outbox: OutboxItem;
  settings: Setting;
  pending: PendingConfirmation;
}

export type CollectionName = keyof Collections;
