/**
 * The director's digests:
 * - daily (每日简报), working days at dailyDigestAt, only when something changed (digest/daily.ts);
 * - weekly (周报), on the first working day of each week at weeklyDigestAt, the previous week's
 *   figures (digest/weekly.ts);
 * - quarterly 督办通报, on the first working day of the next quarter at weeklyDigestAt — the
 *   draft the office issues as the basis of the 考核 (digest/supervision.ts).
 * Catch-up: the daily and weekly digests run only the latest missed one (each shows the present
 * picture, older ones would repeat it); every quarter's 通报 runs once even when late, since one
 * quarter's figures do not replace another's.
 */
import { addDays, isIsoDate } from '../../domain/calendar/civil.ts';
import { shanghaiDateTime } from '../../domain/calendar/shanghai.ts';
import { mondayOf, nextQuarter, parseQuarterId, previousQuarter, quarterContaining } from '../../domain/periods.ts';
import type { Job, JobEnv, Occurrence } from '../job.ts';
import { directors } from '../recipients.ts';
import { datesBetween, firstWorkingDayIn } from '../slots.ts';
import { buildDailyDigest, DAILY_DIGEST_SETTING, type DailyDigestState } from '../digest/daily.ts';
import { buildSupervisionReport } from '../digest/supervision.ts';
import { buildWeeklyDigest, WEEKLY_SEQ_SETTING } from '../digest/weekly.ts';
import { dailyJob } from './daily.ts';

export const dailyDigestJob = dailyJob({
  id: 'daily-digest',
  label: '每日简报',
  times: (config) => [config.rhythms.dailyDigestAt],
  run(ctx) {
    const previous = ctx.tx.get('settings', DAILY_DIGEST_SETTING)?.value as DailyDigestState | undefined;
    const digest = buildDailyDigest(ctx, previous);
    if (digest.empty || digest.fingerprint === previous?.fingerprint) return;
    ctx.notify(`daily-digest:${ctx.today}`, directors(ctx.config), digest.text);
    const state: DailyDigestState = { at: ctx.now.toISOString(), fingerprint: digest.fingerprint, dead: digest.dead };
    ctx.tx.put('settings', { id: DAILY_DIGEST_SETTING, value: state });
  },
});

/**
 * An occurrence due on the first working day of [start, end] at `hhmm`. A span without a known
 * working day (a year without data) is blocked at its nominal start; one with none at all
 * (a week of 春节) is skipped as a holiday.
 */
function firstWorkingDayOccurrence(env: JobEnv, job: string, slot: string, start: string, end: string, hhmm: string): Occurrence {
  const day = firstWorkingDayIn(env.calendar, start, end);
  if (day === 'gap') return { job, slot, dueAt: shanghaiDateTime(start, hhmm), blocked: { reason: 'uncovered-year', note: `${start.slice(0, 4)}年节假日安排尚未录入` } };
  if (day === undefined) return { job, slot, dueAt: shanghaiDateTime(start, hhmm), blocked: { reason: 'holiday', note: '整段都是节假日' } };
  return { job, slot, dueAt: shanghaiDateTime(day, hhmm) };
}

/** Slot: the Monday of the week ('2026-11-30'). */
export const weeklyDigestJob: Job = {
  id: 'weekly-digest',
  label: '周报',
  catchUp: 'latest',
  slots(_env, from, to) {
    return [...new Set(datesBetween(new Date(from.getTime() - 7 * 86_400_000), to).map(mondayOf))];
  },
  occurrence(env, slot) {
    if (!isIsoDate(slot) || mondayOf(slot) !== slot) return undefined;
    return firstWorkingDayOccurrence(env, 'weekly-digest', slot, slot, addDays(slot, 6), env.config.rhythms.weeklyDigestAt);
  },
  run(ctx) {
    const seqKey = `${WEEKLY_SEQ_SETTING}:${ctx.today.slice(0, 4)}`;
    const seq = ((ctx.tx.get('settings', seqKey)?.value as number | undefined) ?? 0) + 1;
    const text = buildWeeklyDigest(ctx, mondayOf(ctx.today), seq);
    if (!text) return;
    if (ctx.notify(`weekly-digest:${ctx.occurrence.slot}`, directors(ctx.config), text)) ctx.tx.put('settings', { id: seqKey, value: seq });
  },
};

/** Slot: the quarter reported on ('2026Q4'), due at the start of the next one. */
export const supervisionReportJob: Job = {
  id: 'supervision-report',
  label: '季度督办通报',
  catchUp: 'each',
  slots(_env, from, to) {
    // The quarters that ended within a month before the window, or inside it.
    const ids = datesBetween(new Date(from.getTime() - 31 * 86_400_000), to).map((d) => previousQuarter(quarterContaining(d)).id);
    return [...new Set(ids)];
  },
  occurrence(env, slot) {
    const q = parseQuarterId(slot);
    if (!q) return undefined;
    const next = nextQuarter(q);
    return firstWorkingDayOccurrence(env, 'supervision-report', slot, next.start, next.end, env.config.rhythms.weeklyDigestAt);
  },
  run(ctx) {
    const q = parseQuarterId(ctx.occurrence.slot)!;
    ctx.notify(`supervision-report:${q.id}`, directors(ctx.config), buildSupervisionReport(ctx, q, 'push'));
  },
};
