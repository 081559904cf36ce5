/**
 * The director's daily digest (每日简报), working days at dailyDigestAt. It goes out only when
 * something changed since the last one — new listings and signals, tier decisions and removals,
 * tasks falling due or overdue, meetings coming up or waiting for minutes, screening answers,
 * new dead letters, a calendar warning — judged by a fingerprint of those facts (ids and states,
 * not day counts, so a task that stays overdue does not make every day "new"). When it goes, it
 * shows the whole picture, standing items included, within one message (2048 bytes): lists are
 * shortened and point to the commands that show them in full.
 */
import { createHash } from 'node:crypto';
import { unitName } from '../../core/unit-list.ts';
import { weekdayLabel } from '../../domain/calendar/civil.ts';
import { toShanghaiTime } from '../../domain/calendar/shanghai.ts';
import { formatOfficialDate, formatShortDate } from '../../domain/dates.ts';
import { triggerByCode } from '../../domain/triggers.ts';
import { tierOf } from '../../domain/tiers.ts';
import { meetingName } from '../../meetings/records.ts';
import { BYTE_LIMITS, renderWithin } from '../../render/fit.ts';
import { dashboardLink } from '../../render/dashboard-link.ts';
import { currentRound, missingUnits, roundPeriod, unitNameList } from '../../screening/rounds.ts';
import { displayName } from '../../store/enterprises.ts';
import { ticketDailyDigest } from '../../intake/service-level.ts';
import { BACKUP_STATUS_SETTING, backupProblem, type BackupStatus } from '../../store/auto-backup.ts';
import { calendarWarnings } from '../calendar-warnings.ts';
import { changesBetween, dayOfIso, deadLetterLine, deadLetters, type DigestEnv, loansInWarning, meetingPicture, taskPicture } from './facts.ts';

export const DAILY_DIGEST_SETTING = 'digest:daily';

export interface DailyDigestState {
  /** When the last digest went out. */
  at: string;
  fingerprint: string;
  /** Dead letters already reported. */
  dead: string[];
}

export interface DailyDigest {
  text: string;
  fingerprint: string;
  /** Nothing at all to report (a new installation). */
  empty: boolean;
  dead: string[];
}

function short(text: string, n = 18): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

