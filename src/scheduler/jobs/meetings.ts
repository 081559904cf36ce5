/**
 * The meeting rhythm (001 §四: 联席会议 every half year, 专题会议 every quarter; 002 §四: 联席会议 at
 * least once a year, 专题 as needed — rhythms.jointMeeting / specialMeeting). Runs every working
 * day at remindersAt and again at AFTERNOON_RUN, so that a meeting fixed in the morning for the
 * next day still gets its notice and its eve reminder:
 * - agenda call: AGENDA_CALL_WORKING_DAYS before the end of the 联席会议's period, the units are
 *   asked for 议题 (in the liaison group, or each liaison without one);
 * - plan reminder: JOINT_PLAN_WORKING_DAYS (联席) / SPECIAL_PLAN_WORKING_DAYS (专题) before the
 *   period's end, if no meeting of that level has a time in the period, the director (and for
 *   联席 the conveners) are asked to fix one — late enough that the quarter's screening results
 *   (opened on the 1st working day of the quarter's last month) are in, early enough to meet;
 * - formal notice with the agenda: when a 联席/专题 meeting is confirmed by every unit, or at the
 *   latest NOTICE_WORKING_DAYS_BEFORE working days before it; a new time means a new notice. The
 *   open 议题 go onto the 联席会议's agenda (taken up in that meeting);
 * - eve reminder: the working day before any meeting;
 * - minutes reminder: the working day after a 联席/专题 meeting (or a 业务会议 that solved its
 *   matter) that has no 纪要 yet.
 */
import type { Config } from '../../config/config.ts';
import type { Person } from '../../domain/types.ts';
import { dedupe } from '../../core/tell.ts';
import { unitNames } from '../../core/unit-list.ts';
import { addDays, daysBetween } from '../../domain/calendar/civil.ts';
import { toShanghaiDate } from '../../domain/calendar/shanghai.ts';
import { formatOfficialDate } from '../../domain/dates.ts';
import { levelLabel } from '../../domain/meeting-levels.ts';
import { halfYearContaining, inPeriod, type Period, quarterContaining, yearPeriod } from '../../domain/periods.ts';
import { enterpriseNames, formatMeetingTime, meetingName, meetingPeople, meetingUnitIds } from '../../meetings/records.ts';
import { BYTE_LIMITS, renderWithin } from '../../render/fit.ts';
import { render } from '../../render/templates.ts';
import { currentRound, missingUnits } from '../../screening/rounds.ts';
import type { Meeting } from '../../store/model.ts';
import type { MeetingLevel } from '../../domain/meeting-levels.ts';
import type { RunContext } from '../job.ts';
import { allLiaisons, conveners, directors, liaisonGroup } from '../recipients.ts';
import { orGap } from '../slots.ts';
import { dailyJob } from './daily.ts';

export const AGENDA_CALL_WORKING_DAYS = 20;
export const JOINT_PLAN_WORKING_DAYS = 15;
export const SPECIAL_PLAN_WORKING_DAYS = 10;
export const NOTICE_WORKING_DAYS_BEFORE = 2;
export const AFTERNOON_RUN = '14:00';
/** Minutes reminders are not sent for meetings older than this (e.g. data from before the bot). */
const MINUTES_LOOKBACK_DAYS = 30;

function jointPeriod(config: Config, today: string): Period {
  return config.rhythms.jointMeeting === 'yearly' ? yearPeriod(Number(today.slice(0, 4))) : halfYearContaining(today);
}

function jointRule(config: Config): string {
  return config.rhythms.jointMeeting === 'yearly' ? '联席会议每年至少召开一次' : '联席会议每半年召开一次';
}

function meetingDate(m: Meeting): string | undefined {
  return m.time ? toShanghaiDate(new Date(m.time)) : undefined;
}

/** A meeting of `level` with a time in `p` (parked ones do not count). */
function hasMeetingIn(ctx: RunContext, level: MeetingLevel, p: Period): boolean {
  return [...ctx.tx.values('meetings')].some((m) => m.level === level && !m.parked && m.time && inPeriod(meetingDate(m)!, p));
}

function isBefore(ctx: RunContext, date: string, workingDays: number): boolean {
  const day = orGap(() => ctx.calendar.subtractWorkingDays(ctx.calendar.previousWorkingDay(date), workingDays));
  return day !== undefined && ctx.today >= day;
}

