/**
 * Working hours for the service level of enterprise requests (诉求). The clock runs from 9:00 to
 * 17:00 (Asia/Shanghai) on working days of China's calendar (holidays and 调休 included), so a
 * request that comes in on Friday evening has used no time by Monday 9:00, and one that comes in
 * at 16:00 has used one hour by the end of the day.
 *
 * Why 9–17 and no lunch break: offices in the mechanism keep roughly 8:30/9:00–17:00/17:30 with
 * a break that varies by season and place; one fixed 8-hour span is simple to explain
 * ("16 个工作小时" = two working days) and never counts an hour nobody is at work. A year the
 * calendar does not cover throws CalendarGapError, like every other working-day computation.
 */
import { addDays } from './calendar/civil.ts';
import { shanghaiDateTime, toShanghaiDate } from './calendar/shanghai.ts';
import type { WorkingCalendar } from './calendar/working-days.ts';

export const WORK_DAY_START = '09:00';
export const WORK_DAY_END = '17:00';
export const HOURS_PER_WORKING_DAY = 8;
const HOUR_MS = 3_600_000;

/** The working span of a date, or undefined when it is not a working day. */
function span(calendar: WorkingCalendar, date: string): { start: number; end: number } | undefined {
  if (!calendar.isWorkingDay(date)) return undefined;
  return { start: shanghaiDateTime(date, WORK_DAY_START).getTime(), end: shanghaiDateTime(date, WORK_DAY_END).getTime() };
}

/** Working hours (fractional) between two instants; 0 when `to` is not after `from`. */
export function workingHoursBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  let ms = 0;
  const last = toShanghaiDate(to);
  for (let d = toShanghaiDate(from); d <= last; d = addDays(d, 1)) {
    const s = span(calendar, d);
    if (!s) continue;
    const a = Math.max(s.start, from.getTime());
    const b = Math.min(s.end, to.getTime());
    if (b > a) ms += b - a;
  }
  return ms / HOUR_MS;
}

/** The instant at which `hours` working hours have passed since `from`. */
export function addWorkingHours(calendar: WorkingCalendar, from: Date, hours: number): Date {
  let left = hours * HOUR_MS;
  let d = toShanghaiDate(from);
  // A year has no 60-day break; the bound only guards against a broken table.
  for (let i = 0; i < 400; i++, d = addDays(d, 1)) {
    const s = span(calendar, d);
    if (!s) continue;
    const a = Math.max(s.start, from.getTime());
    if (a >= s.end) continue;
    if (a + left <= s.end) return new Date(a + left);
    left -= s.end - a;
  }
  throw new Error(`no end of ${hours} working hours within 400 days after ${from.toISOString()}`);
}

/** "16 个工作小时" as the working days people are told (rounded up): 16 → 2, 20 → 3. */
export function workingDaysFor(hours: number): number {
  return Math.max(1, Math.ceil(hours / HOURS_PER_WORKING_DAY));
}
