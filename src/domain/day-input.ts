/**
 * Days typed without a year, read the way the field means them. parseDate (dates.ts) reads
 * "11月10日" as the next such day, which is right for deadlines and due dates but wrong for a day
 * that has already happened (a court ruling, a request, a certificate) or for a statistics period.
 */
import { type DateParse, parseDate } from './dates.ts';
import { ymd } from './calendar/civil.ts';
import { toHalfWidth } from './text.ts';

/**
 * - `future`: the next such day (parseDate as it is) — due dates, deadlines;
 * - `past`: the latest such day not after today — rulings, requests, certificates;
 * - `thisYear`: that day of the current year — the ends of a statistics period.
 */
export type YearlessMeaning = 'future' | 'past' | 'thisYear';

export function parseDay(text: string, today: string, meaning: YearlessMeaning): DateParse {
  const r = parseDate(text, today);
  if (!r.ok || meaning === 'future' || /\d{4}/u.test(toHalfWidth(text))) return r;
  if (/^(今天|今日|明天|明日|后天)/u.test(text.trim())) return r;
  const { month, day } = ymd(r.date);
  const year = ymd(today).year;
  const candidate = (y: number) => parseDate(`${y}-${month}-${day}`, today);
  if (meaning === 'thisYear') return candidate(year);
  const same = candidate(year);
  if (same.ok && same.date <= today) return same;
  return candidate(year - 1);
}
