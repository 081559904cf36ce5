/**
 * Dates as people type them in chat, and dates as official documents write them.
 *
 * Input: '2026-12-31', '2026/12/31', '2026.12.31', '2026年12月31日', '12月31日', '12-31', '今天',
 * '明天', '后天', optionally followed by a time ('15:00', '15：00', '下午3点', '9点半'). Digits and
 * colons may be full-width. A date without a year is this year, or next year when it has passed.
 * Output (GB/T 9704): '2026年3月5日' — no zero padding.
 */
import { addDays, formatYmd, isValidYmd, ymd } from './calendar/civil.ts';
import { shanghaiDateTime, shanghaiYmd } from './calendar/shanghai.ts';
import { compact, parseSmallInt, toHalfWidth } from './text.ts';

export type DateParse = { ok: true; date: string } | { ok: false; reason: string };
export type DateTimeParse = { ok: true; date: string; time: string; instant: Date } | { ok: false; reason: string };

const FORM = '请写成 2026-12-31 或 12月31日 的形式。';
const TIME_FORM = '请写成 2026-12-03 15:00 的形式。';

const RELATIVE: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2 };

// `(?!\d)` so '2026-12-315:00' (a missing space) is refused rather than read as 12-31 05:00.
const FULL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*[日号]?/u;
const MONTH_DAY = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*[日号]?/u;
const RELATIVE_WORD = /^(今天|今日|明天|明日|后天)/u;

/** Reads the date at the start of `s`; returns it and what is left (a time, perhaps). */
function leadingDate(s: string, today: string): { date: string; rest: string } | { reason: string } | null {
  const rel = RELATIVE_WORD.exec(s);
  if (rel) return { date: addDays(today, RELATIVE[rel[1]!]!), rest: s.slice(rel[0].length).trim() };
  let year: number;
  let month: number;
  let day: number;
  let used: number;
  const full = FULL.exec(s);
  const md = full ? null : MONTH_DAY.exec(s);
  if (full) {
    [year, month, day, used] = [Number(full[1]), Number(full[2]), Number(full[3]), full[0].length];
  } else if (md) {
    [month, day, used] = [Number(md[1]), Number(md[2]), md[0].length];
    const t = ymd(today);
    // Without a year: this year, unless that day has already passed.
    year = month < t.month || (month === t.month && day < t.day) ? t.year + 1 : t.year;
  } else {
    return null;
  }
  if (!isValidYmd(year, month, day)) {
    return { reason: `日期不存在：${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}。${FORM}` };
  }
  return { date: formatYmd(year, month, day), rest: s.slice(used).trim() };
}

/** Reads a time such as '15:00', '9点', '9点半', '下午3点30分'; null if it is not one. */
function parseTime(text: string): { hour: number; minute: number } | null {
  const s = compact(text).replace(/^T/u, '');
  const colon = /^(\d{1,2}):(\d{2})$/u.exec(s);
  if (colon) return { hour: Number(colon[1]), minute: Number(colon[2]) };
  const spoken = /^(上午|早上|中午|下午|晚上)?(\d{1,2})[点时](半|(\d{1,2})分?)?$/u.exec(s);
  if (!spoken) return null;
  let hour = Number(spoken[2]);
  if ((spoken[1] === '下午' || spoken[1] === '晚上') && hour < 12) hour += 12;
  const minute = spoken[3] === '半' ? 30 : Number(spoken[4] ?? 0);
  return { hour, minute };
}

/** Parses a date. `today` is the Shanghai date the message was received ('YYYY-MM-DD'). */
export function parseDate(text: string, today: string): DateParse {
  const s = toHalfWidth(text).trim();
  const d = leadingDate(s, today);
  if (d === null || ('date' in d && d.rest !== '')) return { ok: false, reason: `看不懂日期“${text.trim()}”。${FORM}` };
  if ('reason' in d) return { ok: false, reason: d.reason };
  return { ok: true, date: d.date };
}

/** Parses a date with a time of day (Shanghai), e.g. a meeting's '2026-12-03 15:00'. */
export function parseDateTime(text: string, today: string): DateTimeParse {
  const s = toHalfWidth(text).trim();
  const d = leadingDate(s, today);
  if (d === null) return { ok: false, reason: `看不懂时间“${text.trim()}”。${TIME_FORM}` };
  if ('reason' in d) return { ok: false, reason: d.reason };
  if (d.rest === '') return { ok: false, reason: `请写明几点，例如“${d.date} 15:00”。` };
  const t = parseTime(d.rest);
  if (!t) return { ok: false, reason: `看不懂时间“${text.trim()}”。${TIME_FORM}` };
  if (t.hour > 23 || t.minute > 59) {
    return { ok: false, reason: `时间不存在：${d.rest}。${TIME_FORM}` };
  }
  const time = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  return { ok: true, date: d.date, time, instant: shanghaiDateTime(d.date, time) };
}

/** '10个工作日' / '10 个工作日内' / '十个工作日' → 10; null when it is not such a phrase. */
export function parseWorkingDayOffset(text: string): number | null {
  const m = /^(.+?)个?工作日(?:之内|以内|内)?$/u.exec(compact(text));
  return m ? parseSmallInt(m[1]!) : null;
}

/** '2026-03-05' → '2026年3月5日' (GB/T 9704: Arabic numerals, no zero padding). */
export function formatOfficialDate(date: string): string {
  const { year, month, day } = ymd(date);
  return `${year}年${month}月${day}日`;
}

/** The Shanghai calendar day of an instant (a Date or an ISO string), as '2026年3月5日'. */
export function formatOfficialDateOf(instant: Date | string): string {
  const { year, month, day } = shanghaiYmd(typeof instant === 'string' ? new Date(instant) : instant);
  return `${year}年${month}月${day}日`;
}

/** '2026-03-05' → '3月5日', for chat lines where the year is obvious. */
export function formatShortDate(date: string): string {
  const { month, day } = ymd(date);
  return `${month}月${day}日`;
}
