/** 纾困中心 intake: enterprise requests from WeChat through 微信客服 (004; protocols §4). */
import type { TicketCategory } from '../../domain/ticket-category.ts';
import type { HistoryEntry } from './roster.ts';

/** 诉求 states: 待受理 (new) → 处理中 (staff took it up or answered) / 已转办 (a member unit answers) → 已办结. */
export type TicketState = '待受理' | '处理中' | '已转办' | '已办结';

/**
 * One message of a ticket. Customer messages come from kf/sync_msg; staff messages are replies
 * meant for the enterprise (回复), with how far they got: `queued` went into the outbox within the
 * platform's rules, `held` waits for the customer's next message (the 48 h window was closed, the
 * 5-message limit reached, or the session was with a human servicer), `sent` after a held one was
 * queued later.
 */
export interface TicketMessage {
  from: 'customer' | 'staff';
  text: string;
  at: string;
  /** kf msgid of a customer message. */
  msgid?: string;
  /** Staff: who wrote it, and for which member unit when a liaison of the assigned unit answered. */
  by?: string;
  unitId?: string;
  delivery?: 'queued' | 'held' | 'failed';
  /** Why a staff reply is held (Chinese, for staff). */
  heldReason?: string;
  /** The outbox item (idempotency key) that carries a queued reply. */
  outboxId?: string;
  /** When a held reply was finally queued. */
  queuedAt?: string;
}

export interface Ticket {
  /** Short chat id: Q12. */
  id: string;
  /** The WeChat customer (external_userid) and the 客服 account (open_kfid) they wrote to. */
  externalUserId: string;
  openKfId: string;
  /** Roster link, by the code or name the enterprise gave, or set by staff (关联). */
  enterpriseId?: string;
  /** A valid 信用代码 the enterprise wrote that is not (yet) on the roster. */
  claimedUscc?: string;
  suggestedCategory: TicketCategory;
  /** Keywords that made the suggestion. */
  suggestedBy: string[];
  /** Confirmed by staff (受理 Q12 类别:…). */
  category?: TicketCategory;
  messages: TicketMessage[];
  state: TicketState;
  /** The member unit it was routed to (转办) and the office's note for that unit (internal). */
  assignedUnitId?: string;
  assignNote?: string;
  acceptedBy?: string;
  acceptedAt?: string;
  /** The first staff reply (the service level counts until then). */
  firstAnswerAt?: string;
  closedAt?: string;
  closedBy?: string;
  /** Internal steps: 受理, 转办, 关联, 办结. */
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

/**
 * What we know of one customer's kf session: the 48-hour window opened by their last message
 * and how many messages were sent since (at most 5), and the service state (0 未处理,
 * 1 智能助手, 2 排队, 3 人工, 4 已结束) as last seen.
 */
export interface KfSession {
  /** `${openKfId}:${externalUserId}` */
  id: string;
  openKfId: string;
  externalUserId: string;
  lastCustomerAt?: string;
  sentInWindow: number;
  serviceState?: 0 | 1 | 2 | 3 | 4;
  stateAt?: string;
}

/** The kf/sync_msg cursor of one 客服 account, advanced in the transaction that acted on the batch. */
export interface KfCursor {
  /** open_kfid */
  id: string;
  cursor: string;
  at: string;
}

/** A kf msgid already acted on (messages are readable for 3 days; older entries are pruned). */
export interface KfSeenMessage {
  /** msgid */
  id: string;
  at: string;
}
