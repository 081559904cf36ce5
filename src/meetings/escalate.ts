/**
 * 升级 (001 §四): "对业务会议不能解决的事项，由联席会议办公室主任召集专题会议。对专题会议仍不能解决的
 * 问题，由联席会议办公室提请召开联席会议。" An unresolved 业务会议 becomes a 专题会议 the director
 * convenes (same units, enterprises and topic; the director sets the time); an unresolved
 * 专题会议 becomes an agenda item of the next 联席会议, which the scheduler picks up.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import { checkEscalation } from '../domain/meeting-levels.ts';
import type { AgendaItem, Meeting } from '../store/model.ts';
import { meetingNotice } from './notice.ts';
import { saveMeeting } from './events.ts';
import { tell } from '../core/tell.ts';
import { meetingName, meetingPeople, meetingUnitIds, requireManager } from './records.ts';
import { meetingDetail } from './view.ts';

type Ctx = CommandContext<unknown>;

export function escalate(ctx: Ctx, m: Meeting, reason: string | undefined): void {
  requireManager(ctx.person, m, '升级会议');
  const check = checkEscalation(m);
  if (!check.ok) throw new UserError(check.reason);
  const at = ctx.now.toISOString();
  const by = ctx.person.id;
  const why = reason ?? m.outcome?.note ?? '';
  if (check.target.kind === 'meeting') {
    const director = ctx.config.peopleWithRole('director')[0];
    const up: Meeting = {
      id: ctx.tx.nextId('M'),
      level: '专题',
      topic: m.topic,
      requesterId: director?.id ?? by,
      unitIds: meetingUnitIds(m),
      enterpriseIds: [...m.enterpriseIds],
      status: 'unscheduled',
      responses: {},
      escalatedFrom: m.id,
      history: [{ at, by, text: `由${meetingName(m)}升级${why ? `：${why}` : ''}` }],
      createdAt: at,
      updatedAt: at,
    };
    saveMeeting(ctx, up);
    record(ctx, m, up.id, reason);
    const setIt = `会议 ${up.id} 时间:"${exampleDay(ctx)} 15:00"`;
    const directors = ctx.config.peopleWithRole('director');
    tell(ctx, directors, meetingNotice('专题会议待召集', up, [`${meetingName(m)}未能解决${why ? `：${why}` : ''}，已升级为专题会议，由您召集。`, `请确定时间：${setIt}`]));
    tell(ctx, meetingPeople(ctx.config, m).filter((p) => !p.roles.includes('director')), meetingNotice('会议升级', m, [`未能解决的事项已升级为专题会议 ${up.id}，由办公室主任召集，时间另行通知。`]));
    ctx.reply(meetingDetail(ctx, up, {
      headline: `已将${meetingName(m)}升级为专题会议 ${up.id}。`,
      next: directors.some((d) => d.id === by) ? `请确定时间：${setIt}` : '已请办公室主任召集并确定时间。',
    }));
    return;
  }
  const item: AgendaItem = {
    id: ctx.tx.nextId('A'),
    topic: m.topic,
    fromMeetingId: m.id,
    enterpriseIds: [...m.enterpriseIds],
    unitIds: meetingUnitIds(m),
    ...(why ? { reason: why } : {}),
    addedBy: by,
    addedAt: at,
    status: 'open',
  };
  ctx.tx.put('agenda', item);
  record(ctx, m, item.id, reason);
  const lines = [`专题会议仍未能解决${why ? `：${why}` : ''}，已由联席会议办公室提请列为下次联席会议议题 ${item.id}。`];
  tell(ctx, [...meetingPeople(ctx.config, m), ...ctx.config.peopleWithRole('convener')], meetingNotice('联席会议议题', m, lines));
  ctx.reply(meetingDetail(ctx, m, { headline: `已将${meetingName(m)}列为下次联席会议议题 ${item.id}。发“议题”查看待议事项。` }));
}

/** A plausible day for the example in the prompt: five working days on (any day if the calendar has a gap). */
function exampleDay(ctx: Ctx): string {
  try {
    return ctx.calendar.addWorkingDays(ctx.today, 5);
  } catch {
    return ctx.today;
  }
}

function record(ctx: Ctx, m: Meeting, to: string, reason: string | undefined): void {
  const at = ctx.now.toISOString();
  m.escalatedTo = to;
  m.escalation = { ...(reason ? { reason } : {}), by: ctx.person.id, at };
  m.history.push({ at, by: ctx.person.id, text: `升级为 ${to}${reason ? `：${reason}` : ''}` });
  m.updatedAt = at;
  saveMeeting(ctx, m);
}
