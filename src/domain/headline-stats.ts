/**
 * The mechanism's headline figures for a period, the way 东莞's 纾困中心 reports its work
 * (004: 累计介入…, 推动148家"僵尸企业"出清, 盘活资产近3亿元, 释放土地厂房资源近100万平方米,
 * 为2257名职工追回欠薪1467万元, 371家企业通过信用修复重获新生).
 *
 * Pure: the command hands in the documents, this counts. Dates are Shanghai days, the period is
 * inclusive at both ends.
 *
 * Left out on purpose: "days saved" (东莞: 破产案件平均审理天数缩短196天). That figure compares the
 * duration of bankruptcy cases with a baseline; the bot records neither when a case was accepted
 * and closed nor any baseline, so any number here would be invented.
 */
import { toShanghaiDate } from './calendar/shanghai.ts';
import { repairDays, withinTarget } from './credit-repair.ts';
import type { Figures } from './outcome-figures.ts';
import { type OutcomeKind, outcomeCategory } from './outcomes.ts';
import type { TierNumber } from './tiers.ts';
import { taskStandingOn } from './task-standing.ts';

export interface Period {
  from: string;
  to: string;
}

/** The parts of the stored documents the figures need (structural, so the domain stays store-free). */
export interface EnterpriseFacts {
  status: 'active' | 'closed';
  tier?: { tier: TierNumber };
  signals: { at: string; withdrawnAt?: string }[];
}

export interface OutcomeFacts {
  kind: OutcomeKind;
  at: string;
  figures: Figures;
  tier?: TierNumber;
  /** Undone by 恢复: the enterprise came back, the outcome does not count. */
  revokedAt?: string;
}

export interface CreditRepairFacts {
  requestDate: string;
  certificateDate?: string;
}

export interface TaskFigures {
  given: number;
  done: number;
  onTime: number;
  /** Done, but the task has no deadline or completion date the bot can read. */
  unknownTiming: number;
}

export interface TierRow {
  tier: TierNumber | null;
  listed: number;
  helped: number;
  cleared: number;
}

export interface HeadlineStats {
  period: Period;
  /** Enterprises a unit listed (first or again) during the period. */
  listed: number;
  /** On the roster now (active with at least one active signal). */
  onRosterNow: number;
  helped: number;
  helpedByKind: Partial<Record<OutcomeKind, number>>;
  cleared: number;
  clearedByKind: Partial<Record<OutcomeKind, number>>;
  otherRemoved: number;
  figures: Required<Figures>;
  /** Workers counted on outcomes that recovered wages (东莞: 为2257名职工追回欠薪). */
  wageWorkers: number;
  creditRepairs: { done: number; averageDays: number | null; withinWeek: number; openNow: number };
  tasks: TaskFigures | null;
  byTier: TierRow[];
}

const dayOf = (iso: string): string => (iso.length === 10 ? iso : toShanghaiDate(new Date(iso)));
const inPeriod = (day: string, p: Period): boolean => day >= p.from && day <= p.to;

export function headlineStats(input: {
  period: Period;
  enterprises: Iterable<EnterpriseFacts>;
  outcomes: Iterable<OutcomeFacts>;
  creditRepairs: Iterable<CreditRepairFacts>;
  /** Documents of the tasks collection, if it exists; read defensively (see taskFacts). */
  tasks?: Iterable<unknown>;
}): HeadlineStats {
  const { period } = input;
  const rows = new Map<TierNumber | null, TierRow>([1, 2, 3, null].map((t) => [t as TierNumber | null, { tier: t as TierNumber | null, listed: 0, helped: 0, cleared: 0 }]));
  let listed = 0;
  let onRosterNow = 0;
  for (const e of input.enterprises) {
    if (e.signals.some((s) => inPeriod(dayOf(s.at), period))) {
      listed++;
      rows.get(e.tier?.tier ?? null)!.listed++;
    }
    if (e.status === 'active' && e.signals.some((s) => !s.withdrawnAt)) onRosterNow++;
  }

  const figures: Required<Figures> = { debtWan: 0, workers: 0, wagesWan: 0, assetsWan: 0, landMu: 0, buildingSqm: 0 };
  const helpedByKind: Partial<Record<OutcomeKind, number>> = {};
  const clearedByKind: Partial<Record<OutcomeKind, number>> = {};
  let helped = 0;
  let cleared = 0;
  let otherRemoved = 0;
  let wageWorkers = 0;
  for (const o of input.outcomes) {
    if (o.revokedAt || !inPeriod(dayOf(o.at), period)) continue;
    const row = rows.get(o.tier ?? null)!;
    const cat = outcomeCategory(o.kind);
    if (cat === 'helped') {
      helped++;
      row.helped++;
      helpedByKind[o.kind] = (helpedByKind[o.kind] ?? 0) + 1;
    } else if (cat === 'cleared') {
      cleared++;
      row.cleared++;
      clearedByKind[o.kind] = (clearedByKind[o.kind] ?? 0) + 1;
    } else otherRemoved++;
    for (const k of Object.keys(figures) as (keyof Figures)[]) figures[k] += o.figures[k] ?? 0;
    if ((o.figures.wagesWan ?? 0) > 0) wageWorkers += o.figures.workers ?? 0;
  }
  for (const k of Object.keys(figures) as (keyof Figures)[]) figures[k] = Math.round(figures[k] * 100) / 100;

  let done = 0;
  let daysSum = 0;
  let withinWeek = 0;
  let openNow = 0;
  for (const c of input.creditRepairs) {
    if (!c.certificateDate) {
      openNow++;
      continue;
    }
    if (!inPeriod(c.certificateDate, period)) continue;
    done++;
    const days = repairDays(c.requestDate, c.certificateDate);
    daysSum += days;
    if (withinTarget(days)) withinWeek++;
  }

  return {
    period,
    listed,
    onRosterNow,
    helped,
    helpedByKind,
    cleared,
    clearedByKind,
    otherRemoved,
    figures,
    wageWorkers,
    creditRepairs: { done, averageDays: done ? Math.round((daysSum / done) * 10) / 10 : null, withinWeek, openNow },
    tasks: input.tasks ? taskFigures(input.tasks, period) : null,
    byTier: [...rows.values()],
  };
}

