/**
 * Entering a year's holiday arrangement (the `calendar` CLI commands): parse what the admin
 * typed, validate it with the calendar's rules (src/domain/calendar/override.ts: statutory days
 * off, make-up days on weekends, no more than 6 working days in a row), store it, and apply
 * what follows from it at once — task deadlines that now fall on a day off move to the next
 * working day (民法典 第203条), and their units are told.
 */
import type { SchedulerApp } from './run-due.ts';
import type { Config } from '../config/config.ts';
import type { Tx } from '../store/tx.ts';
import { unitName } from '../core/unit-list.ts';
import { addDays, isIsoDate, weekdayLabel, yearOf } from '../domain/calendar/civil.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { ArrangementError } from '../domain/calendar/override.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { formatOfficialDate, formatOfficialDateOf, formatShortDate } from '../domain/dates.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { arrangementId, storedArrangements, toStored } from './calendar-store.ts';

/**
 * "元旦:2027-01-01..2027-01-03, 春节:2027-02-05~2027-02-11 2027-04-05" → festival → entries
 * ('' for entries without a name). Separators: comma, 、, ；, whitespace.
 */
export function parseDateList(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of text.split(/[,，、;；\s]+/u).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^\d:：]+)[:：](.+)$/u.exec(part);
    const [name, entry] = m ? [m[1]!.trim(), m[2]!.trim()] : ['', part];
    (out[name] ??= []).push(entry);
  }
  return out;
}

export interface MovedTask {
  id: string;
  from: string;
  to: string;
}

export interface SetResult {
  year: number;
  holidays: number;
  workdays: number;
  workingDays: number;
  replaced: boolean;
  moved: MovedTask[];
  /** Meetings set on a day that turns out to be off (not changed: the host decides). */
  meetingsOnDaysOff: string[];
}

/**
 * Validates and stores `input` ({ year, holidays, workdays }). Throws ArrangementError (a
 * UserError listing every problem) and changes nothing when it is wrong.
 */
export async function setArrangement(app: Pick<SchedulerApp, 'store' | 'calendar' | 'config' | 'outbox'>, input: unknown, enteredBy: string, now: Date): Promise<SetResult> {
  const result = await app.store.transact({ actor: enteredBy, action: `calendar:set:${yearOfInput(input)}` }, (tx) =>
    applyArrangement(tx, app.calendar, app.config, input, enteredBy, now),
  );
  if (result.moved.length) app.outbox.wake();
  return result;
}

/**
 * The same inside a caller's transaction (the 节假日 chat command). `addOverride` validates
 * before it changes the live calendar, so a refused input leaves it as it was; nothing after it
 * refuses, and the stored arrangement is what the calendar is rebuilt from at the next start.
 */
export function applyArrangement(tx: Tx, calendar: WorkingCalendar, config: Config, input: unknown, enteredBy: string, now: Date): SetResult {
  const table = calendar.addOverride(input);
  const year = table.year;
  const replaced = tx.get('settings', arrangementId(year)) !== undefined;
  const moved: MovedTask[] = [];
  const meetingsOnDaysOff: string[] = [];
  tx.put('settings', { id: arrangementId(year), value: toStored(table, enteredBy, now) });
  for (const t of [...tx.values('tasks')]) {
    if (t.state === '已办结' || yearOf(t.deadline) !== year || calendar.isWorkingDay(t.deadline)) continue;
    const to = calendar.nextWorkingDay(t.deadline);
    const info = calendar.dayInfo(t.deadline);
    const why = info.kind === 'holiday' ? `${info.name ?? '法定节假日'}假期` : weekdayLabel(t.deadline);
    const text = `录入${year}年节假日安排后，期限${formatOfficialDate(t.deadline)}是${why}，顺延至${formatOfficialDate(to)}（${weekdayLabel(to)}）`;
    const at = now.toISOString();
    tx.put('tasks', { ...t, deadline: to, history: [...t.history, { at, by: enteredBy, text }], updatedAt: at });
    moved.push({ id: t.id, from: t.deadline, to });
    const people = [t.leadUnitId, ...t.coUnitIds].flatMap((u) => config.liaisonsOf(u));
    for (const p of new Set(people)) {
      enqueue(tx, now, {
        to: { kind: 'person', personId: p.id },
        text: `【督办期限顺延】${t.id}：${t.content}\n${text}。牵头单位：${unitName(config, t.leadUnitId)}。`,
        idempotencyKey: `calendar:${year}:task-moved:${t.id}:${to}#${p.id}`,
      });
    }
  }
  for (const m of tx.values('meetings')) {
    if (!m.time || m.outcome || m.parked) continue;
    const day = toShanghaiDate(new Date(m.time));
    if (yearOf(day) === year && !calendar.isWorkingDay(day)) meetingsOnDaysOff.push(`${m.id}（${formatOfficialDate(day)}）`);
  }
  return {
    year,
    holidays: table.holidays.size,
    workdays: table.workdays.size,
    workingDays: workingDaysIn(calendar, year),
    replaced,
    moved,
    meetingsOnDaysOff,
  };
}

