/**
 * The quarterly 督办通报 (domain-rules §4.4: 标题 → 主送 → 总体情况 with numbers → 好的做法 →
 * 存在问题 naming units → 下一步要求 → 落款), the basis of the mechanism's 考核. Figures are as
 * of the end of the day it is made, or the quarter's last day if that came first (a 通报 made
 * before the quarter ends is a 阶段通报: nothing can be late by a day that has not come), per lead
 * unit (督办 is "一事一文" led by the 牵头单位):
 * - in scope: tasks given in the quarter, and tasks given earlier still open at its start;
 * - each task's standing by that day: src/domain/task-standing.ts (shared with 统计);
 * - the quarter's screening: on time / late / missing, per unit;
 * - meeting replies: invitations to meetings held in the quarter that the unit answered.
 */
import type { Config } from '../../config/config.ts';
import { unitName } from '../../core/unit-list.ts';
import { toShanghaiDate } from '../../domain/calendar/shanghai.ts';
import { formatOfficialDate } from '../../domain/dates.ts';
import { inPeriod, nextQuarter, type Period } from '../../domain/periods.ts';
import { type TaskStanding, taskStandingOn } from '../../domain/task-standing.ts';
import { BYTE_LIMITS, renderWithin } from '../../render/fit.ts';
import { answerTiming, plannedOpening } from '../../screening/rounds.ts';
import type { Task } from '../../store/model.ts';
import type { StateReader } from '../../store/tx.ts';
import { orGap } from '../slots.ts';
import { dayOfIso, type DigestEnv } from './facts.ts';

export type TaskStatusAtEnd = TaskStanding;

export interface UnitFigures {
  unitId: string;
  given: number;
  onTime: number;
  closedLate: number;
  overdue: number;
  inProgress: number;
  overdueTasks: string[];
  screening: 'onTime' | 'late' | 'missing' | 'none';
  invited: number;
  replied: number;
}

export interface SupervisionFigures {
  period: Period;
  /** The day the figures stand at: the day made, or the quarter's last day if that came first. */
  asOfDay: string;
  /** Made before the quarter ended: a 阶段 report. */
  stage: boolean;
  total: number;
  fresh: number;
  carried: number;
  onTime: number;
  closedLate: number;
  inProgress: number;
  overdue: number;
  meetings: number;
  units: UnitFigures[];
  screening: { total: number; onTime: number; late: number; missing: number } | undefined;
}

/** Where a task stood at the end of `day` (src/domain/task-standing.ts, shared with 统计). */
export function taskStatusAt(t: Task, day: string): TaskStatusAtEnd {
  return taskStandingOn(t, day);
}

export function supervisionFigures(r: StateReader, config: Config, q: Period, asOf: Date): SupervisionFigures {
  const units = new Map<string, UnitFigures>(config.units.map((u) => [u.id, {
    unitId: u.id, given: 0, onTime: 0, closedLate: 0, overdue: 0, inProgress: 0, overdueTasks: [], screening: 'none', invited: 0, replied: 0,
  }]));
  const unit = (id: string) => {
    if (!units.has(id)) units.set(id, { unitId: id, given: 0, onTime: 0, closedLate: 0, overdue: 0, inProgress: 0, overdueTasks: [], screening: 'none', invited: 0, replied: 0 });
    return units.get(id)!;
  };
  const made = toShanghaiDate(asOf);
  const asOfDay = made < q.end ? made : q.end;
  const f: SupervisionFigures = { period: q, asOfDay, stage: asOfDay < q.end, total: 0, fresh: 0, carried: 0, onTime: 0, closedLate: 0, inProgress: 0, overdue: 0, meetings: 0, units: [], screening: undefined };
  for (const t of r.values('tasks')) {
    const created = dayOfIso(t.createdAt);
    if (created > asOfDay) continue;
    const closedBefore = t.closedAt !== undefined && dayOfIso(t.closedAt) < q.start;
    if (created < q.start && closedBefore) continue;
    f.total++;
    if (created >= q.start) f.fresh++;
    else f.carried++;
    const status = taskStatusAt(t, asOfDay);
    f[status]++;
    const u = unit(t.leadUnitId);
    u.given++;
    u[status]++;
    if (status === 'overdue' || status === 'closedLate') u.overdueTasks.push(t.id);
  }
  const round = r.get('screenings', q.id);
  if (round) {
    const s = { total: round.unitIds.length, onTime: 0, late: 0, missing: 0 };
    for (const id of round.unitIds) {
      const timing = answerTiming(round, id);
      // Not answered while the round's deadline has not passed: not missing yet.
      if (timing === 'missing' && round.deadline >= asOfDay) continue;
      unit(id).screening = timing;
      s[timing]++;
    }
    f.screening = s;
  }
  for (const m of r.values('meetings')) {
    // Meetings held in the quarter (by `asOf`): a coming meeting's pending answers are not late yet.
    if (!m.time || m.parked || !inPeriod(dayOfIso(m.time), q) || new Date(m.time) > asOf) continue;
    f.meetings++;
    for (const [id, resp] of Object.entries(m.responses)) {
      const u = unit(id);
      u.invited++;
      if (resp.answer !== 'pending') u.replied++;
    }
  }
  const byNumber = (a: string, b: string) => Number(a.slice(1)) - Number(b.slice(1)) || a.localeCompare(b);
  for (const u of units.values()) u.overdueTasks.sort(byNumber);
  f.units = [...units.values()];
  return f;
}