/** What the figures need from a task document, whatever its exact shape. */
export interface TaskFacts {
  givenOn?: string;
  deadline?: string;
  doneOn?: string;
  /** The day it was 办结 (closedAt), when the document says. */
  closedOn?: string;
  /** 办结: 已完成待审 is not done — the office has not accepted it yet. */
  done: boolean;
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/u;

function dateField(doc: Record<string, unknown>, names: string[]): string | undefined {
  for (const n of names) {
    const v = doc[n];
    if (typeof v === 'string' && DATE_LIKE.test(v) && !Number.isNaN(new Date(v).getTime())) return dayOf(v);
  }
  return undefined;
}

/**
 * The tasks collection (督办事项) is built by another feature at the same time as this one, so its
 * document shape is read by probing the usual field names rather than by type: when a task was
 * given (createdAt/assignedAt), its deadline (deadline/dueDate/due — the current one, so a granted
 * 延期 counts), when the unit reported it done (completion.at, doneAt/completedAt/finishedAt, else
 * verifiedAt/closedAt), and its state (only 已办结 counts as done: 已完成待审 waits for the office).
 * Anything unreadable is skipped rather than guessed.
 */
export function taskFacts(doc: unknown): TaskFacts | undefined {
  if (!doc || typeof doc !== 'object') return undefined;
  const d = doc as Record<string, unknown>;
  const givenOn = dateField(d, ['createdAt', 'assignedAt', 'givenAt', 'at']);
  const deadline = dateField(d, ['deadline', 'dueDate', 'due']);
  const completion = d.completion && typeof d.completion === 'object' ? (d.completion as Record<string, unknown>) : {};
  const doneOn = dateField(completion, ['at']) ?? dateField(d, ['doneAt', 'completedAt', 'finishedAt', 'reportedDoneAt', 'verifiedAt', 'closedAt']);
  const state = typeof d.state === 'string' ? d.state : typeof d.status === 'string' ? d.status : '';
  // A task sent back (退回) is open again even if an old completion is still on it.
  const open = /^(办理中|open|pending|in_?progress)$/u.test(state) || /待审|review/u.test(state);
  const closedOn = dateField(d, ['closedAt', 'verifiedAt']);
  const done = !open && (doneOn !== undefined || /^(done|completed|verified|closed|finished)$/u.test(state) || /^(已办结|办结)/u.test(state));
  if (!givenOn) return undefined;
  return { givenOn, ...(deadline ? { deadline } : {}), ...(done && doneOn ? { doneOn } : {}), ...(done && closedOn ? { closedOn } : {}), done };
}

/** Tasks given during the period: how many are done, and how many were done by their deadline. */
export function taskFigures(docs: Iterable<unknown>, period: Period): TaskFigures {
  const out: TaskFigures = { given: 0, done: 0, onTime: 0, unknownTiming: 0 };
  for (const doc of docs) {
    const t = taskFacts(doc);
    if (!t?.givenOn || !inPeriod(t.givenOn, period)) continue;
    out.given++;
    // 办结 within the period; 按期 by the rule the 督办通报 uses (task-standing.ts).
    if (!t.done || (t.closedOn && t.closedOn > period.to)) continue;
    out.done++;
    if (t.doneOn && t.deadline) {
      if (taskStandingOn({ deadline: t.deadline, closedAt: t.closedOn ?? t.doneOn, completion: { at: t.doneOn } }, period.to) === 'onTime') out.onTime++;
    } else out.unknownTiming++;
  }
  return out;
}
