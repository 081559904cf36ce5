/** 总览: the roster at a glance and what is late, each section behind its chat command's audience. */
import { unitName } from '../../core/unit-list.ts';
import { shanghaiStartOfDay } from '../../domain/calendar/shanghai.ts';
import { formatShortDate } from '../../domain/dates.ts';
import { LOAN_STAGES } from '../../domain/loan-warning.ts';
import { levelLabel } from '../../domain/meeting-levels.ts';
import { OUTCOME_KINDS } from '../../domain/outcomes.ts';
import { mondayOf } from '../../domain/periods.ts';
import { TIERS, tierDisplay } from '../../domain/tiers.ts';
import { ticketsVisibleTo } from '../../intake/view.ts';
import { overdueTickets } from '../../intake/service-level.ts';
import { meetingsNeedingMinutes } from '../../meetings/queries.ts';
import { formatMeetingTime, meetingName, meetingState } from '../../meetings/records.ts';
import { meetingsVisibleTo } from '../../meetings/view.ts';
import { changesBetween, loansInWarning } from '../../scheduler/digest/facts.ts';
import { currentRound } from '../../screening/rounds.ts';
import { answerText, screeningViewOf } from '../../screening/status.ts';
import { activeSignals } from '../../store/enterprises.ts';
import { mayUseLoans } from '../../store/loans.ts';
import type { CollectionName, Enterprise } from '../../store/model.ts';
import type { StateReader } from '../../store/tx.ts';
import { colourOf, tasksInScope } from '../../tasks/view.ts';
import { mayOpen } from '../access.ts';
import { type DashboardView, ownUnitOf } from '../view.ts';

export function overviewPage(view: DashboardView) {
  return {
    roster: mayOpen(view.person, '名册') ? rosterCounts(view) : undefined,
    tasks: mayOpen(view.person, '任务') ? taskCounts(view) : undefined,
    screening: mayOpen(view.person, '排查') ? screening(view) : undefined,
    meetings: mayOpen(view.person, '会议') ? meetings(view) : undefined,
    loans: mayOpen(view.person, '贷款') && mayUseLoans(view.person, view.unit) ? loans(view) : undefined,
    tickets: mayOpen(view.person, '诉求') ? tickets(view) : undefined,
  };
}

function rosterCounts(view: DashboardView) {
  const byTier = new Map<number, number>();
  const byOutcome = new Map<string, number>();
  let watch = 0;
  const since = shanghaiStartOfDay(mondayOf(view.today)).toISOString();
  // Only an enterprise with something dated this week can be among the week's changes: passing
  // just those to changesBetween keeps 总览 fast at 20,000 enterprises.
  const touched: Enterprise[] = [];
  for (const e of view.tx.values('enterprises')) {
    if (e.signals.some((s) => s.at > since) || (e.outcome?.at ?? '') > since || e.tierHistory.some((d) => d.at > since)) touched.push(e);
    if (e.status === 'closed') {
      const kind = e.outcome?.kind ?? '移出';
      byOutcome.set(kind, (byOutcome.get(kind) ?? 0) + 1);
    } else if (activeSignals(e).length === 0) watch++;
    else byTier.set(e.tier?.tier ?? 0, (byTier.get(e.tier?.tier ?? 0) ?? 0) + 1);
  }
  const week = changesBetween(onlyThese(view.tx, touched), since, view.now.toISOString());
  return {
    tiers: [...TIERS.map((t) => ({ label: tierDisplay(t), count: byTier.get(t.n) ?? 0, tier: String(t.n) })), { label: '未分档', count: byTier.get(0) ?? 0, tier: '未分档' }],
    onRoster: [...byTier.values()].reduce((a, b) => a + b, 0),
    watch,
    outcomes: OUTCOME_KINDS.map((k) => ({ label: k, count: byOutcome.get(k) ?? 0 })),
    weekListed: week.listed.map((e) => ({ id: e.id, name: e.names[0] ?? '' })),
    weekRemoved: week.removed.map((e) => ({ id: e.id, name: e.names[0] ?? '', kind: e.outcome?.kind ?? '' })),
  };
}

