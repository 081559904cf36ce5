/**
 * Deadlines and meeting days as people type them, checked against the working-day calendar.
 *
 * A task deadline is a date ("2026-12-31", "12月31日") or a count of working days ("10个工作日").
 * A date on a non-working day moves to the next working day (民法典 第203条) and the person is
 * told so. A year whose holiday arrangement is not entered yet (2027 as of late 2026) is never
 * guessed: a plain date is accepted as written with a note that it could not be checked, while
 * "N个工作日" cannot be counted and is refused with the calendar's own sentence.
 */
import { CalendarGapError, type WorkingCalendar } from './calendar/working-days.ts';
import { weekdayLabel } from './calendar/civil.ts';
import { formatShortDate, parseDate, parseWorkingDayOffset } from './dates.ts';

export type DeadlineInput = { ok: true; date: string; note?: string } | { ok: false; reason: string };

/** Why a day is not a working day, e.g. "12月5日是星期六" / "10月1日是国庆节假期". */
export function nonWorkingPhrase(calendar: WorkingCalendar, date: string): string {
  const info = calendar.dayInfo(date);
  const day = formatShortDate(date);
  if (info.kind === 'holiday') return `${day}是${info.name ? `${info.name}` : '法定节假日'}假期`;
  return `${day}是${weekdayLabel(date)}`;
}

export type DayCheck = { kind: 'working' } | { kind: 'nonWorking'; phrase: string } | { kind: 'unknown'; year: number };

/** Is `date` a working day? `unknown` when the calendar has no data for its year. */
export function checkWorkingDay(calendar: WorkingCalendar, date: string): DayCheck {
  try {
    if (calendar.isWorkingDay(date)) return { kind: 'working' };
    return { kind: 'nonWorking', phrase: nonWorkingPhrase(calendar, date) };
  } catch (err) {
    if (err instanceof CalendarGapError) return { kind: 'unknown', year: err.year };
    throw err;
  }
}

export function uncheckedNote(year: number): string {
  return `${year}年的节假日安排尚未录入，未能核对该日是否为工作日`;
}

/** A deadline from a date or "N个工作日" counted from `today`; never before today. */
export function resolveDeadline(text: string, today: string, calendar: WorkingCalendar): DeadlineInput {
  const n = parseWorkingDayOffset(text);
  if (n !== null) {
    if (n < 1) return { ok: false, reason: '工作日数至少为1，例如 期限:10个工作日。' };
    try {
      const date = calendar.addWorkingDays(today, n);
      return { ok: true, date, note: `${n}个工作日，即${formatShortDate(date)}（${weekdayLabel(date)}）` };
    } catch (err) {
      if (err instanceof CalendarGapError) return { ok: false, reason: `${err.message}现在请写具体日期作为期限。` };
      throw err;
    }
  }
  const parsed = parseDate(text, today);
  if (!parsed.ok) return { ok: false, reason: parsed.reason.replace(/。$/u, '，或写 10个工作日。') };
  if (parsed.date < today) return { ok: false, reason: `期限${formatShortDate(parsed.date)}已经过去，请写今天或以后的日期。` };
  const day = checkWorkingDay(calendar, parsed.date);
  if (day.kind === 'working') return { ok: true, date: parsed.date };
  if (day.kind === 'unknown') return { ok: true, date: parsed.date, note: uncheckedNote(day.year) };
  const moved = movedToWorkingDay(calendar, parsed.date);
  if (!moved) return { ok: true, date: parsed.date, note: `${day.phrase}，不是工作日` };
  return { ok: true, date: moved, note: `${day.phrase}，不是工作日，期限顺延至${formatShortDate(moved)}（${weekdayLabel(moved)}）` };
}

/** The next working day, or undefined when that runs into a year the calendar does not know. */
function movedToWorkingDay(calendar: WorkingCalendar, date: string): string | undefined {
  try {
    return calendar.nextWorkingDay(date);
  } catch (err) {
    if (err instanceof CalendarGapError) return undefined;
    throw err;
  }
}
