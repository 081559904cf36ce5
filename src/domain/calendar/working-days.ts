/**
 * China's working-day calendar: Mon–Fri, minus the holidays, plus the weekend days worked in
 * exchange (调休). Built from the `chinese-days` tables (2004–2026) and admin overrides for the
 * years the package does not know yet.
 *
 * A year with no data is never guessed: asking about it throws CalendarGapError, because a
 * silently Mon–Fri 2027 would send reminders on 元旦 and count 春节 as working days.
 *
 * Period arithmetic follows 民法典 第201–203条: the start day is not counted, and a period whose
 * last day is not a working day ends on the next working day.
 */
import { UserError } from '../errors.ts';
import { addDays, daysBetween, isWeekend, yearOf, ymd } from './civil.ts';
import { packageYearTables } from './chinese-days-data.ts';
import { ArrangementError, checkYearArrangement } from './override.ts';
import type { YearTable } from './year-table.ts';

/** A question about a year whose holiday arrangement is not known. Its message is safe to show. */
export class CalendarGapError extends UserError {
  constructor(readonly year: number) {
    super(`${year}年的节假日安排尚未录入，无法按工作日计算；请管理员按国务院办公厅的放假通知录入${year}年的安排。`);
  }
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  date: string;
  working: boolean;
  /** workday: ordinary Mon–Fri; weekend: ordinary Sat/Sun; holiday: 放假; makeup: 调休上班. */
  kind: DayKind;
  /** The festival a holiday or make-up day belongs to, when known ('国庆节'). */
  name?: string;
}

export interface CalendarOptions {
  /** Base tables; defaults to the chinese-days data. Tests pass their own. */
  base?: readonly YearTable[];
  /** Admin-entered arrangements (validated as by addOverride). */
  overrides?: readonly unknown[];
}

export class WorkingCalendar {
  private readonly tables = new Map<number, YearTable>();
  /**
   * Per year: how many working days there are up to and including each day (index 0 = 1 January).
   * Built on first use; lets workingDaysBetween count a long span without walking it day by day
   * (the daily digest asks it for every overdue task).
   */
  private readonly counts = new Map<number, Uint16Array>();

  constructor(options: CalendarOptions = {}) {
    for (const t of options.base ?? packageYearTables()) this.tables.set(t.year, t);
    for (const o of options.overrides ?? []) this.addOverride(o);
  }

  /**
   * Adds (or replaces) one year's arrangement after validating it; throws ArrangementError with
   * every problem found. An override replaces the package's data for that year, so an admin can
   * also correct a year the package got wrong.
   */
  addOverride(input: unknown): YearTable {
    const check = checkYearArrangement(input, (d) => (this.isCovered(yearOf(d)) ? this.isWorkingDay(d) : undefined));
    if (!check.ok) throw new ArrangementError(check.problems);
    this.tables.set(check.table.year, check.table);
    this.counts.delete(check.table.year);
    return check.table;
  }

  coveredYears(): number[] {
    return [...this.tables.keys()].sort((a, b) => a - b);
  }

  isCovered(year: number): boolean {
    return this.tables.has(year);
  }

  /** Where a year's data comes from, or undefined when it is not covered. */
  sourceOf(year: number): YearTable['source'] | undefined {
    return this.tables.get(year)?.source;
  }

  dayInfo(date: string): DayInfo {
    const { year } = ymd(date);
    const table = this.tables.get(year);
    if (!table) throw new CalendarGapError(year);
    const makeup = table.workdays.get(date);
    if (makeup !== undefined) return { date, working: true, kind: 'makeup', ...(makeup ? { name: makeup } : {}) };
    const holiday = table.holidays.get(date);
    if (holiday !== undefined) return { date, working: false, kind: 'holiday', ...(holiday ? { name: holiday } : {}) };
    return isWeekend(date) ? { date, working: false, kind: 'weekend' } : { date, working: true, kind: 'workday' };
  }

  isWorkingDay(date: string): boolean {
    return this.dayInfo(date).working;
  }

  /** The date itself when it is a working day, else the next one. */
  nextWorkingDay(date: string): string {
    let d = date;
    // A year has no 30-day break; the bound only guards against a broken table.
    for (let i = 0; i < 60; i++, d = addDays(d, 1)) if (this.isWorkingDay(d)) return d;
    throw new Error(`no working day within 60 days after ${date}`);
  }

  /** The date itself when it is a working day, else the one before. */
  previousWorkingDay(date: string): string {
    let d = date;
    for (let i = 0; i < 60; i++, d = addDays(d, -1)) if (this.isWorkingDay(d)) return d;
    throw new Error(`no working day within 60 days before ${date}`);
  }

  /**
   * The n-th working day after `date` (the start day is not counted). n = 0 gives the earliest
   * working day not before `date`, so "0 个工作日" never lands on a holiday.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    if (n === 0) return this.nextWorkingDay(date);
    let d = date;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** The n-th working day before `date` (for "N 个工作日前提醒"); n = 0 is previousWorkingDay. */
  subtractWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    if (n === 0) return this.previousWorkingDay(date);
    let d = date;
    for (let left = n; left > 0;) {
      d = addDays(d, -1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /**
   * Working days in (a, b]: after a, up to and including b — the inverse of addWorkingDays
   * (workingDaysBetween(a, addWorkingDays(a, n)) === n for n ≥ 1). Negative when b is before a.
   */
  workingDaysBetween(a: string, b: string): number {
    if (b < a) return -this.workingDaysBetween(b, a);
    if (a === b) return 0;
    // Working days in [from, b], from = the day after a; the years are asked in order from the
    // first, so a missing year throws the same CalendarGapError a day-by-day walk would.
    const from = addDays(a, 1);
    const [fromYear, toYear] = [yearOf(from), yearOf(b)];
    const first = this.countsOf(fromYear);
    const before = first[dayIndex(from)]! - (this.isWorkingDay(from) ? 1 : 0);
    if (fromYear === toYear) return first[dayIndex(b)]! - before;
    let count = first[first.length - 1]! - before;
    for (let y = fromYear + 1; y < toYear; y++) count += this.countsOf(y).at(-1)!;
    return count + this.countsOf(toYear)[dayIndex(b)]!;
  }

  private countsOf(year: number): Uint16Array {
    let c = this.counts.get(year);
    if (!c) {
      if (!this.tables.has(year)) throw new CalendarGapError(year);
      const days = daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
      c = new Uint16Array(days);
      let n = 0;
      let d = `${year}-01-01`;
      for (let i = 0; i < days; i++, d = addDays(d, 1)) {
        if (this.isWorkingDay(d)) n++;
        c[i] = n;
      }
      this.counts.set(year, c);
    }
    return c;
  }

  /** A deadline that falls on a non-working day moves to the next working day (民法典 第203条). */
  deadline(date: string): string {
    return this.nextWorkingDay(date);
  }

  /** The end of a period of `days` calendar days from `start` ("15日内"), moved off holidays. */
  deadlineAfterDays(start: string, days: number): string {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
    return this.deadline(addDays(start, days));
  }
}

/** 0 for 1 January. */
function dayIndex(date: string): number {
  return daysBetween(`${date.slice(0, 4)}-01-01`, date);
}