/** The state with the enterprises narrowed to `list` (everything else read through). */
function onlyThese(tx: StateReader, list: Enterprise[]): StateReader {
  return {
    get: (c, id) => tx.get(c, id),
    lookup: (c, index, key) => tx.lookup(c, index, key),
    values: ((c: CollectionName) => (c === 'enterprises' ? list : tx.values(c))) as StateReader['values'],
  };
}

/** Open tasks by lead unit and colour: the liaison's own unit's, the office's all (as 任务). */
function taskCounts(view: DashboardView) {
  const scope = ownUnitOf(view) ? '我的' : '全部';
  const byUnit = new Map<string, { unit: string; 蓝: number; 黄: number; 红: number; open: number }>();
  for (const t of tasksInScope(view, view.person, scope)) {
    const row = byUnit.get(t.leadUnitId) ?? { unit: unitName(view.config, t.leadUnitId), 蓝: 0, 黄: 0, 红: 0, open: 0 };
    row.open++;
    const colour = colourOf(view, t);
    if (colour) row[colour]++;
    byUnit.set(t.leadUnitId, row);
  }
  return { scope, rows: [...byUnit.values()].sort((a, b) => b.红 - a.红 || b.黄 - a.黄 || b.蓝 - a.蓝) };
}

function screening(view: DashboardView) {
  const round = currentRound(view.tx);
  if (!round) return { round: undefined, rows: [] };
  const { ownUnit, office } = screeningViewOf(view.person);
  const units = office ? round.unitIds : round.unitIds.filter((u) => u === ownUnit);
  return {
    round: { id: round.id, deadline: formatShortDate(round.deadline), closed: view.today > round.deadline },
    rows: units.map((u) => ({ unit: unitName(view.config, u), answered: Boolean(round.answers[u]), text: answerText(round, u) })),
  };
}

function meetings(view: DashboardView) {
  const { mine } = meetingsVisibleTo(view.tx, view.person);
  const ids = new Set(mine.map((m) => m.id));
  const row = (m: (typeof mine)[number]) => ({ id: m.id, name: meetingName(m), level: levelLabel(m.level), topic: m.topic, time: m.time ? formatMeetingTime(m.time) : '时间待定', state: meetingState(m, view.now) });
  return {
    ahead: mine.filter((m) => !m.outcome && !m.parked && (!m.time || new Date(m.time) > view.now)).sort((a, b) => (a.time ?? '~').localeCompare(b.time ?? '~')).slice(0, 8).map(row),
    awaitingMinutes: meetingsNeedingMinutes(view.tx, view.now).filter((m) => ids.has(m.id)).map(row),
  };
}

function loans(view: DashboardView) {
  const env = { tx: view.tx, config: view.config, calendar: view.calendar, now: view.now, today: view.today };
  const list = loansInWarning(env);
  return {
    stages: LOAN_STAGES.map((s) => ({ stage: s, count: list.filter((l) => l.stage === s).length })),
    rows: list.slice(0, 10).map(({ loan, stage }) => ({
      id: loan.id, stage, bank: loan.bank, due: formatShortDate(loan.dueDate),
      enterprise: view.tx.get('enterprises', loan.enterpriseId)?.names[0] ?? loan.enterpriseId,
    })),
  };
}

function tickets(view: DashboardView) {
  const hours = view.config.rhythms.ticketAnswerWorkingHours;
  const late = overdueTickets(ticketsVisibleTo(view.tx, view.person), view.now, view.calendar, hours);
  return { hours, rows: late.slice(0, 10).map(({ ticket, workingHours }) => ({ id: ticket.id, waited: workingHours === undefined ? '' : `${Math.floor(workingHours)}` })), count: late.length };
}
