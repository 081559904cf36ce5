/**
 * What the digests report, read from the store: changes in a period, the state of the tasks,
 * meetings, screening and loans today, and the outbox's dead letters. Plain data; the digest
 * modules choose and word it.
 */
import type { Config } from '../../config/config.ts';
import { addDays, daysBetween } from '../../domain/calendar/civil.ts';
import { toShanghaiDate } from '../../domain/calendar/shanghai.ts';
import type { WorkingCalendar } from '../../domain/calendar/working-days.ts';
import { loanStage } from '../../domain/loan-warning.ts';
import { activeSignals } from '../../store/enterprises.ts';
import type { Enterprise, Loan, Meeting, OutboxItem, Signal, Task, TierDecision } from '../../store/model.ts';
import type { StateReader } from '../../store/tx.ts';
import { orGap } from '../slots.ts';

export interface DigestEnv {
  tx: StateReader;
  config: Config;
  calendar: WorkingCalendar;
  now: Date;
  today: string;
}

const dayOf = (iso: string) => toShanghaiDate(new Date(iso));
const byNumber = (a: { id: string }, b: { id: string }) => Number(a.id.slice(1)) - Number(b.id.slice(1));

export interface Changes {
  /** Enterprises whose first active signal is in the range (new on the roster). */
  listed: Enterprise[];
  /** Further signals on enterprises already listed. */
  signals: { e: Enterprise; s: Signal }[];
  tiers: { e: Enterprise; d: TierDecision }[];
  removed: Enterprise[];
}

/** Changes with an instant in (since, until]. */
export function changesBetween(r: StateReader, since: string, until: string): Changes {
  const inRange = (iso: string | undefined) => iso !== undefined && iso > since && iso <= until;
  const out: Changes = { listed: [], signals: [], tiers: [], removed: [] };
  for (const e of r.values('enterprises')) {
    const active = activeSignals(e).sort((a, b) => a.at.localeCompare(b.at));
    const fresh = active.filter((s) => inRange(s.at));
    if (fresh.length && active[0] && inRange(active[0].at)) out.listed.push(e);
    else for (const s of fresh) out.signals.push({ e, s });
    for (const d of e.tierHistory) if (inRange(d.at)) out.tiers.push({ e, d });
    if (e.status === 'closed' && inRange(e.outcome?.at)) out.removed.push(e);
  }
  out.listed.sort(byNumber);
  return out;
}

export interface TaskPicture {
  dueToday: Task[];
  overdue: { t: Task; days: number }[];
  /** Due within 3 working days (not today). */
  soon: Task[];
  /** Reported done, waiting for the office (已完成待审). */
  review: Task[];
  /** Extension requested, not decided. */
  extensionPending: Task[];
  open: number;
}

export function taskPicture(env: DigestEnv): TaskPicture {
  const p: TaskPicture = { dueToday: [], overdue: [], soon: [], review: [], extensionPending: [], open: 0 };
  const tasks = [...env.tx.values('tasks')].sort((a, b) => a.deadline.localeCompare(b.deadline) || byNumber(a, b));
  for (const t of tasks) {
    if (t.state === '已办结') continue;
    p.open++;
    if (t.state === '已完成待审') {
      p.review.push(t);
      continue;
    }
    if (t.extension?.state === 'pending') p.extensionPending.push(t);
    const due = orGap(() => env.calendar.deadline(t.deadline)) ?? t.deadline;
    if (due === env.today) p.dueToday.push(t);
    else if (due < env.today) p.overdue.push({ t, days: orGap(() => env.calendar.workingDaysBetween(due, env.today)) ?? daysBetween(due, env.today) });
    else if (daysBetween(env.today, due) <= 21 && (orGap(() => env.calendar.workingDaysBetween(env.today, due)) ?? 99) <= 3) p.soon.push(t);
  }
  p.overdue.sort((a, b) => b.days - a.days || byNumber(a.t, b.t));
  return p;
}

export interface MeetingPicture {
  /** Today and the next working day. */
  upcoming: Meeting[];
  /** Held (time passed), a 纪要 is expected and missing. */
  awaitingMinutes: Meeting[];
  /** 专题/联席 meetings waiting for the director to fix a time. */
  unscheduled: Meeting[];
}

export function meetingPicture(env: DigestEnv): MeetingPicture {
  const next = orGap(() => env.calendar.addWorkingDays(env.today, 1)) ?? addDays(env.today, 1);
  const p: MeetingPicture = { upcoming: [], awaitingMinutes: [], unscheduled: [] };
  for (const m of env.tx.values('meetings')) {
    if (m.parked) continue;
    if (!m.time) {
      if (m.level !== '业务' && !m.outcome) p.unscheduled.push(m);
      continue;
    }
    const day = dayOf(m.time);
    if (new Date(m.time) > env.now) {
      if (!m.outcome && day <= next) p.upcoming.push(m);
    } else if (!m.escalatedTo && !env.tx.get('minutes', m.id) && (m.level !== '业务' || m.outcome?.result === '已解决') && daysBetween(day, env.today) <= 30) {
      p.awaitingMinutes.push(m);
    }
  }
  p.upcoming.sort((a, b) => a.time!.localeCompare(b.time!));
  return p;
}

/** Open loans within 90 days of falling due, soonest first, with the 321 stage reached. */
export function loansInWarning(env: DigestEnv): { loan: Loan; stage: 90 | 60 | 30 }[] {
  const out: { loan: Loan; stage: 90 | 60 | 30 }[] = [];
  for (const loan of env.tx.lookup('loans', 'state', 'open')) {
    const stage = loanStage(loan.dueDate, env.today);
    if (stage) out.push({ loan, stage });
  }
  return out.sort((a, b) => a.loan.dueDate.localeCompare(b.loan.dueDate));
}

export function deadLetters(r: StateReader): OutboxItem[] {
  return r.lookup('outbox', 'state', 'dead').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** "区税务局联络员：收件人没有可用的渠道…" */
export function deadLetterLine(config: Config, item: OutboxItem): string {
  const to = item.message.to;
  const who = to.kind === 'person' ? (config.personById(to.personId)?.name ?? to.personId) : to.kind === 'group' ? (config.groupById(to.groupId)?.name ?? to.groupId) : '微信客户';
  const first = item.message.text.split('\n')[0]!.replace(/\*/g, '').slice(0, 24);
  return `${who}｜${first}｜${(item.lastError ?? '').slice(0, 40)}`;
}

export function dayOfIso(iso: string): string {
  return dayOf(iso);
}
