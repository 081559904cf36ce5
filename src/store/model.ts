/**
 * The documents the store keeps, one interface per collection. Documents are plain JSON: every
 * change writes a whole document to the journal, so replaying the journal is idempotent.
 * Dates are ISO strings (instants) or 'YYYY-MM-DD' (calendar days in Asia/Shanghai).
 */

import type { Reply } from '../channels/channel.ts';
import type { InboundMessage, OutboundMessage } from '../core/types.ts';
import type { TicketCategory } from '../domain/ticket-category.ts';

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

// ---- Meetings, minutes and supervised tasks (001 §四–§五, 002 §四) ----

/** 业务会议 (point to point), 专题会议 (the office director convenes), 联席会议 (the conveners). */
export type MeetingLevel = '业务' | '专题' | '联席';

/** An invited unit's answer to the proposed time. */
export interface MeetingResponse {
  answer: 'pending' | 'accepted' | 'reschedule' | 'declined';
  /** ISO instant the unit proposes instead (改期). */
  proposedTime?: string;
  reason?: string;
  by?: string;
  at?: string;
}

export interface Meeting {
  /** Short chat id: M7. */
  id: string;
  level: MeetingLevel;
  topic: string;
  requesterId: string;
  /** The requesting member unit; absent when the office (its director) convenes. */
  requesterUnitId?: string;
  /** Invited units (not the requester's own). */
  unitIds: string[];
  enterpriseIds: string[];
  /** ISO instant; absent until someone sets it (a 专题会议 made by 升级 waits for the director). */
  time?: string;
  /** unscheduled: no time yet; proposed: waiting for answers; confirmed: every unit accepted. */
  status: 'unscheduled' | 'proposed' | 'confirmed';
  /** By unit id, one per invited unit; reset whenever the time changes. */
  responses: Record<string, MeetingResponse>;
  outcome?: { result: '已解决' | '未解决'; note: string; by: string; at: string };
  /** The lower-level meeting this one was escalated from. */
  escalatedFrom?: string;
  /** What it was escalated to: a meeting id (M…) or a joint-meeting agenda item id (A…). */
  escalatedTo?: string;
  escalation?: { reason?: string; by: string; at: string };
  /** 暂缓 (002 §四: not yet ripe, may be resubmitted); `until` is the day to bring it back. */
  parked?: { reason: string; until?: string; by: string; at: string };
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

/** 联席会议议题: a matter waiting for the next joint meeting. */
export interface AgendaItem {
  /** Short chat id: A3. */
  id: string;
  topic: string;
  /** The 专题会议 it was escalated from, when it came up the ladder. */
  fromMeetingId?: string;
  enterpriseIds: string[];
  unitIds: string[];
  reason?: string;
  addedBy: string;
  addedAt: string;
  /** open until a joint meeting takes it up (the scheduler sets taken + takenIn). */
  status: 'open' | 'taken';
  takenIn?: string;
  takenAt?: string;
}

/** One 议定事项 of a 纪要; a task line also created a supervised task. */
export interface MinutesItem {
  text: string;
  taskId?: string;
}

/** 纪要 (GB/T 9704 §10.3): binding on the members (001 §五(三)). One per meeting. */
export interface Minutes {
  /** The meeting's id: one 纪要 per meeting. */
  id: string;
  meetingId: string;
  year: number;
  /** 第N号, counted per year. */
  number: number;
  items: MinutesItem[];
  taskIds: string[];
  attendance: { present: string[]; absent: string[]; observers: string[] };
  place?: string;
  chair?: string;
  recordedBy: string;
  recordedAt: string;
}

/** 督办事项 states; a 退回 goes back to 办理中 with `returned` set. */
export type TaskState = '办理中' | '已完成待审' | '已办结';

export interface TaskStep {
  at: string;
  by: string;
  /** One Chinese line: "区税务局报完成：已解除查封". */
  text: string;
}

export interface TaskExtension {
  to: string;
  reason: string;
  state: 'pending' | 'granted' | 'refused';
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  refusal?: string;
}

export interface Task {
  /** Short chat id: T31. */
  id: string;
  content: string;
  leadUnitId: string;
  coUnitIds: string[];
  /** 'YYYY-MM-DD', a working day when the calendar covers it. */
  deadline: string;
  /** As first set, before any extension. */
  originalDeadline: string;
  source: { kind: 'minutes'; meetingId: string; minutesNumber: number; year: number } | { kind: 'assigned'; by: string };
  /** 1–12, the coordination matter of 001 附件2 (src/domain/matters.ts). */
  matter?: number;
  enterpriseIds: string[];
  state: TaskState;
  completion?: { note: string; by: string; at: string };
  /** The last 退回; the task is back in 办理中 and shows 黄 until it is reported done again. */
  returned?: { reason: string; by: string; at: string };
  extension?: TaskExtension;
  closedAt?: string;
  history: TaskStep[];
  createdAt: string;
  updatedAt: string;
}

// ---- Tiers and outcomes, credit repair, the 321 loan ledger (000 art. 5–7, 10; 003 二(一)1) ----

/**
 * One departure from the roster (移出) with its figures. Kept as its own record, not only in
 * `Enterprise.outcome`, because an enterprise can leave, come back and leave again, and the
 * headline figures must count each outcome in its own period. 恢复 revokes the latest one.
 */
export interface OutcomeRecord {
  /** OC1, OC2 … (internal, nobody types it). */
  id: string;
  enterpriseId: string;
  kind: Outcome;
  reason?: string;
  /** Keys of src/domain/outcome-figures.ts: debtWan, workers, wagesWan, assetsWan, landMu, buildingSqm. */
  figures: Record<string, number>;
  /** The enterprise's tier when it left, for the figures by tier. */
  tier?: TierNumber;
  at: string;
  by: string;
  revokedAt?: string;
  revokedBy?: string;
}

/** 信用修复 after the court approved a 重整计划 or recognised a 和解协议 (000 art. 10). */
export interface CreditRepair {
  /** Short chat id: C3. */
  id: string;
  enterpriseId: string;
  ruling: '重整计划' | '和解协议';
  /** 'YYYY-MM-DD' of the court's ruling. */
  rulingDate: string;
  /** 'YYYY-MM-DD' the enterprise applied; not before the ruling. */
  requestDate: string;
  /** The unit that received the request ("谁认定、谁修复"), when a liaison recorded it. */
  unitId?: string;
  requestedBy: string;
  /** 'YYYY-MM-DD' the 信用修复证明 was issued. */
  certificateDate?: string;
  certifiedBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** 贷款到期台账: one bank loan of a listed enterprise, for the 321 warning (90/60/30 days). */
export interface Loan {
  /** Short chat id: L3. */
  id: string;
  enterpriseId: string;
  bank: string;
  amountWan: number;
  /** 'YYYY-MM-DD' the loan falls due. */
  dueDate: string;
  /** The reporting unit (人民银行, 金融监管 or a bank). */
  unitId: string;
  by: string;
  state: 'open' | 'repaid' | 'renewed';
  createdAt: string;
  closedAt?: string;
  closedBy?: string;
  /** A renewal (续贷) with a new due date: the new open entry, and on it the one it replaced. */
  renewedTo?: string;
  renewedFrom?: string;
}

// ---- The scheduler: its ledger and the quarterly screening (DESIGN §4; 000 art. 5) ----

/** Why an occurrence did not send anything. */
export type ScheduleSkipReason =
  | 'holiday' | 'weekend' | 'uncovered-year' | 'nothing-to-say' | 'superseded' | 'expired' | 'disabled' | 'no-longer-due';

/**
 * One occurrence of a scheduled job (a daily sweep, a weekly digest, a quarter's 通报) in the
 * schedule ledger. `planned`: known and not run yet (ahead of time, or waiting for the next
 * working day); `sent`: ran on time; `caught-up`: ran late, after the service was down;
 * `skipped`: ran to no effect, `reason` says why; `failed`: threw, retried a few times.
 * The entry and the messages it queued are written in one transaction, so an occurrence that
 * has an entry in a final state never runs again.
 */
export interface ScheduleEntry {
  /** `${job}@${slot}`, e.g. 'task-reminders@2026-12-03'. */
  id: string;
  job: string;
  slot: string;
  /** ISO instant it was due. */
  dueAt: string;
  state: 'planned' | 'sent' | 'caught-up' | 'skipped' | 'failed';
  reason?: ScheduleSkipReason;
  /** When it ran (or was skipped). */
  ranAt?: string;
  /** Keys of the notices it sent ('task-soon:T31:2026-12-08'): each notice goes out once, ever. */
  notices?: string[];
  /** Outbox items it queued. */
  messages?: number;
  /** A Chinese line for the admin (what it did, or why not). */
  note?: string;
  attempts?: number;
  error?: string;
}

/** One unit's answer to a quarterly screening: 无新增, or 完成 with how many it added. */
export interface ScreeningAnswer {
  added: number;
  note?: string;
  by: string;
  /** ISO instant of the (latest) answer. */
  at: string;
  /** Answered after the deadline. */
  late: boolean;
}

/** 季度排查: every member unit screens its field for distressed enterprises once a quarter. */
export interface ScreeningRound {
  /** '2026Q4' */
  id: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** 'YYYY-MM-DD' it opened, and the last day to answer (N working days later). */
  opensOn: string;
  deadline: string;
  /** The units asked (every member unit at the time it opened). */
  unitIds: string[];
  answers: Record<string, ScreeningAnswer>;
  openedAt: string;
  /** Opened after its planned day (the service was down, or the year's holidays were missing). */
  openedLate?: boolean;
  history: HistoryEntry[];
}

// ---- 纾困中心 intake: enterprise requests from WeChat through 微信客服 (004; protocols §4) ----

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

// ---- Documents: batch lists in, the 工作简报's issues, calendar invitations (issue 9) ----

/** One row of a unit's list as read from its spreadsheet (cells as text; checked when planned). */
export interface ImportRow {
  /** The row number Excel shows. */
  row: number;
  name: string;
  code: string;
  trigger: string;
  detail: string;
  region: string;
  industry: string;
  employees: string;
  revenue: string;
  assets: string;
  /** Something about the cells that refuses the row whatever they say (a code stored as a number). */
  problem?: string;
}

/**
 * A unit's list (001 §五(二): 吊销/欠税/停产/困境企业名单 …) taken in and waiting for 确认. Nothing on
 * the roster changes until it is applied; 确认 applies exactly the plan shown in the preview.
 */
export interface ImportBatch {
  /** Short chat id: I3. */
  id: string;
  unitId: string;
  fileName: string;
  /** The message that brought the file (`${channel}:${messageId}`), or `cli:…`. */
  source: string;
  rows: ImportRow[];
  /** Fingerprint of the plan shown in the last preview. */
  previewed?: string;
  state: 'staged' | 'applied';
  by: string;
  createdAt: string;
  appliedAt?: string;
  appliedBy?: string;
  result?: { added: string[]; merged: string[]; refused: number };
}

/** One issue of the 工作简报 (domain-rules §4.5): 第N期 counted per year, and the period it reports. */
export interface BriefingIssue {
  /** '2026-3' */
  id: string;
  year: number;
  number: number;
  /** 'YYYY-MM-DD', inclusive. */
  from: string;
  to: string;
  issuedAt: string;
  by: string;
}

/**
 * A meeting's calendar invitation: what it says now (raised `sequence` on every change) and how far
 * each platform has it. A meeting change sets `due`; the calendar sync clears it once the WeCom
 * schedule and the .ics files carry this sequence.
 */
export interface MeetingCalendar {
  /** The meeting's id. */
  id: string;
  /** The .ics SEQUENCE: 0 for the first invitation, +1 for each change or the cancellation. */
  sequence: number;
  state: 'scheduled' | 'cancelled';
  /** ISO instants. */
  start: string;
  end: string;
  summary: string;
  description: string;
  organizerId: string;
  attendeeIds: string[];
  /** The WeCom schedule: its id once created (written with the API's answer) and the sequence it shows. */
  wecom?: { scheduleId?: string; sequence: number; deleted?: boolean };
  /** The sequence the last .ics files carried. */
  icsSequence?: number;
  due: boolean;
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  updatedAt: string;
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
  meetings: Meeting;
  agenda: AgendaItem;
  minutes: Minutes;
  tasks: Task;
  outcomes: OutcomeRecord;
  creditRepairs: CreditRepair;
  loans: Loan;
  schedule: ScheduleEntry;
  screenings: ScreeningRound;
  tickets: Ticket;
  kfSessions: KfSession;
  kfCursors: KfCursor;
  kfSeen: KfSeenMessage;
  imports: ImportBatch;
  briefings: BriefingIssue;
  meetingCalendars: MeetingCalendar;
}

export type CollectionName = keyof Collections;
