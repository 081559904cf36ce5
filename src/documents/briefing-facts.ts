/**
 * What a 工作简报 reports for its period (domain-rules §4.5 报核 "with numbers"): roster movement,
 * the meetings held and what they decided, supervised tasks given and closed, enterprise requests
 * to the 纾困中心, and where things stand at the period's end. Plain data; the document words it.
 */
import { addDays } from '../domain/calendar/civil.ts';
import { shanghaiStartOfDay, toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { changesBetween, type Changes } from '../scheduler/digest/facts.ts';
import { activeSignals, byNumber } from '../store/enterprises.ts';
import type { BriefingIssue, Meeting, Task } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

export interface BriefingFacts {
  from: string;
  to: string;
  changes: Changes;
  /** Active on the roster at the end: listed (with a signal), by tier, and on the watch list. */
  roster: { listed: number; tiers: [number, number, number]; untiered: number; watch: number };
  meetings: Meeting[];
  resolved: number;
  minutes: number;
  tasksGiven: Task[];
  tasksClosed: Task[];
  /** Open at the end and past their deadline. */
  overdue: Task[];
  tickets: { received: number; closed: number };
  outcomes: Record<string, number>;
}

export function briefingFacts(r: StateReader, from: string, to: string): BriefingFacts {
  const since = new Date(shanghaiStartOfDay(from).getTime() - 1).toISOString();
  const until = new Date(shanghaiStartOfDay(addDays(to, 1)).getTime() - 1).toISOString();
  const day = (iso: string | undefined) => (iso ? toShanghaiDate(new Date(iso)) : '');
  const inPeriod = (iso: string | undefined) => iso !== undefined && day(iso) >= from && day(iso) <= to;

  const roster = { listed: 0, tiers: [0, 0, 0] as [number, number, number], untiered: 0, watch: 0 };
  for (const e of r.values('enterprises')) {
    if (e.status !== 'active') continue;
    if (activeSignals(e).length === 0) {
      roster.watch++;
      continue;
    }
    roster.listed++;
    if (e.tier) roster.tiers[e.tier.tier - 1] = roster.tiers[e.tier.tier - 1]! + 1;
    else roster.untiered++;
  }
  const meetings = [...r.values('meetings')].filter((m) => inPeriod(m.time)).sort((a, b) => a.time!.localeCompare(b.time!));
  const tasks = [...r.values('tasks')].sort(byNumber);
  const tickets = [...r.values('tickets')];
  const outcomes: Record<string, number> = {};
  for (const o of r.values('outcomes')) if (!o.revokedAt && inPeriod(o.at)) outcomes[o.kind] = (outcomes[o.kind] ?? 0) + 1;
  return {
    from,
    to,
    changes: changesBetween(r, since, until),
    roster,
    meetings,
    resolved: meetings.filter((m) => m.outcome?.result === '已解决').length,
    minutes: [...r.values('minutes')].filter((m) => inPeriod(m.recordedAt)).length,
    tasksGiven: tasks.filter((t) => inPeriod(t.createdAt)),
    tasksClosed: tasks.filter((t) => inPeriod(t.closedAt)),
    overdue: tasks.filter((t) => t.state !== '已办结' && t.deadline < to),
    tickets: { received: tickets.filter((t) => inPeriod(t.createdAt)).length, closed: tickets.filter((t) => inPeriod(t.closedAt)).length },
    outcomes,
  };
}

/** The issues of a year, in order. */
export function issuesOf(r: StateReader, year: number): BriefingIssue[] {
  return [...r.values('briefings')].filter((b) => b.year === year).sort((a, b) => a.number - b.number);
}

/** The last issue made, of any year. */
export function lastIssue(r: StateReader): BriefingIssue | undefined {
  return [...r.values('briefings')].sort((a, b) => a.to.localeCompare(b.to) || a.issuedAt.localeCompare(b.issuedAt)).at(-1);
}

/**
 * The period a new issue covers: from the day after the last issue (or the month's first day) to
 * today — consecutive issues, none counting a day twice. Undefined when the last issue already
 * covers today: the next one can start tomorrow.
 */
export function nextIssuePeriod(r: StateReader, today: string): { from: string; to: string } | undefined {
  const last = lastIssue(r);
  const from = last ? addDays(last.to, 1) : `${today.slice(0, 8)}01`;
  return from > today ? undefined : { from, to: today };
}
