/**
 * Instants ↔ Shanghai wall time. China has kept UTC+8 all year since 1991 (no DST), so a fixed
 * offset is exact and does not depend on the host's time zone or ICU data.
 */
import { type Ymd, dayOfWeek, formatYmd, ymd } from './civil.ts';

export { dayOfWeek, weekdayLabel, WEEKDAY_LABELS } from './civil.ts';

export const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000;

function shifted(instant: Date): Date {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid Date');
  return new Date(instant.getTime() + OFFSET_MS);
}

/** The Shanghai calendar day of an instant, as numbers. */
export function shanghaiYmd(instant: Date): Ymd {
  const s = shifted(instant);
  return { year: s.getUTCFullYear(), month: s.getUTCMonth() + 1, day: s.getUTCDate() };
}

/** The Shanghai calendar day of an instant, 'YYYY-MM-DD'. */
export function toShanghaiDate(instant: Date): string {
  const { year, month, day } = shanghaiYmd(instant);
  return formatYmd(year, month, day);
}

/** The Shanghai wall-clock time of an instant, 'HH:MM'. */
export function toShanghaiTime(instant: Date): string {
  const s = shifted(instant);
  return `${String(s.getUTCHours()).padStart(2, '0')}:${String(s.getUTCMinutes()).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday, in Shanghai. */
export function shanghaiDayOfWeek(instant: Date): number {
  return dayOfWeek(toShanghaiDate(instant));
}

/** Parses 'H:MM' / 'HH:MM' (00:00–23:59); null otherwise. */
export function parseHhmm(hhmm: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2}):(\d{2})$/u.exec(hhmm);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/** The instant at which Shanghai clocks show `hhmm` on `date`. Throws RangeError on bad input. */
export function shanghaiDateTime(date: string, hhmm: string): Date {
  const { year, month, day } = ymd(date);
  const t = parseHhmm(hhmm);
  if (!t) throw new RangeError(`not a valid HH:MM time: ${JSON.stringify(hhmm)}`);
  return new Date(Date.UTC(year, month - 1, day, t.hour, t.minute) - OFFSET_MS);
}

/** Midnight at the start of a Shanghai day, as an instant. */
export function shanghaiStartOfDay(date: string): Date {
  return shanghaiDateTime(date, '00:00');
}
