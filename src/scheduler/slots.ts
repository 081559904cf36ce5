/**
 * Slot arithmetic shared by the jobs: Shanghai days in a window, and whether a day can carry a
 * notice. A day in a year without holiday data is never assumed to be Mon–Fri: it is blocked
 * with the reason 'uncovered-year' (and looked at again once an admin enters that year).
 */
import { addDays, yearOf } from '../domain/calendar/civil.ts';
import { shanghaiDateTime, toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { CalendarGapError, type WorkingCalendar } from '../domain/calendar/working-days.ts';
import type { Occurrence } from './job.ts';

/** Every Shanghai date from the day of `from` to the day of `to`, inclusive. */
export function datesBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  const last = toShanghaiDate(to);
  for (let d = toShanghaiDate(from); d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Why a day cannot carry notices, or undefined when it is a working day. */
export function dayBlock(calendar: WorkingCalendar, date: string): Occurrence['blocked'] {
  const year = yearOf(date);
  if (!calendar.isCovered(year)) return { reason: 'uncovered-year', note: `${year}年节假日安排尚未录入` };
  const info = calendar.dayInfo(date);
  if (info.working) return undefined;
  return info.kind === 'holiday'
    ? { reason: 'holiday', note: `${info.name ?? '法定节假日'}假期` }
    : { reason: 'weekend' };
}

export function isWorkingDaySafe(calendar: WorkingCalendar, date: string): boolean | undefined {
  return calendar.isCovered(yearOf(date)) ? calendar.isWorkingDay(date) : undefined;
}

/** A job that runs at `hhmm` on every working day: the occurrence of `date`. */
export function workingDayOccurrence(calendar: WorkingCalendar, job: string, date: string, hhmm: string, slot = date): Occurrence {
  const blocked = dayBlock(calendar, date);
  return { job, slot, dueAt: shanghaiDateTime(date, hhmm), ...(blocked ? { blocked } : {}) };
}

/**
 * The first working day in [start, end], 'gap' when a day in between belongs to a year without
 * holiday data (so the answer is unknown), undefined when there is none (a week of 春节).
 */
export function firstWorkingDayIn(calendar: WorkingCalendar, start: string, end: string): string | 'gap' | undefined {
  for (let d = start; d <= end; d = addDays(d, 1)) {
    const working = isWorkingDaySafe(calendar, d);
    if (working === undefined) return 'gap';
    if (working) return d;
  }
  return undefined;
}

/** Runs a calendar computation; undefined when it needs a year without data. */
export function orGap<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CalendarGapError) return undefined;
    throw err;
  }
}
