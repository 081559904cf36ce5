/**
 * 地点: the requester (or the office director) names or changes where a meeting is held. Everyone
 * invited hears it; the calendars (WeCom schedules, .ics) follow through saveMeeting.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import { tell } from '../core/tell.ts';
import type { Meeting } from '../store/model.ts';
import { saveMeeting } from './events.ts';
import { meetingNotice } from './notice.ts';
import { meetingName, meetingPeople, requireManager } from './records.ts';
import { meetingDetail } from './view.ts';

export function setPlace(ctx: CommandContext<unknown>, m: Meeting, place: string): void {
  requireManager(ctx.person, m, '确定会议地点');
  if (m.outcome) throw new UserError(`${meetingName(m)}已有结果（${m.outcome.result}），不能再改地点。`);
  if (m.place === place) throw new UserError(`${meetingName(m)}的地点已是${place}。`);
  const at = ctx.now.toISOString();
  const changed = Boolean(m.place);
  m.place = place;
  m.history.push({ at, by: ctx.person.id, text: `${changed ? '改定' : '确定'}会议地点：${place}` });
  m.updatedAt = at;
  saveMeeting(ctx, m);
  const others = meetingPeople(ctx.config, m).filter((p) => p.id !== ctx.person.id);
  tell(ctx, others, meetingNotice(changed ? '会议地点变更' : '会议地点', m, [`地点：${place}`]));
  ctx.reply(meetingDetail(ctx, m, { headline: `已${changed ? '改定' : '确定'}会议地点并通知参会人员。` }));
}
