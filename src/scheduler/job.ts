/**
 * What a scheduled job is. The schedule is computed by our code, not by cron: a job names its
 * slots (a day, a week, a quarter), resolves each slot to an occurrence — the instant it is due,
 * or why it cannot run at all (a holiday, a year without holiday data, a rhythm turned off) —
 * and, when the occurrence runs, sends its notices through the RunContext.
 *
 * node-cron only wakes the scheduler; `runDue` (run-due.ts) decides what is owed, using the
 * ledger, so a restart neither loses nor repeats an occurrence.
 */
import type { Config } from '../config/config.ts';
import type { PushOptions } from '../core/command.ts';
import type { Person } from '../domain/types.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import type { ScheduleSkipReason } from '../store/model.ts';
import type { Tx } from '../store/tx.ts';

export interface JobEnv {
  config: Config;
  calendar: WorkingCalendar;
}

export interface Occurrence {
  job: string;
  /** Unique within the job: '2026-12-03', '2026-12-03T14:00', '2026-W:2026-11-30', '2026Q4'. */
  slot: string;
  /** When it is due. For a blocked occurrence, its nominal time (when the block is recorded). */
  dueAt: Date;
  /** Set when it cannot run: recorded as skipped with this reason when due. */
  blocked?: { reason: ScheduleSkipReason; note?: string };
  /** Past this instant a late run is pointless (recorded as skipped: expired). */
  expiresAt?: Date;
}

/**
 * Catch-up after downtime, per job:
 * - 'latest': of the missed occurrences only the newest runs, the older ones are recorded as
 *   superseded. Right for sweeps and digests, whose run always reports the present state and
 *   sends every notice whose stage has been reached — running three missed sweeps would only
 *   repeat the same picture three times.
 * - 'each': every missed occurrence runs once. Right for jobs whose occurrences say different
 *   things (one quarter's 通报 is not replaced by the next).
 */
export type CatchUpPolicy = 'latest' | 'each';

export interface Job {
  id: string;
  /** Chinese, for the ledger view and the tick summary: '每日简报'. */
  label: string;
  catchUp: CatchUpPolicy;
  /**
   * Runs on any day, not only on working days (the alert that a year's holidays are missing:
   * in such a year no day is known to be a working day). Still only during the day.
   */
  anyDay?: boolean;
  /** Slots whose occurrence may be due within (from, to]; resolution decides. */
  slots(env: JobEnv, from: Date, to: Date): string[];
  /** The occurrence of a slot; undefined when the slot no longer exists (config changed). */
  occurrence(env: JobEnv, slot: string): Occurrence | undefined;
  run(ctx: RunContext): void | Promise<void>;
}

export type NoticeTarget = Person | { groupId: string };

export interface RunContext extends JobEnv {
  tx: Tx;
  /** The instant the run happens (the fake clock in tests, --at for tick). */
  now: Date;
  /** The Shanghai date of `now`: always a working day when a job runs. */
  today: string;
  occurrence: Occurrence;
  /** Ran after its due time (catch-up). */
  late: boolean;
  /**
   * Sends a notice to each target once, ever: a notice key already in the ledger (from any
   * earlier run) sends nothing and returns false. Targets are de-duplicated.
   */
  notify(noticeKey: string, targets: readonly NoticeTarget[], text: string, options?: PushOptions): boolean;
  /** Whether a notice has gone out already (in an earlier run or earlier in this one). */
  sent(noticeKey: string): boolean;
  /** A Chinese line for the ledger entry: what the run did. */
  note(line: string): void;
}
