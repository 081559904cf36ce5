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
 * instant is not on a working day or is at night: recorded as planned, looked at next time), or
 * runs — in its own transaction together with its ledger entry and every message it queues, so
 * a crash leaves either all of it or none of it, and a settled entry never runs again.
 */
import type { App } from '../app.ts';
import type { PushOptions } from '../core/command.ts';
import { logger } from '../core/log.ts';
import type { Recipient } from '../core/types.ts';
import { shanghaiStartOfDay, toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { ScheduleEntry, ScheduleSkipReason } from '../store/model.ts';
import type { Tx } from '../store/tx.ts';
import type { Job, JobEnv, NoticeTarget, Occurrence, RunContext } from './job.ts';
import { JOBS } from './jobs/index.ts';
import { entryId, isFinal, LAST_RUN_SETTING, lastRun, noticeSent, openEntries } from './ledger.ts';
import { isWorkingDaySafe } from './slots.ts';

/** A downtime longer than this is not caught up beyond this far back. */
export const CATCH_UP_LIMIT_DAYS = 35;
/** Run more than this after its due time, an occurrence counts as caught up rather than on time. */
export const LATE_AFTER_MS = 10 * 60_000;
/**
 * Notices go out on working days between these Shanghai times, and a late occurrence not before
 * its own time of day; otherwise it waits (recorded as planned).
 */
export const DELIVERY_HOURS = { from: '06:00', to: '22:00' } as const;
/** Occurrences this far ahead are entered in the ledger as planned (what the admin sees next). */
export const PLAN_AHEAD_MS = 3 * 86_400_000;
/** The last-run mark is rewritten at least this often even when nothing else is written. */
const LAST_RUN_REFRESH_MS = 60 * 60_000;

export type SchedulerApp = Pick<App, 'store' | 'config' | 'calendar' | 'outbox'>;

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
  const from = previous ? new Date(Math.max(previous.getTime(), floor.getTime())) : new Date(shanghaiStartOfDay(toShanghaiDate(at)).getTime() - 1);

  const owed = new Map<string, Occurrence>();
  const settle: ScheduleEntry[] = [];
  const now = at.toISOString();

  // 1. Occurrences due in the window.
  if (at > from) {
    for (const job of jobs) {
      for (const slot of job.slots(env, from, at)) {
        const occ = job.occurrence(env, slot);
        if (occ && occ.dueAt > from && occ.dueAt <= at) owed.set(entryId(job.id, slot), occ);
      }
    }
  }
  // 2. Open ledger entries (planned, failed, waiting for a year's holidays).
  for (const e of openEntries(store)) {
    if (owed.has(e.id)) continue;
    const job = byId.get(e.job);
    const occ = job?.occurrence(env, e.slot);
    if (!occ) {
      settle.push({ ...e, state: 'skipped', reason: 'no-longer-due', ranAt: now });
      continue;
    }
    if (occ.dueAt > at) continue;
    if (occ.dueAt < floor) {
      settle.push({ ...e, dueAt: occ.dueAt.toISOString(), state: 'skipped', reason: 'expired', ranAt: now });
      continue;
    }
    owed.set(e.id, occ);
  }

  // 3. Sort out what is blocked, expired, waiting, superseded, and what runs.
  const deliverable = canDeliverAt(env, at);
  const deliverableAnyDay = canDeliverAt(env, at, true);
  const runnable = new Map<string, { id: string; occ: Occurrence }[]>();
  let waiting = 0;
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
    } else if (!(byId.get(occ.job)?.anyDay ? deliverableAnyDay : deliverable) || toShanghaiTime(at) < toShanghaiTime(occ.dueAt)) {
      // Not on a day off, not at night — and not before the job's own time of day: Friday's
      // 09:00 reminders missed over a weekend wait for Monday 09:00 (where Monday's supersede them).
      waiting++;
      if (existing?.state !== 'planned') settle.push({ ...base, state: 'planned', note: '等下一个工作日的白天再运行' });
    } else {
      const list = runnable.get(occ.job) ?? [];
      list.push({ id, occ });
      runnable.set(occ.job, list);
    }
  }
  const toRun: { id: string; occ: Occurrence }[] = [];
  for (const [jobId, list] of runnable) {
    const job = byId.get(jobId)!;
    if (job.catchUp === 'latest' && list.length > 1) {
      for (const { id, occ } of list.slice(0, -1)) {
        settle.push({ id, job: jobId, slot: occ.slot, dueAt: occ.dueAt.toISOString(), state: 'skipped', reason: 'superseded', ranAt: now });
      }
      toRun.push(list.at(-1)!);
    } else toRun.push(...list);
  }

  // 4. Plan ahead: what will be due in the next days, for the ledger view.
  for (const job of jobs) {
    const until = new Date(at.getTime() + PLAN_AHEAD_MS);
    for (const slot of job.slots(env, at, until)) {
      const occ = job.occurrence(env, slot);
      if (!occ || occ.blocked || occ.dueAt <= at || occ.dueAt > until) continue;
      const id = entryId(job.id, slot);
      const existing = store.get('schedule', id);
      if (!existing) settle.push({ id, job: job.id, slot, dueAt: occ.dueAt.toISOString(), state: 'planned' });
      else if (existing.state === 'planned' && existing.dueAt !== occ.dueAt.toISOString()) settle.push({ ...existing, dueAt: occ.dueAt.toISOString() });
    }
  }

  const outcomes: RunOutcome[] = settle
    .filter((e) => e.state === 'skipped')
    .map((e) => ({ id: e.id, job: e.job, label: byId.get(e.job)?.label ?? e.job, slot: e.slot, dueAt: e.dueAt, state: e.state, messages: 0, ...(e.reason ? { reason: e.reason } : {}), ...(e.note ? { note: e.note } : {}) }));

  // 5. Run, each occurrence in its own transaction, in due order.
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

  // 6. The settled entries and the last-run mark, together.
  const refresh = !previous || at.getTime() - previous.getTime() >= LAST_RUN_REFRESH_MS;
  const advance = !previous || at > previous;
  if (settle.length > 0 || toRun.length > 0 || (advance && refresh)) {
    await store.transact({ actor: 'scheduler', action: 'schedule' }, (tx) => {
      for (const e of settle) {
        const current = tx.get('schedule', e.id);
        // A run in step 5 may have settled it meanwhile (same id planned ahead and due now).
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

function recipientOf(t: NoticeTarget): { to: Recipient; key: string } {
  return 'groupId' in t ? { to: { kind: 'group', groupId: t.groupId }, key: `group:${t.groupId}` } : { to: { kind: 'person', personId: t.id }, key: t.id };
}

async function runOne(tx: Tx, env: JobEnv, job: Job, id: string, occ: Occurrence, at: Date): Promise<ScheduleEntry | undefined> {
  const existing = tx.get('schedule', id);
  if (existing && isFinal(existing)) return undefined;
  const notices: string[] = [];
  const notes: string[] = [];
  let messages = 0;
  const late = at.getTime() - occ.dueAt.getTime() > LATE_AFTER_MS;
  const ctx: RunContext = {
    ...env,
    tx,
    now: at,
    today: toShanghaiDate(at),
    occurrence: occ,
    late,
    sent: (key) => notices.includes(key) || noticeSent(tx, key),
    notify(key: string, targets: readonly NoticeTarget[], text: string, options?: PushOptions): boolean {
      if (ctx.sent(key)) return false;
      const seen = new Set<string>();
      for (const t of targets) {
        const { to, key: who } = recipientOf(t);
        if (seen.has(who)) continue;
        seen.add(who);
        const message = { to, text, ...(options?.mentions?.length ? { mentions: options.mentions } : {}), ...(options?.card ? { card: { ...options.card, cardId: `${options.card.cardId}-${who}` } } : {}), idempotencyKey: `job:${key}#${who}` };
        if (enqueue(tx, at, message)) messages++;
      }
      notices.push(key);
      return true;
    },
    note: (line) => notes.push(line),
  };
  await job.run(ctx);
  const entry: ScheduleEntry = {
    id,
    job: job.id,
    slot: occ.slot,
    dueAt: occ.dueAt.toISOString(),
    state: messages > 0 ? (late ? 'caught-up' : 'sent') : 'skipped',
    ...(messages > 0 ? {} : { reason: 'nothing-to-say' as const }),
    ranAt: at.toISOString(),
    ...(notices.length ? { notices } : {}),
    messages,
    ...(notes.length ? { note: notes.join('；') } : {}),
    ...(existing?.attempts ? { attempts: existing.attempts } : {}),
  };
  tx.put('schedule', entry);
  return entry;
}
