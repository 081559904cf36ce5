/**
 * The periods the mechanism works in: quarters (季度排查, 专题会议, 督办通报), half years (联席会议),
 * years, weeks (周报). Ids are short and sortable: '2026Q4', '2026H2', '2026'. All dates are
 * 'YYYY-MM-DD' civil days (Asia/Shanghai).
 */
import { addDays, dayOfWeek, daysInMonth, formatYmd, ymd } from './calendar/civil.ts';

export type Quarter = 1 | 2 | 3 | 4;

export interface Period {
  /** '2026Q4', '2026H2' or '2026'. */
  id: string;
  /** First and last day, inclusive. */
  start: string;
  end: string;
  /** '2026年第四季度', '2026年下半年', '2026年'. */
  label: string;
}

const QUARTER_WORDS = ['一', '二', '三', '四'] as const;

export function quarterOf(date: string): { year: number; quarter: Quarter } {
  const { year, month } = ymd(date);
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter };
}

export function quarterPeriod(year: number, quarter: Quarter): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    id: `${year}Q${quarter}`,
    start: formatYmd(year, firstMonth, 1),
    end: formatYmd(year, firstMonth + 2, daysInMonth(year, firstMonth + 2)),
    label: `${year}年第${QUARTER_WORDS[quarter - 1]}季度`,
  };
}

/** The quarter a date is in. */
export function quarterContaining(date: string): Period {
  const { year, quarter } = quarterOf(date);
  return quarterPeriod(year, quarter);
}

/** '2026Q4' → the period; undefined when it is not such an id. */
export function parseQuarterId(id: string): Period | undefined {
  const m = /^(\d{4})\s*[Qq]\s*([1-4])$/u.exec(id.trim());
  return m ? quarterPeriod(Number(m[1]), Number(m[2]) as Quarter) : undefined;
}

export function previousQuarter(p: Period): Period {
  return quarterContaining(addDays(p.start, -1));
}

export function nextQuarter(p: Period): Period {
  return quarterContaining(addDays(p.end, 1));
}

/** The first day of the quarter's nth month (n = 1..3). */
export function quarterMonthStart(p: Period, n: 1 | 2 | 3): string {
  const { year, month } = ymd(p.start);
  return formatYmd(year, month + n - 1, 1);
}

export function halfYearContaining(date: string): Period {
  const { year, month } = ymd(date);
  return month <= 6
    ? { id: `${year}H1`, start: formatYmd(year, 1, 1), end: formatYmd(year, 6, 30), label: `${year}年上半年` }
    : { id: `${year}H2`, start: formatYmd(year, 7, 1), end: formatYmd(year, 12, 31), label: `${year}年下半年` };
}

export function yearPeriod(year: number): Period {
  return { id: String(year), start: formatYmd(year, 1, 1), end: formatYmd(year, 12, 31), label: `${year}年` };
}

/** The Monday of the (Monday-to-Sunday) week a date is in. */
export function mondayOf(date: string): string {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

export function inPeriod(date: string, p: Pick<Period, 'start' | 'end'>): boolean {
  return date >= p.start && date <= p.end;
}