function screeningLine(ctx: RunContext): string {
  const round = currentRound(ctx.tx);
  if (!round || !inPeriod(round.opensOn, quarterContaining(ctx.today))) return '';
  const missing = missingUnits(round).length;
  return `本季度排查：已报送${round.unitIds.length - missing}/${round.unitIds.length}个单位，结果和分档建议可提交会议研究（发“排查”查看）。`;
}

function planReminders(ctx: RunContext): void {
  const { config, tx, today } = ctx;
  const joint = jointPeriod(config, today);
  const openAgenda = tx.lookup('agenda', 'status', 'open').length;
  if (isBefore(ctx, joint.end, AGENDA_CALL_WORKING_DAYS) && !hasHeld(ctx, '联席', joint)) {
    const group = liaisonGroup(config);
    // Items are wanted before the date is fixed, or — once it is — before the meeting.
    const fixed = [...tx.values('meetings')].filter((m) => m.level === '联席' && m.time && !m.parked && new Date(m.time) > ctx.now && inPeriod(meetingDate(m)!, joint))
      .sort((a, b) => a.time!.localeCompare(b.time!))[0];
    const by = fixed
      ? orGap(() => ctx.calendar.previousWorkingDay(addDays(meetingDate(fixed)!, -1)))
      : orGap(() => ctx.calendar.subtractWorkingDays(ctx.calendar.previousWorkingDay(joint.end), JOINT_PLAN_WORKING_DAYS));
    ctx.notify(`agenda-call:${joint.id}`, group ? [group] : allLiaisons(config), render('agenda-call', {
      period: joint.label,
      by: by && by >= today ? formatOfficialDate(by) : '',
      meeting: fixed ? formatMeetingTime(fixed.time!) : '',
      count: openAgenda,
    }));
  }
  if (isBefore(ctx, joint.end, JOINT_PLAN_WORKING_DAYS) && !hasMeetingIn(ctx, '联席', joint)) {
    ctx.notify(`meeting-plan:联席:${joint.id}`, [...directors(config), ...conveners(config)], planText(ctx, '联席', joint, jointRule(config), openAgenda));
  }
  if (config.rhythms.specialMeeting === 'quarterly') {
    const q = quarterContaining(today);
    if (isBefore(ctx, q.end, SPECIAL_PLAN_WORKING_DAYS) && !hasMeetingIn(ctx, '专题', q)) {
      ctx.notify(`meeting-plan:专题:${q.id}`, directors(config), planText(ctx, '专题', q, '专题会议每季度召开一次', 0));
    }
  }
}

/** A meeting of `level` in `p` whose time has passed (the period's meeting took place). */
function hasHeld(ctx: RunContext, level: MeetingLevel, p: Period): boolean {
  return [...ctx.tx.values('meetings')].some((m) => m.level === level && m.time && new Date(m.time) <= ctx.now && inPeriod(meetingDate(m)!, p));
}

function planText(ctx: RunContext, level: '联席' | '专题', p: Period, rule: string, agendaCount: number): string {
  const waiting = [...ctx.tx.values('meetings')]
    .filter((m) => m.level === level && !m.time && !m.parked && !m.outcome)
    .map((m) => `${m.id} ${m.topic}`);
  return renderWithin('meeting-plan', {
    period: p.label,
    name: levelLabel(level),
    level,
    rule,
    end: formatOfficialDate(p.end),
    agendaCount,
    waiting,
    screening: screeningLine(ctx),
  }, ['waiting'], BYTE_LIMITS.person);
}

/** Who a meeting's notice and reminder go to: its invitees only (and a 联席会议's conveners). */
function members(config: Config, m: Meeting): Person[] {
  return m.level === '联席' ? dedupe([...meetingPeople(config, m), ...conveners(config)]) : meetingPeople(config, m);
}

/** "各成员单位" only when every member unit is invited; otherwise the units by name. */
function unitsText(config: Config, m: Meeting): string {
  const ids = meetingUnitIds(m);
  return config.units.every((u) => ids.includes(u.id)) ? '各成员单位' : unitNames(config, ids);
}

