/**
 * A year's holiday arrangement entered by an admin (the State Council notice usually appears in
 * November; the calendar package catches up later). The input is a plain, YAML-friendly object:
 *
 *   year: 2027
 *   holidays:                      # a list, or festival name → date / range / list
 *     元旦: 2027-01-01..2027-01-03
 *     春节: [2027-02-05..2027-02-11]
 *   workdays: [2027-02-13]         # weekend days that are worked (调休上班)
 *
 * Every problem is reported at once, each as one Chinese sentence, so the admin can fix them in
 * one go. Beyond the form, it checks the rules a real notice always follows: statutory days are
 * off, make-up days are weekend days, and "法定节假日假期前后连续工作一般不超过6天".
 */
import { UserError } from '../errors.ts';
import { addDays, daysBetween, formatYmd, isWeekend, parseIsoDate, weekdayLabel } from './civil.ts';
import { STATUTORY_RULES_SINCE, statutoryHolidays } from './statutory.ts';
import type { YearTable } from './year-table.ts';

/** The longest run of consecutive working days the 2024 amendment allows around holidays. */
export const MAX_CONSECUTIVE_WORKING_DAYS = 6;
/** No holiday period in China is longer than 9 days; a longer range is a typing mistake. */
const MAX_RANGE_DAYS = 15;

export type ArrangementCheck = { ok: true; table: YearTable } | { ok: false; problems: string[] };

/** Thrown by the calendar when an invalid arrangement is added; the message lists the problems. */
export class ArrangementError extends UserError {
  constructor(readonly problems: string[]) {
    super(`节假日安排有误：${problems.join('')}`);
  }
}

/** Whether a date outside the year is a working day, when known (to measure runs across 1 January). */
export type NeighbourLookup = (date: string) => boolean | undefined;

type Named = Map<string, string>;

/** A YAML parser may hand over a Date for an unquoted 2027-01-01; treat it as that UTC day. */
function entryText(entry: unknown): string {
  if (entry instanceof Date && !Number.isNaN(entry.getTime())) return entry.toISOString().slice(0, 10);
  return String(entry).trim();
}

function expand(entry: unknown, kind: string, name: string, out: Named, problems: string[]): void {
  const text = entryText(entry);
  const parts = text.split(/\s*(?:\.\.|~|～|至)\s*/u);
  const dates = parts.map((p) => parseIsoDate(p));
  if (parts.length > 2 || dates.some((d) => d === null)) {
    const bad = parts.find((p) => /^\d{4}-\d{2}-\d{2}$/u.test(p) && !parseIsoDate(p));
    problems.push(bad
      ? `${kind}“${bad}”不存在。`
      : `看不懂${kind}“${text}”，请写成 2027-01-01 或 2027-02-05..2027-02-11 的形式。`);
    return;
  }
  const [start, end = start] = parts as [string, string?];
  const span = daysBetween(start, end);
  if (span < 0 || span >= MAX_RANGE_DAYS) {
    problems.push(`${kind}“${text}”的起止日期不合理（${span < 0 ? '结束早于开始' : `长达${span + 1}天`}），请核对。`);
    return;
  }
  for (let i = 0; i <= span; i++) out.set(addDays(start, i), name);
}

function collect(value: unknown, kind: string, problems: string[]): Named {
  const out: Named = new Map();
  if (value === undefined || value === null) return out;
  if (Array.isArray(value) || typeof value === 'string' || value instanceof Date) {
    for (const e of [value].flat()) expand(e, kind, '', out, problems);
  } else if (typeof value === 'object') {
    for (const [name, v] of Object.entries(value)) for (const e of [v].flat()) expand(e, kind, name, out, problems);
  } else {
    problems.push(`${kind}应写成日期列表。`);
  }
  return out;
}

function readYear(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1000 && n <= 9999 ? n : null;
}

/** Validates an admin-entered arrangement and turns it into a year table. */
export function checkYearArrangement(input: unknown, neighbour: NeighbourLookup = () => undefined): ArrangementCheck {
  if (typeof input !== 'object' || input === null) {
    return { ok: false, problems: ['节假日安排应包含 year（年份）、holidays（放假日期）和 workdays（调休上班日期）。'] };
  }
  const obj = input as Record<string, unknown>;
  const year = readYear(obj.year);
  if (year === null) return { ok: false, problems: [`年份应为四位整数，例如 2027，您填写的是“${String(obj.year)}”。`] };

  const problems: string[] = [];
  const holidays = collect(obj.holidays, '放假日期', problems);
  const workdays = collect(obj.workdays, '调休上班日期', problems);
  if (problems.length > 0) return { ok: false, problems };

  for (const [kind, dates] of [['放假日期', holidays], ['调休上班日期', workdays]] as const) {
    for (const d of dates.keys()) if (!d.startsWith(`${year}-`)) problems.push(`${kind}“${d}”不是${year}年的日期。`);
  }
  for (const d of workdays.keys()) {
    if (holidays.has(d)) problems.push(`“${d}”既列为放假又列为调休上班，请只保留一处。`);
    else if (!isWeekend(d)) problems.push(`调休上班日“${d}”是${weekdayLabel(d)}，本来就要上班；调休上班日只能是周六或周日。`);
  }
  if (holidays.size === 0) problems.push(`${year}年没有填写放假日期，每年至少有元旦、春节等法定节假日。`);
  else if ([...holidays.keys()].every(isWeekend)) problems.push('放假日期全部是周六、周日，本来就不上班，请核对是否填错。');

  const working = (d: string) => workdays.has(d) || (!holidays.has(d) && !isWeekend(d));
  if (year >= STATUTORY_RULES_SINCE) {
    for (const s of statutoryHolidays(year)) {
      if (working(s.date)) problems.push(`${s.date}（${s.name}，${weekdayLabel(s.date)}）是法定节假日，应列入放假日期。`);
    }
  }
  problems.push(...longRuns(year, working, neighbour));

  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
  return { ok: true, table: { year, holidays, workdays, source: 'override' } };
}

/** Runs of more than MAX_CONSECUTIVE_WORKING_DAYS working days that touch the year. */
function longRuns(year: number, working: (d: string) => boolean, neighbour: NeighbourLookup): string[] {
  const first = formatYmd(year, 1, 1);
  const last = formatYmd(year, 12, 31);
  const isWorking = (d: string) => (d < first || d > last ? neighbour(d) === true : working(d));
  // Step back into December of the year before, so a run across 1 January is measured whole;
  // a month is far more than any real run.
  let start = first;
  for (let i = 0; i < 31 && isWorking(addDays(start, -1)); i++) start = addDays(start, -1);
  const stop = addDays(last, 31);
  const out: string[] = [];
  let runStart: string | null = null;
  for (let d = start; (d <= last || runStart !== null) && d <= stop; d = addDays(d, 1)) {
    if (isWorking(d)) { runStart ??= d; continue; }
    if (runStart) out.push(...report(runStart, addDays(d, -1)));
    runStart = null;
  }
  return out;
}

function report(from: string, to: string): string[] {
  const n = daysBetween(from, to) + 1;
  return n > MAX_CONSECUTIVE_WORKING_DAYS
    ? [`${from} 至 ${to} 连续工作${n}天，超过“法定节假日假期前后连续工作一般不超过${MAX_CONSECUTIVE_WORKING_DAYS}天”的规定，请核对放假和调休日期。`]
    : [];
}
