/** The scheduler's ledger and the quarterly screening (DESIGN §4; 000 art. 5). */
import type { HistoryEntry } from './roster.ts';

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