function formalNotice(ctx: RunContext, m: Meeting): void {
  const { config, tx } = ctx;
  const date = meetingDate(m)!;
  const left = orGap(() => ctx.calendar.workingDaysBetween(ctx.today, date));
  if (m.status !== 'confirmed' && (left === undefined || left > NOTICE_WORKING_DAYS_BEFORE)) return;
  const key = `meeting-notice:${m.id}:${m.time}`;
  if (ctx.sent(key)) return;
  const agenda: string[] = [];
  if (m.level === '联席') {
    const items = [...tx.values('agenda')].filter((a) => a.status === 'open' || a.takenIn === m.id).sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
    const line = screeningLine(ctx);
    if (line) agenda.push('听取本季度危困企业排查情况，研究分档建议');
    for (const a of items) {
      agenda.push(`${a.topic}${a.enterpriseIds.length ? `（${enterpriseNames(tx, a.enterpriseIds)}）` : ''}`);
      if (a.status === 'open') tx.put('agenda', { ...a, status: 'taken', takenIn: m.id, takenAt: ctx.now.toISOString() });
    }
  } else if (m.escalatedFrom) {
    const from = tx.get('meetings', m.escalatedFrom);
    if (from) agenda.push(`${meetingName(from)}未能解决的事项：${from.topic}${from.outcome?.note ? `（${from.outcome.note}）` : ''}`);
  }
  const text = renderWithin('meeting-formal-notice', {
    office: config.mechanism.office,
    time: formatMeetingTime(m.time!),
    place: m.place ?? '',
    name: `${levelLabel(m.level)}（${m.id}）`,
    topic: m.topic,
    agenda,
    enterprises: enterpriseNames(tx, m.enterpriseIds),
    units: unitsText(config, m),
    joint: m.level === '联席',
    id: m.id,
  }, ['agenda'], BYTE_LIMITS.person);
  ctx.notify(key, members(config, m), text, { about: { kind: 'meeting', id: m.id, time: m.time! } });
}

function eveReminder(ctx: RunContext, m: Meeting): void {
  const date = meetingDate(m)!;
  const eve = orGap(() => ctx.calendar.previousWorkingDay(addDays(date, -1)));
  if (!eve || ctx.today < eve || ctx.today >= date) return;
  const pending = Object.entries(m.responses).filter(([, r]) => r.answer === 'pending').map(([u]) => u);
  ctx.notify(`meeting-eve:${m.id}:${m.time}`, members(ctx.config, m), render('meeting-eve', {
    name: meetingName(m),
    time: formatMeetingTime(m.time!),
    place: m.place ?? '',
    topic: m.topic,
    units: unitsText(ctx.config, m),
    pending: unitNames(ctx.config, pending),
    id: m.id,
  }), { about: { kind: 'meeting', id: m.id, time: m.time! } });
}

function minutesReminder(ctx: RunContext, m: Meeting): void {
  const { config, tx, today } = ctx;
  if (m.level === '业务' && m.outcome?.result !== '已解决') return;
  if (m.escalatedTo || tx.get('minutes', m.id)) return;
  const date = meetingDate(m)!;
  if (daysBetween(date, today) > MINUTES_LOOKBACK_DAYS) return;
  const after = orGap(() => ctx.calendar.addWorkingDays(date, 1));
  if (!after || today < after) return;
  const requester = config.personById(m.requesterId);
  ctx.notify(`minutes-due:${m.id}`, dedupe([...(requester ? [requester] : []), ...directors(config)]), render('minutes-due', {
    name: meetingName(m),
    time: formatMeetingTime(m.time!),
    topic: m.topic,
    id: m.id,
    noOutcome: !m.outcome,
  }));
}

export const meetingsJob = dailyJob({
  id: 'meetings',
  label: '会议提醒',
  times: (config) => [config.rhythms.remindersAt, AFTERNOON_RUN].filter((t, i, all) => all.indexOf(t) === i).sort(),
  run(ctx) {
    planReminders(ctx);
    for (const m of [...ctx.tx.values('meetings')].sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''))) {
      if (!m.time || m.parked) continue;
      const upcoming = new Date(m.time) > ctx.now;
      if (upcoming && !m.outcome) {
        if (m.level !== '业务') formalNotice(ctx, m);
        eveReminder(ctx, m);
      } else if (!upcoming) minutesReminder(ctx, m);
    }
  },
});