const SCREENING_WORDS = { onTime: '按时', late: '逾期', missing: '未报', none: '—' } as const;

export function unitLine(config: Config, u: UnitFigures): string {
  return `${unitName(config, u.unitId)}：${u.given}｜${u.onTime}｜${u.overdue + u.closedLate}｜${SCREENING_WORDS[u.screening]}｜${u.invited ? `${u.replied}/${u.invited}` : '—'}`;
}

/** The 通报 text. 'push' fits one chat message and is marked as a draft; 'full' lists every unit. */
export function buildSupervisionReport(env: DigestEnv, q: Period, mode: 'push' | 'full'): string {
  const { config, tx, today, calendar } = env;
  const f = supervisionFigures(tx, config, q, env.now);
  const name = (id: string) => unitName(config, id);
  const active = f.units.filter((u) => u.given > 0 || u.screening === 'late' || u.screening === 'missing' || u.invited > u.replied);
  const shown = mode === 'full' ? f.units.filter((u) => u.given > 0 || u.screening !== 'none' || u.invited > 0) : active;

  const praise: string[] = [];
  const perfect = f.units.filter((u) => u.given > 0 && u.onTime === u.given);
  if (perfect.length) praise.push(`按期办结全部督办事项，积极、优质、高效：${perfect.map((u) => name(u.unitId)).join('、')}。`);
  const onTimeScreening = f.units.filter((u) => u.screening === 'onTime');
  if (onTimeScreening.length && f.screening && onTimeScreening.length === f.screening.total) praise.push('各成员单位均按时报送了季度排查结果。');
  else if (onTimeScreening.length) praise.push(`按时报送季度排查结果的单位${onTimeScreening.length}个。`);

  const problems: string[] = [];
  for (const u of f.units.filter((x) => x.overdue > 0 || x.closedLate > 0).sort((a, b) => b.overdue - a.overdue)) {
    problems.push(`${name(u.unitId)}牵头的督办事项${u.overdue ? `逾期未办结${u.overdue}件` : ''}${u.overdue && u.closedLate ? '、' : ''}${u.closedLate ? `逾期办结${u.closedLate}件` : ''}（${u.overdueTasks.join('、')}）。`);
  }
  const late = f.units.filter((u) => u.screening === 'late').map((u) => name(u.unitId));
  const missing = f.units.filter((u) => u.screening === 'missing').map((u) => name(u.unitId));
  if (late.length) problems.push(`季度排查逾期报送：${late.join('、')}。`);
  if (missing.length) problems.push(`季度排查未报送：${missing.join('、')}。`);
  const silent = f.units.filter((u) => u.invited > u.replied).map((u) => `${name(u.unitId)}（${u.invited - u.replied}次）`);
  if (silent.length) problems.push(`会议邀请未答复：${silent.join('、')}。`);

  const rectifyBy = orGap(() => calendar.addWorkingDays(today, 10));
  const next = nextQuarter(q);
  const nextOpening = plannedOpening(calendar, config, next);
  const requirements = [
    f.overdue > 0
      ? `逾期未办结的事项，请牵头单位于${rectifyBy ? formatOfficialDate(rectifyBy) : '10个工作日内'}前办结，并向办公室书面说明逾期原因（限期整改）；确有困难的，应在期限前申请延期。`
      : '各牵头单位继续按期办理督办事项，不能按期完成的应在期限前申请延期。',
    `请各成员单位按时报送${next.label}危困企业排查结果${typeof nextOpening === 'string' && nextOpening !== 'gap' ? `（${formatOfficialDate(nextOpening)}开启）` : ''}。`,
    '收到会议邀请后请及时答复，会议议定事项按纪要分工落实。',
  ];

  const replies = f.units.reduce((s, u) => s + u.invited, 0);
  const replied = f.units.reduce((s, u) => s + u.replied, 0);
  return renderWithin('supervision-report', {
    period: q.label,
    draft: mode === 'push',
    total: f.total, fresh: f.fresh, carried: f.carried,
    end: formatOfficialDate(f.asOfDay),
    stage: f.stage,
    onTime: f.onTime, closedLate: f.closedLate, inProgress: f.inProgress, overdue: f.overdue,
    screeningTotal: f.screening?.total ?? 0,
    screeningOnTime: f.screening?.onTime ?? 0,
    screeningLate: f.screening?.late ?? 0,
    screeningMissing: f.screening?.missing ?? 0,
    meetings: f.meetings,
    replyRate: replies ? `${Math.round((replied / replies) * 100)}%（${replied}/${replies}）` : '—',
    units: shown.map((u) => unitLine(config, u)),
    fullCommand: mode === 'push' ? `简报 通报 ${q.id}` : '',
    praise,
    problems,
    requirements,
    office: config.mechanism.office,
    date: formatOfficialDate(today),
  }, mode === 'push' ? ['units', 'problems'] : [], mode === 'push' ? BYTE_LIMITS.person : Number.MAX_SAFE_INTEGER);
}
