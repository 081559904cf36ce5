/**
 * `runDue(app, at)`: the one entry point of the scheduler — node-cron calls it every minute, the
 * `tick --at` command once, the tests with a fake clock.
 *
 * What is owed at `at`:
 * - every occurrence due in (last run, at] (the catch-up window; on the very first run it starts
 *   at midnight of the day, and it never reaches back more than CATCH_UP_LIMIT_DAYS);
 * - ledger entries still open: planned ones now due, failed ones with tries left, and ones
 *   skipped because their year had no holiday data, once an admin has entered it.
 * Each owed occurrence either is blocked (recorded as skipped with the reason), waits (the run
 * instant is not on a working day, is at night or before the occurrence's time of day: recorded
 * as planned, looked at next time), is superseded (catch-up policy, job.ts), or runs — in its own
 * transaction together with its ledger entry and every message it queues (run-one.ts), so a
 * crash leaves either all of it or none of it, and a settled entry never runs again.
 */
import type { Config } from '../config/config.ts';
import type { Clock } from '../domain/clock.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { logger } from '../log/log.ts';
import { shanghaiStartOfDay, toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import type { ScheduleEntry, ScheduleSkipReason } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import type { Job, JobEnv, Occurrence } from './job.ts';
import { JOBS } from './jobs/index.ts';
import { entryId, isFinal, LAST_RUN_SETTING, lastRun, openEntries } from './ledger.ts';
import { runOne } from './run-one.ts';
import { isWorkingDaySafe } from './slots.ts';

export { LATE_AFTER_MS } from './run-one.ts';

/** A downtime longer than this is not caught up beyond this far back. */
export const CATCH_UP_LIMIT_DAYS = 35;
/**
 * Notices go out on working days between these Shanghai times, and a late occurrence not before
 * its own time of day; otherwise it waits (recorded as planned).
 */
export const DELIVERY_HOURS = { from: '06:00', to: '22:00' } as const;
/** Occurrences this far ahead are entered in the ledger as planned (what the admin sees next). */
export const PLAN_AHEAD_MS = 3 * 86_400_000;
/** The last-run mark is rewritten at least this often even when nothing else is written. */
const LAST_RUN_REFRESH_MS = 60 * 60_000;

/** What the scheduler needs of the app (src/app.ts's App has it). */
export interface SchedulerApp {
  store: Store;
  config: Config;
  calendar: WorkingCalendar;
  outbox: { wake(): void };
  clock: Clock;
}

export interface RunOutcome {
  id: string;
  job: string;
  label: string;
  slot: string;
  dueAt: string;
  state: ScheduleEntry['state'];
  reason?: ScheduleSkipReason;
  messages: number;
  note?: string;
}

export interface RunDueReport {
  at: Date;
  /** Occurrences that ran or were settled in this call, in due order. */
  outcomes: RunOutcome[];
  /** Owed occurrences waiting for a working day (or the morning). */
  waiting: number;
  messages: number;
}

export interface RunDueOptions {
  jobs?: readonly Job[];
}

/** Whether notices may go out at `at`: a working day (known from the data) during the day. */
export function canDeliverAt(env: JobEnv, at: Date, anyDay = false): boolean {
  const time = toShanghaiTime(at);
  if (time < DELIVERY_HOURS.from || time > DELIVERY_HOURS.to) return false;
  return anyDay || isWorkingDaySafe(env.calendar, toShanghaiDate(at)) === true;
}

export async function runDue(app: SchedulerApp, at: Date, options: RunDueOptions = {}): Promise<RunDueReport> {
  const jobs = options.jobs ?? JOBS;
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const env: JobEnv = { config: app.config, calendar: app.calendar };
  const { store } = app;
  const floor = new Date(at.getTime() - CATCH_UP_LIMIT_DAYS * 86_400_000);
  const previous = lastRun(store);
  // The catch-up window: since the last run (at most CATCH_UP_LIMIT_DAYS), or on the very
  // first run since midnight — a new installation does not replay the past.
  const from = previous ? new Date(Math.max(previous.getTime(), floor.getTime())) : new Date(shanghaiStartOfDay(toShanghaiDate(at)).getTime() - 1);

  // Entries settled without running (skipped, waiting, planned ahead), written at the end.
  const settle: ScheduleEntry[] = [];
  const now = at.toISOString();
  const owed = owedOccurrences(store, env, jobs, byId, { from, at, floor }, settle);
  const { toRun, waiting } = sortOut(store, env, byId, owed, at, settle);
  settle.push(...planAhead(store, env, jobs, at));

  const outcomes: RunOutcome[] = settle
    .filter((e) => e.state === 'skipped')
    .map((e) => ({ id: e.id, job: e.job, label: byId.get(e.job)?.label ?? e.job, slot: e.slot, dueAt: e.dueAt, state: e.state, messages: 0, ...(e.reason ? { reason: e.reason } : {}), ...(e.note ? { note: e.note } : {}) }));

  // Run each occurrence in its own transaction, in due order; a failure is recorded and retried.
  toRun.sort((a, b) => a.occ.dueAt.getTime() - b.occ.dueAt.getTime() || jobs.indexOf(byId.get(a.occ.job)!) - jobs.indexOf(byId.get(b.occ.job)!));
  let messages = 0;
  for (const { id, occ } of toRun) {
    const job = byId.get(occ.job)!;
    try {
      const entry = await store.transact({ actor: 'scheduler', action: `job:${job.id}`, source: id }, (tx) => runOne(tx, env, job, id, occ, at));
      if (entry) {
        messages += entry.messages ?? 0;
        outcomes.push({ id, job: job.id, label: job.label, slot: occ.slot, dueAt: entry.dueAt, state: entry.state, messages: entry.messages ?? 0, ...(entry.reason ? { reason: entry.reason } : {}), ...(entry.note ? { note: entry.note } : {}) });
      }
    } catch (err) {
      logger.error({ err, occurrence: id }, 'scheduled job failed');
      const previousAttempts = store.get('schedule', id)?.attempts ?? 0;
      const failed: ScheduleEntry = {
        id, job: job.id, slot: occ.slot, dueAt: occ.dueAt.toISOString(), state: 'failed', ranAt: now,
        attempts: previousAttempts + 1, error: err instanceof Error ? err.message : String(err),
      };
      await store.transact({ actor: 'scheduler', action: 'job-failed', source: id }, (tx) => tx.put('schedule', failed));
      outcomes.push({ id, job: job.id, label: job.label, slot: occ.slot, dueAt: failed.dueAt, state: 'failed', messages: 0, note: failed.error! });
    }
  }

  // The settled entries and the last-run mark, together. A crash before this line is harmless:
  // the next run finds the same window and settles it the same way.
  const refresh = !previous || at.getTime() - previous.getTime() >= LAST_RUN_REFRESH_MS;
  const advance = !previous || at > previous;
  if (settle.length > 0 || toRun.length > 0 || (advance && refresh)) {
    await store.transact({ actor: 'scheduler', action: 'schedule' }, (tx) => {
      for (const e of settle) {
        const current = tx.get('schedule', e.id);
        // A run above may have settled it meanwhile (the same id planned ahead and due now).
        if (current && isFinal(current)) continue;
        tx.put('schedule', e);
      }
      if (advance) tx.put('settings', { id: LAST_RUN_SETTING, value: now });
    });
  }
  if (messages > 0) app.outbox.wake();
  outcomes.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return { at, outcomes, waiting, messages };
}

/** The time of day a late occurrence waits for: its own (within the delivery hours). */
function notBefore(occ: Occurrence): string {
  const own = toShanghaiTime(occ.dueAt);
  return own > DELIVERY_HOURS.to ? DELIVERY_HOURS.to : own;
}

type Ids = Map<string, Job>;

/**
 * What is owed at `at`: occurrences due in (from, at], and open ledger entries now due.
 * Entries that can no longer run are settled into `settle` on the way.
 */
function owedOccurrences(store: Store, env: JobEnv, jobs: readonly Job[], byId: Ids, w: { from: Date; at: Date; floor: Date }, settle: ScheduleEntry[]): Map<string, Occurrence> {
  const owed = new Map<string, Occurrence>();
  const now = w.at.toISOString();
  if (w.at > w.from) {
    for (const job of jobs) {
      for (const slot of job.slots(env, w.from, w.at)) {
        const occ = job.occurrence(env, slot);
        if (occ && occ.dueAt > w.from && occ.dueAt <= w.at) owed.set(entryId(job.id, slot), occ);
      }
    }
  }
  for (const e of openEntries(store)) {
    if (owed.has(e.id)) continue;
    const occ = byId.get(e.job)?.occurrence(env, e.slot);
    if (!occ) settle.push({ ...e, state: 'skipped', reason: 'no-longer-due', ranAt: now });
    else if (occ.dueAt > w.at) continue;
    else if (occ.dueAt < w.floor) settle.push({ ...e, dueAt: occ.dueAt.toISOString(), state: 'skipped', reason: 'expired', ranAt: now });
    else owed.set(e.id, occ);
  }
  return owed;
}

/** Occurrences due in the next days that the ledger does not know yet, as planned entries. */
function planAhead(store: Store, env: JobEnv, jobs: readonly Job[], at: Date): ScheduleEntry[] {
  const out: ScheduleEntry[] = [];
  const until = new Date(at.getTime() + PLAN_AHEAD_MS);
  for (const job of jobs) {
    for (const slot of job.slots(env, at, until)) {
      const occ = job.occurrence(env, slot);
      if (!occ || occ.blocked || occ.dueAt <= at || occ.dueAt > until) continue;
      const id = entryId(job.id, slot);
      const existing = store.get('schedule', id);
      const dueAt = occ.dueAt.toISOString();
      if (!existing) out.push({ id, job: job.id, slot, dueAt, state: 'planned' });
      else if (existing.state === 'planned' && existing.dueAt !== dueAt) out.push({ ...existing, dueAt });
    }
  }
  return out;
}

type Due = { id: string; occ: Occurrence };

/**
 * Sorts the owed occurrences: blocked or expired ones are settled as skipped; those that cannot
 * go out now (a day off, the night, before their own time of day) wait as planned — unless a
 * newer one of the same 'latest' job runs now; the rest run, after the catch-up policy.
 */
function sortOut(store: Store, env: JobEnv, byId: Ids, owed: Map<string, Occurrence>, at: Date, settle: ScheduleEntry[]): { toRun: Due[]; waiting: number } {
  const now = at.toISOString();
  const deliverable = canDeliverAt(env, at);
  const deliverableAnyDay = canDeliverAt(env, at, true);
  const runnable = new Map<string, Due[]>();
  const waits: { id: string; occ: Occurrence; planned: boolean }[] = [];
  for (const [id, occ] of [...owed].sort((a, b) => a[1].dueAt.getTime() - b[1].dueAt.getTime())) {
    const existing = store.get('schedule', id);
    if (existing && isFinal(existing)) continue;
    const base = { id, job: occ.job, slot: occ.slot, dueAt: occ.dueAt.toISOString() };
    if (occ.blocked) {
      // Still waiting for the same year's holidays: nothing new to write.
      if (existing?.state === 'skipped' && occ.blocked.reason === 'uncovered-year') continue;
      settle.push({ ...base, state: 'skipped', reason: occ.blocked.reason, ranAt: now, ...(occ.blocked.note ? { note: occ.blocked.note } : {}) });
    } else if (occ.expiresAt && at > occ.expiresAt) {
      settle.push({ ...base, state: 'skipped', reason: 'expired', ranAt: now });
    } else if (!(byId.get(occ.job)?.anyDay ? deliverableAnyDay : deliverable) || toShanghaiTime(at) < notBefore(occ)) {
      // Not on a day off, not at night — and not before the job's own time of day: Friday's
      // 09:00 reminders missed over a weekend wait for Monday 09:00 (where Monday's supersede them).
      waits.push({ id, occ, planned: existing?.state === 'planned' });
    } else {
      const list = runnable.get(occ.job) ?? [];
      list.push({ id, occ });
      runnable.set(occ.job, list);
    }
  }
  // A waiting occurrence of a 'latest' job is superseded by a newer one that runs now (Friday's
  // 14:00 run, missed, is covered by Monday's 09:00 one); the others wait, recorded as planned.
  let waiting = 0;
  for (const w of waits) {
    const newer = byId.get(w.occ.job)?.catchUp === 'latest' && (runnable.get(w.occ.job) ?? []).some((r) => r.occ.dueAt > w.occ.dueAt);
    if (newer) settle.push({ id: w.id, job: w.occ.job, slot: w.occ.slot, dueAt: w.occ.dueAt.toISOString(), state: 'skipped', reason: 'superseded', ranAt: now });
    else {
      waiting++;
      if (!w.planned) settle.push({ id: w.id, job: w.occ.job, slot: w.occ.slot, dueAt: w.occ.dueAt.toISOString(), state: 'planned', note: '等下一个工作日的白天再运行' });
    }
  }
  const toRun: Due[] = [];
  for (const [jobId, list] of runnable) {
    const job = byId.get(jobId)!;
    if (job.catchUp === 'latest' && list.length > 1) {
      for (const { id, occ } of list.slice(0, -1)) {
        settle.push({ id, job: jobId, slot: occ.slot, dueAt: occ.dueAt.toISOString(), state: 'skipped', reason: 'superseded', ranAt: now });
      }
      toRun.push(list.at(-1)!);
    } else toRun.push(...list);
  }
  return { toRun, waiting };
}
