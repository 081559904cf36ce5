/**
 * The service level of enterprise requests: a ticket must get a first staff answer within
 * config.rhythms.ticketAnswerWorkingHours working hours (9:00–17:00 on working days, see
 * src/domain/working-hours.ts). Pure functions over tickets; the scheduler job
 * (src/scheduler/jobs/tickets.ts) and the digests call them.
 */
import { CalendarGapError, type WorkingCalendar } from '../domain/calendar/working-days.ts';
import { workingHoursBetween } from '../domain/working-hours.ts';
import type { Config } from '../config/config.ts';
import type { Ticket } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

export interface OverdueTicket {
  ticket: Ticket;
  /** Working hours waited so far; undefined when a year in between has no holiday data. */
  workingHours: number | undefined;
}

/** Working hours from `from` to `to`, or undefined across a year the calendar does not cover. */
export function hoursOrGap(calendar: WorkingCalendar, from: Date, to: Date): number | undefined {
  try {
    return workingHoursBetween(calendar, from, to);
  } catch (err) {
    if (err instanceof CalendarGapError) return undefined;
    throw err;
  }
}

/** Whether `hours` have passed between the instants (working hours; plain hours across a gap). */
function pastLevel(calendar: WorkingCalendar, from: Date, to: Date, hours: number): { hours: number | undefined } | undefined {
  const waited = hoursOrGap(calendar, from, to);
  const past = waited === undefined ? to.getTime() - from.getTime() >= hours * 3_600_000 : waited >= hours;
  return past ? { hours: waited } : undefined;
}

/**
 * Open tickets without a staff answer that have waited `hours` working hours or more, longest
 * first. Across a year without holiday data the working hours cannot be counted: such a ticket is
 * listed (with workingHours undefined) once `hours` plain hours have passed, rather than missed.
 */
export function overdueTickets(tickets: Iterable<Ticket>, now: Date, calendar: WorkingCalendar, hours: number): OverdueTicket[] {
  const out: OverdueTicket[] = [];
  for (const t of tickets) {
    if (t.state === '已办结' || t.firstAnswerAt) continue;
    const waited = pastLevel(calendar, new Date(t.createdAt), now, hours);
    if (waited) out.push({ ticket: t, workingHours: waited.hours });
  }
  return out.sort((a, b) => a.ticket.createdAt.localeCompare(b.ticket.createdAt));
}

export interface TicketFigures {
  /** Tickets opened in the period. */
  received: number;
  /** Tickets first answered in the period, and their working hours to that answer. */
  answered: number;
  /** Mean and longest working hours to the first answer (rounded to 0.1 h); undefined when none. */
  meanAnswerHours?: number;
  maxAnswerHours?: number;
  /** Answered within the service level. */
  answeredInTime: number;
  closed: number;
  /** Open at the end of the period, and of those without any answer past the service level. */
  open: number;
  overdue: number;
  /** Received per category (confirmed, else suggested). */
  byCategory: Record<string, number>;
}

/** The weekly figures: tickets received, answered (and how fast), closed, in [from, to). */
export function ticketFigures(tickets: Iterable<Ticket>, from: Date, to: Date, calendar: WorkingCalendar, hours: number): TicketFigures {
  const inRange = (iso: string | undefined) => iso !== undefined && iso >= from.toISOString() && iso < to.toISOString();
  const all = [...tickets];
  const answerHours: number[] = [];
  let answeredInTime = 0;
  const byCategory: Record<string, number> = {};
  for (const t of all) {
    if (inRange(t.createdAt)) {
      const c = t.category ?? t.suggestedCategory;
      byCategory[c] = (byCategory[c] ?? 0) + 1;
    }
    if (inRange(t.firstAnswerAt)) {
      const h = hoursOrGap(calendar, new Date(t.createdAt), new Date(t.firstAnswerAt!));
      if (h !== undefined) answerHours.push(h);
      if (h !== undefined && h <= hours) answeredInTime++;
    }
  }
  const openAtEnd = all.filter((t) => t.createdAt < to.toISOString() && !(t.closedAt && t.closedAt < to.toISOString()));
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    received: all.filter((t) => inRange(t.createdAt)).length,
    answered: all.filter((t) => inRange(t.firstAnswerAt)).length,
    ...(answerHours.length ? { meanAnswerHours: round(answerHours.reduce((a, b) => a + b, 0) / answerHours.length), maxAnswerHours: round(Math.max(...answerHours)) } : {}),
    answeredInTime,
    closed: all.filter((t) => inRange(t.closedAt)).length,
    open: openAtEnd.length,
    overdue: openAtEnd.filter((t) => !(t.firstAnswerAt && t.firstAnswerAt < to.toISOString()) && pastLevel(calendar, new Date(t.createdAt), to, hours)).length,
    byCategory,
  };
}

/** What the digests need: the store reader and the clock (the scheduler's DigestEnv fits). */
export interface TicketDigestEnv {
  tx: StateReader;
  config: Config;
  calendar: WorkingCalendar;
  now: Date;
}

/**
 * The 诉求 line of the director's daily digest, and the facts for its change fingerprint (ids
 * and states, so an unchanged picture does not count as news). Empty when there is nothing open.
 */
export function ticketDailyDigest(env: TicketDigestEnv): { line: string; facts: string[] } {
  const open = [...env.tx.values('tickets')].filter((t) => t.state !== '已办结');
  if (open.length === 0) return { line: '', facts: [] };
  const overdue = overdueTickets(open, env.now, env.calendar, env.config.rhythms.ticketAnswerWorkingHours);
  const waiting = open.filter((t) => t.state === '待受理').length;
  const routed = open.filter((t) => t.state === '已转办').length;
  const late = overdue.length ? `；超过${env.config.rhythms.ticketAnswerWorkingHours}个工作小时未答复${overdue.length}件：${overdue.slice(0, 5).map((o) => o.ticket.id).join('、')}${overdue.length > 5 ? ' 等' : ''}` : '';
  return {
    line: `未办结${open.length}件（待受理${waiting}件、已转成员单位${routed}件）${late}（发“诉求”查看）`,
    facts: [...open.map((t) => `q:${t.id}:${t.state}`), ...overdue.map((o) => `qo:${o.ticket.id}`)],
  };
}

/** The 诉求 part of the weekly digest: the week's counts, answer times and closures. */
export function ticketWeeklySection(env: TicketDigestEnv, from: Date, to: Date): string {
  const hours = env.config.rhythms.ticketAnswerWorkingHours;
  const f = ticketFigures(env.tx.values('tickets'), from, to, env.calendar, hours);
  if (f.received === 0 && f.answered === 0 && f.closed === 0 && f.open === 0) return '本周没有企业诉求。';
  const categories = Object.entries(f.byCategory).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}${n}件`).join('、');
  const answers = f.answered
    ? `首次答复${f.answered}件，平均用时${f.meanAnswerHours ?? '—'}个工作小时（最长${f.maxAnswerHours ?? '—'}），${f.answeredInTime}件在${hours}个工作小时内`
    : '本周没有首次答复';
  return `收到企业诉求${f.received}件${categories ? `（${categories}）` : ''}；${answers}；办结${f.closed}件。目前未办结${f.open}件，其中超时未答复${f.overdue}件。`;
}