function yearOfInput(input: unknown): string {
  return typeof input === 'object' && input !== null && 'year' in input ? String((input as { year: unknown }).year) : '?';
}

/** Removes a stored arrangement; the package's or the config's data (if any) apply again after a restart. */
export async function removeArrangement(app: Pick<SchedulerApp, 'store'>, year: number, by: string): Promise<boolean> {
  if (!app.store.get('settings', arrangementId(year))) return false;
  await app.store.transact({ actor: by, action: `calendar:remove:${year}` }, (tx) => tx.delete('settings', arrangementId(year)));
  return true;
}

export function workingDaysIn(calendar: WorkingCalendar, year: number): number {
  let n = 0;
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) n++;
  return n;
}

/** Runs of dates (sorted) with the same name: "国庆节 10月1日—10月7日". */
function ranges(dates: [string, string][]): string[] {
  const out: string[] = [];
  let start: [string, string] | undefined;
  let prev: string | undefined;
  const flush = () => {
    if (!start || !prev) return;
    const span = start[0] === prev ? formatShortDate(prev) : `${formatShortDate(start[0])}—${formatShortDate(prev)}`;
    out.push(`${start[1] ? `${start[1]} ` : ''}${span}`);
  };
  for (const [d, name] of dates) {
    if (start && prev && addDays(prev, 1) === d && start[1] === name) {
      prev = d;
      continue;
    }
    flush();
    start = [d, name];
    prev = d;
  }
  flush();
  return out;
}

/** A year's arrangement in words, for `calendar show`. */
export function describeYear(app: { calendar: WorkingCalendar; config: Pick<Config, 'calendarOverrides'>; store: Parameters<typeof storedArrangements>[0] }, year: number): string[] {
  const { calendar } = app;
  if (!calendar.isCovered(year)) return [`${year}年：节假日安排尚未录入。录入：npm run cli -- calendar set ${year} --holidays "…" --workdays "…"（或 --file 安排.yaml）`];
  const stored = storedArrangements(app.store).find((a) => a.year === year);
  const fromConfig = app.config.calendarOverrides.some((o) => o.year === year);
  const source = calendar.sourceOf(year) === 'chinese-days' ? 'chinese-days 数据包'
    : stored ? `管理员录入（${formatOfficialDateOf(stored.enteredAt)}）`
    : fromConfig ? '配置文件 calendarOverrides' : '录入';
  const off: [string, string][] = [];
  const makeup: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    const info = calendar.dayInfo(d);
    if (info.kind === 'holiday') off.push([d, info.name ?? '']);
    if (info.kind === 'makeup') makeup.push(`${formatShortDate(d)}（${weekdayLabel(d)}）`);
  }
  return [
    `${year}年节假日安排（来源：${source}）`,
    `放假：${ranges(off).join('；') || '无'}`,
    `调休上班：${makeup.join('、') || '无'}`,
    `全年工作日${workingDaysIn(calendar, year)}天。`,
  ];
}

export function isYear(text: string): boolean {
  return /^\d{4}$/u.test(text.trim()) && isIsoDate(`${text.trim()}-01-01`);
}

export { ArrangementError };
