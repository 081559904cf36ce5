/**
 * Days and times as people say them in chat — "明天下午3点", "下周三", "月底前", "10个工作日内",
 * "12月20日前" — turned into the forms the commands take ('2026-12-09 15:00', '2026-12-31').
 *
 * chrono-node's Chinese parser reads the calendar phrases (relative days, weekdays, spoken
 * hours); on top of it we read what it does not know and what only our working-day calendar can
 * answer: "N个工作日(内)", "月底/年底(前)". A year the calendar does not know is never guessed:
 * "10个工作日" then stays as written, and the command itself says why it cannot count it.
 */
// The Simplified Chinese locale alone: the whole package (every language) takes seconds to load.
import { parse as parseChinese } from 'chrono-node/zh/hans';
import { daysInMonth, formatYmd, ymd } from '../domain/calendar/civil.ts';
import { toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import { CalendarGapError, type WorkingCalendar } from '../domain/calendar/working-days.ts';
import { parseSmallInt, toHalfWidth } from '../domain/text.ts';

export interface When {
  /** What to write in the command: 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM', or 'N个工作日'. */
  value: string;
  /** A time of day was said (a meeting needs one). */
  hasTime: boolean;
}

const WORKING_DAYS = /([0-9]+|[一二两三四五六七八九十百]+)\s*个?\s*工作日/u;
const PERIOD_END = /(本月|这个月|月|本年|今年|年)底/u;
/** Ids and codes hold digits chrono would read as days ("T31", "E12", a USCC). */
const NOT_DATES = /[A-Za-z]+\d+|[0-9A-Z]{18}/gu;

/** The first day or time the text names, or undefined. `now` is the message's instant. */
export function findWhen(text: string, now: Date, calendar: WorkingCalendar): When | undefined {
  const s = toHalfWidth(text).replace(NOT_DATES, (m) => ' '.repeat(m.length));
  const today = toShanghaiDate(now);
  const wd = WORKING_DAYS.exec(s);
  if (wd) return workingDays(wd[1]!, today, calendar);
  const end = PERIOD_END.exec(s);
  if (end) return periodEnd(/年/u.test(end[1]!), today, calendar);
  return spoken(s, now);
}

function workingDays(count: string, today: string, calendar: WorkingCalendar): When | undefined {
  const n = parseSmallInt(count);
  if (n === null || n < 1) return undefined;
  try {
    return { value: calendar.addWorkingDays(today, n), hasTime: false };
  } catch (err) {
    if (err instanceof CalendarGapError) return { value: `${n}个工作日`, hasTime: false };
    throw err;
  }
}

/** "月底前" is the month's last working day: a deadline on a holiday would otherwise move past it. */
function periodEnd(yearEnd: boolean, today: string, calendar: WorkingCalendar): When {
  const { year, month } = ymd(today);
  const last = yearEnd ? formatYmd(year, 12, 31) : formatYmd(year, month, daysInMonth(year, month));
  try {
    return { value: calendar.previousWorkingDay(last), hasTime: false };
  } catch (err) {
    if (err instanceof CalendarGapError) return { value: last, hasTime: false };
    throw err;
  }
}

/**
 * chrono computes in the host's time zone; it is given the Shanghai wall clock as a local time,
 * so its answer is Shanghai wall time whatever zone the server runs in.
 */
function spoken(s: string, now: Date): When | undefined {
  const { year, month, day } = ymd(toShanghaiDate(now));
  const [hour, minute] = toShanghaiTime(now).split(':').map(Number) as [number, number];
  const reference = new Date(year, month - 1, day, hour, minute);
  // chrono reads "这周五" as today; "本周五" it reads right.
  const input = s.replace(/这(个)?(周|星期|礼拜)/gu, '本$2');
  const found = parseChinese(input, reference, { forwardDate: true })[0];
  if (!found) return undefined;
  const c = found.start;
  const date = formatYmd(c.get('year')!, c.get('month')!, c.get('day')!);
  if (!c.isCertain('hour')) return { value: date, hasTime: false };
  const time = `${String(c.get('hour')).padStart(2, '0')}:${String(c.get('minute') ?? 0).padStart(2, '0')}`;
  return { value: `${date} ${time}`, hasTime: true };
}