export function buildDailyDigest(env: DigestEnv, previous: DailyDigestState | undefined): DailyDigest {
  const { config, tx, now, today } = env;
  const since = previous?.at ?? new Date(now.getTime() - 86_400_000).toISOString();
  const facts: string[] = [];
  const name = (id: string) => unitName(config, id);

  const backup = backupProblem(tx.get('settings', BACKUP_STATUS_SETTING)?.value as BackupStatus | undefined, now);
  const warnings = [...calendarWarnings(env.calendar, today), ...(backup ? [backup] : [])];
  facts.push(...warnings.map((w) => `w:${w.slice(0, 8)}`));

  const c = changesBetween(tx, since, now.toISOString());
  const changes = [
    ...c.listed.map((e) => `新纳入名册：${displayName(e)}（${[...new Set(e.signals.filter((s) => !s.withdrawnAt).map((s) => `${name(s.unitId)}·${triggerByCode(s.trigger)?.label ?? s.trigger}`))].join('；')}）`),
    ...c.signals.map(({ e, s }) => `新增预警：${displayName(e)} — ${name(s.unitId)}（${triggerByCode(s.trigger)?.label ?? s.trigger}）`),
    ...c.tiers.map(({ e, d }) => `分档：${displayName(e)} 定为${tierOf(d.tier).label}`),
    ...c.removed.map((e) => `移出名册：${displayName(e)}（${e.outcome?.kind ?? ''}）`),
  ];
  facts.push(...changes);

  const t = taskPicture(env);
  const taskSummary = t.open === 0
    ? '没有在办的督办事项'
    : `在办${t.open}件，今天到期${t.dueToday.length}件，逾期${t.overdue.length}件，3个工作日内到期${t.soon.length}件，待审核${t.review.length}件`;
  const overdue = t.overdue.map(({ t: task, days }) => `${task.id} ${short(task.content)}（${name(task.leadUnitId)}，逾期${days}个工作日）`);
  const flagged = [
    ...t.dueToday.map((task) => `今天到期：${task.id} ${short(task.content)}（${name(task.leadUnitId)}）`),
    ...t.extensionPending.map((task) => `延期申请待批：${task.id} 申请延至${formatShortDate(task.extension!.to)}（发“延期 ${task.id} 同意”或“不同意”）`),
    ...t.review.map((task) => `待审核：${task.id} ${short(task.content)}（发“办结 ${task.id}”或“退回 ${task.id} 理由:…”）`),
  ];
  facts.push(...t.overdue.map((o) => `o:${o.t.id}`), ...t.dueToday.map((x) => `d:${x.id}`), ...t.extensionPending.map((x) => `x:${x.id}:${x.extension!.to}`), ...t.review.map((x) => `r:${x.id}`));

  const m = meetingPicture(env);
  const meetings = [
    ...m.upcoming.map((x) => `${dayOfIso(x.time!) === today ? '今天' : formatShortDate(dayOfIso(x.time!))} ${toShanghaiTime(new Date(x.time!))} ${meetingName(x)}：${short(x.topic)}`),
    ...m.unscheduled.map((x) => `待定时间：${meetingName(x)}：${short(x.topic)}（会议 ${x.id} 时间:"…"）`),
    ...m.awaitingMinutes.map((x) => `待记录纪要：${meetingName(x)}（${formatShortDate(dayOfIso(x.time!))}）`),
  ];
  facts.push(...m.upcoming.map((x) => `m:${x.id}:${x.time}`), ...m.unscheduled.map((x) => `u:${x.id}`), ...m.awaitingMinutes.map((x) => `n:${x.id}`));

  let screening = '';
  const round = currentRound(tx);
  if (round && (today <= round.deadline || missingUnits(round).length > 0 || Object.values(round.answers).some((a) => a.at > since))) {
    const missing = missingUnits(round);
    const late = round.unitIds.filter((u) => round.answers[u]?.late);
    const answered = round.unitIds.length - missing.length;
    screening = today <= round.deadline
      ? `${roundPeriod(round).label}已报送${answered}/${round.unitIds.length}个单位，${formatShortDate(round.deadline)}截止${missing.length && missing.length <= 6 ? `；尚未报送：${unitNameList(config, missing).join('、')}` : ''}`
      : `${roundPeriod(round).label}已截止，${missing.length ? `未报送：${unitNameList(config, missing).join('、')}` : '各单位均已报送'}${late.length ? `；逾期报送：${unitNameList(config, late).join('、')}` : ''}`;
    if (today > round.deadline && missing.length === 0 && !Object.values(round.answers).some((a) => a.at > since)) screening = '';
    if (screening) facts.push(`s:${round.id}:${today > round.deadline ? 'closed' : 'open'}:${Object.keys(round.answers).sort().join(',')}`);
  }

  const loans = loansInWarning(env);
  const loansText = loans.length
    ? `${loans.length}笔贷款进入到期前90天预警期，其中30天内到期${loans.filter((l) => l.stage === 30).length}笔（发“贷款”查看）`
    : '';
  facts.push(...loans.map((l) => `l:${l.loan.id}:${l.stage}`));

  const reported = new Set(previous?.dead ?? []);
  const allDead = deadLetters(tx);
  const freshDead = allDead.filter((d) => !reported.has(d.id));
  facts.push(...freshDead.map((d) => `dead:${d.id}`));

  const q = ticketDailyDigest(env);
  facts.push(...q.facts);

  const empty = warnings.length === 0 && changes.length === 0 && t.open === 0 && meetings.length === 0 && !screening && !loansText && freshDead.length === 0 && !q.line;
  const fingerprint = createHash('sha1').update(facts.join('\n')).digest('hex');
  const text = renderWithin('digest-daily', {
    date: `${formatOfficialDate(today)}（${weekdayLabel(today)}）`,
    warnings,
    since: previous ? `${formatShortDate(dayOfIso(previous.at))} ${toShanghaiTime(new Date(previous.at))}` : '昨日',
    changes,
    taskSummary,
    overdue,
    flagged,
    meetings,
    screening,
    loans: loansText,
    tickets: q.line,
    deadCount: freshDead.length,
    dead: freshDead.map((d) => deadLetterLine(config, d)),
    dashboard: dashboardLink(config),
  }, ['changes', 'overdue', 'flagged', 'meetings', 'dead'], BYTE_LIMITS.person);
  return { text, fingerprint, empty, dead: allDead.map((d) => d.id) };
}
