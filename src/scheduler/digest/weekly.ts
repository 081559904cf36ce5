/**
 * 周报 (domain-rules §4.5: 报头 with 第×期 counted per year, 编印单位 and date; the body by
 * topic with numbers). Sent on the first working day of the week with the previous week's
 * (Monday–Sunday) figures and today's standing, in one message.
 */
import { unitName } from '../../core/unit-list.ts';
import { addDays } from '../../domain/calendar/civil.ts';
import { formatOfficialDate, formatShortDate } from '../../domain/dates.ts';
import { levelLabel } from '../../domain/meeting-levels.ts';
import { formatWan } from '../../domain/money.ts';
import { BYTE_LIMITS, truncateToBytes } from '../../render/fit.ts';
import { render } from '../../render/templates.ts';
import { currentRound, missingUnits, roundPeriod } from '../../screening/rounds.ts';
import { activeSignals } from '../../store/enterprises.ts';
import type { MeetingLevel } from '../../domain/meeting-levels.ts';
import { shanghaiStartOfDay } from '../../domain/calendar/shanghai.ts';
import { ticketWeeklySection } from '../../intake/service-level.ts';
import { calendarWarnings } from '../calendar-warnings.ts';
import { dashboardLink } from '../../render/dashboard-link.ts';
import { dayOfIso, type DigestEnv, loansInWarning, meetingPicture, taskPicture } from './facts.ts';

export const WEEKLY_SEQ_SETTING = 'digest:weekly:seq';

export function buildWeeklyDigest(env: DigestEnv, monday: string, seq: number): string | undefined {
  const { tx, config, today } = env;
  const from = addDays(monday, -7);
  const to = addDays(monday, -1);
  const inWeek = (iso: string | undefined) => iso !== undefined && dayOfIso(iso) >= from && dayOfIso(iso) <= to;
  const thisWeek = (iso: string) => dayOfIso(iso) >= monday && dayOfIso(iso) <= addDays(monday, 6);

  let listed = 0, signals = 0, tiers = 0, onRoster = 0;
  const byTier = [0, 0, 0, 0];
  let anything = false;
  for (const e of tx.values('enterprises')) {
    anything = true;
    const active = activeSignals(e).sort((a, b) => a.at.localeCompare(b.at));
    signals += e.signals.filter((s) => inWeek(s.at)).length;
    if (active[0] && inWeek(active[0].at)) listed++;
    tiers += e.tierHistory.filter((d) => inWeek(d.at)).length;
    if (e.status === 'active' && active.length > 0) {
      onRoster++;
      byTier[e.tier?.tier ?? 0]!++;
    }
  }
  const removed = [...tx.values('outcomes')].filter((o) => !o.revokedAt && inWeek(o.at)).length;

  const tasks = [...tx.values('tasks')];
  const picture = taskPicture(env);
  const overdueByUnit = new Map<string, number>();
  for (const { t } of picture.overdue) overdueByUnit.set(t.leadUnitId, (overdueByUnit.get(t.leadUnitId) ?? 0) + 1);

  const meetings = [...tx.values('meetings')];
  const held = meetings.filter((m) => m.time && inWeek(m.time) && !m.parked);
  const levels = new Map<MeetingLevel, number>();
  for (const m of held) levels.set(m.level, (levels.get(m.level) ?? 0) + 1);
  const minutes = [...tx.values('minutes')].filter((x) => inWeek(x.recordedAt)).length;

  const round = currentRound(tx);
  let screening = '';
  if (round && (today <= round.deadline || missingUnits(round).length > 0)) {
    const missing = missingUnits(round);
    screening = `${roundPeriod(round).label}排查${today <= round.deadline ? `进行中，${formatShortDate(round.deadline)}截止` : '已截止'}，已报送${round.unitIds.length - missing.length}/${round.unitIds.length}个单位。`;
  }

  const loans = loansInWarning(env);
  const amount = loans.reduce((s, l) => s + l.loan.amountWan, 0);
  const anyTickets = [...env.tx.values('tickets')].some((q) => q.state !== '已办结' || inWeek(q.createdAt) || inWeek(q.closedAt));
  anything ||= tasks.length > 0 || meetings.length > 0 || loans.length > 0 || round !== undefined || anyTickets;
  if (!anything) return undefined;

  const text = render('digest-weekly', {
    tickets: ticketWeeklySection(env, shanghaiStartOfDay(from), shanghaiStartOfDay(monday)),
    year: today.slice(0, 4),
    seq,
    office: config.mechanism.office,
    date: formatOfficialDate(today),
    from: formatShortDate(from),
    to: formatShortDate(to),
    listed, signals, tiers, removed, onRoster,
    tierLine: `一档${byTier[1]}家、二档${byTier[2]}家、三档${byTier[3]}家、未分档${byTier[0]}家`,
    given: tasks.filter((t) => inWeek(t.createdAt)).length,
    closed: tasks.filter((t) => inWeek(t.closedAt)).length,
    open: picture.open,
    overdue: picture.overdue.length,
    overdueUnits: [...overdueByUnit].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([u, n]) => `${unitName(config, u)}${n}件`).join('、'),
    review: picture.review.length,
    held: held.length,
    heldDetail: [...levels].map(([l, n]) => `${levelLabel(l)}${n}次`).join('、'),
    minutes,
    thisWeek: meetings.filter((m) => m.time && thisWeek(m.time) && !m.parked).length,
    unscheduled: meetingPicture(env).unscheduled.length,
    screening,
    loans: loans.length
      ? `未来90天内到期贷款${loans.length}笔，合计${formatWan(amount)}，其中30天内到期${loans.filter((l) => l.stage === 30).length}笔。`
      : '未来90天内没有到期的登记贷款。',
    warnings: calendarWarnings(env.calendar, today),
    dashboard: dashboardLink(config),
  });
  return truncateToBytes(text, BYTE_LIMITS.person);
}
