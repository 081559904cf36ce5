/**
 * The documents the store keeps, one interface per collection, grouped by feature in model/.
 * Documents are plain JSON: every change writes a whole document to the journal, so replaying
 * the journal is idempotent. Dates are ISO strings (instants) or 'YYYY-MM-DD' (calendar days in
 * Asia/Shanghai). New collections: add the interface in model/ and the name here.
 */

export type { Enterprise, HistoryEntry, Outcome, Signal, TierDecision, TierNumber } from './model/roster.ts';
export type { Counter, InboxRecord, OutboxItem, OutboxState, PendingConfirmation, Setting } from './model/system.ts';
export type { AgendaItem, Meeting, MeetingResponse, Minutes, MinutesItem, Task, TaskExtension, TaskStep } from './model/workflow.ts';
export type { CreditRepair, Loan, OutcomeRecord } from './model/records.ts';
export type { ScheduleEntry, ScheduleSkipReason, ScreeningAnswer, ScreeningRound } from './model/scheduler.ts';
export type { KfCursor, KfSeenMessage, KfSession, Ticket, TicketMessage, TicketState } from './model/intake.ts';
export type { BriefingIssue, ImportBatch, ImportRow, MeetingCalendar, ReportIssue } from './model/documents.ts';

import type { Enterprise } from './model/roster.ts';
import type { Counter, InboxRecord, OutboxItem, PendingConfirmation, Setting } from './model/system.ts';
import type { AgendaItem, Meeting, Minutes, Task } from './model/workflow.ts';
import type { CreditRepair, Loan, OutcomeRecord } from './model/records.ts';
import type { ScheduleEntry, ScreeningRound } from './model/scheduler.ts';
import type { KfCursor, KfSeenMessage, KfSession, Ticket } from './model/intake.ts';
import type { BriefingIssue, ImportBatch, MeetingCalendar, ReportIssue } from './model/documents.ts';

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
  reports: ReportIssue;
  meetingCalendars: MeetingCalendar;
}

export type CollectionName = keyof Collections;
