/**
 * Civil dates as 'YYYY-MM-DD' strings: a day on the wall calendar, with no time and no zone.
 * Deadlines, holidays and meeting days are days, not instants, so keeping them as strings
 * avoids every "midnight in which zone?" bug. Arithmetic goes through UTC, which has no DST.
 */

const DAY_MS = 86_400_000;

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Four-digit years only: Date.UTC would read years 0–99 as 1900–1999. */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day)
    && year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function formatYmd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits a 'YYYY-MM-DD' string; null when it is not in that exact form or the day does not exist. */
export function parseIsoDate(date: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYmd(year, month, day) ? { year, month, day } : null;
}

export function isIsoDate(date: string): boolean {
  return parseIsoDate(date) !== null;
}

/** Like parseIsoDate, for callers that were promised a valid date: a bad one is a bug. */
export function ymd(date: string): Ymd {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return p;
}

function toUtcMs(date: string): number {
  const { year, month, day } = ymd(date);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): string {
  const d = new Date(ms);
  return formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: string, n: number): string {
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** b − a in days. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as Date.getDay. */
export function dayOfWeek(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export const WEEKDAY_LABELS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

export function weekdayLabel(date: string): string {
  return WEEKDAY_LABELS[dayOfWeek(date)]!;
}

export function yearOf(date: string): number {
  return ymd(date).year;
}
