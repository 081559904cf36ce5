/**
 * 暂缓 / 恢复 (002 §四: "尚不具备解决条件的，可待条件具备后另行提交审议"). Parking keeps the matter
 * with its reason and, optionally, the day to bring it back (the scheduler reminds on that day);
 * 恢复 re-opens it at the same level, without a time and without a result, for a new round.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import { formatOfficialDate, parseDate } from '../domain/dates.ts';
import type { Meeting } from '../store/model.ts';
import { meetingNotice } from './notice.ts';
import { saveMeeting } from './events.ts';
import { tell } from '../core/tell.ts';
import { meetingName, meetingPeople, requireManager } from './records.ts';
import { meetingDetail } from './view.ts';

type Ctx = CommandContext<unknown>;

export function park(ctx: Ctx, m: Meeting, reason: string, untilText: string | undefined): void {
  requireManager(ctx.person, m, '暂缓会议事项');
  if (m.parked) throw new UserError(`${meetingName(m)}已经暂缓（${m.parked.reason}）。`);
  if (m.escalatedTo) throw new UserError(`${meetingName(m)}已升级为 ${m.escalatedTo}，请对升级后的事项操作。`);
  if (m.outcome?.result === '已解决') throw new UserError(`${meetingName(m)}已解决，无需暂缓。`);
  let until: string | undefined;
  if (untilText) {
    const d = parseDate(untilText, ctx.today);
    if (!d.ok) throw new UserError(d.reason);
    if (d.date <= ctx.today) throw new UserError(`“至”要写以后的日期，${formatOfficialDate(d.date)}已经到了。`);
    until = d.date;
  }
  const at = ctx.now.toISOString();
  m.parked = { reason, ...(until ? { until } : {}), by: ctx.person.id, at };
  m.history.push({ at, by: ctx.person.id, text: `暂缓：${reason}${until ? `，至${formatOfficialDate(until)}` : ''}` });
  m.updatedAt = at;
  saveMeeting(ctx, m);
  const when = until ? `${formatOfficialDate(until)}再提交` : '待条件具备后再提交';
  tell(ctx, meetingPeople(ctx.config, m), meetingNotice('事项暂缓', m, [`理由：${reason}`, `${when}；已发出的会议邀请不再需要答复。`]));
  ctx.reply(meetingDetail(ctx, m, { headline: `已暂缓${meetingName(m)}，${when}。`, next: `条件具备时：恢复 ${m.id}` }));
}

export function resume(ctx: Ctx, m: Meeting, reason: string | undefined): void {
  requireManager(ctx.person, m, '恢复会议事项');
  if (!m.parked) throw new UserError(`${meetingName(m)}没有暂缓，不需要恢复。`);
  const at = ctx.now.toISOString();
  delete m.parked;
  delete m.outcome;
  delete m.time;
  m.status = 'unscheduled';
  m.responses = {};
  m.history.push({ at, by: ctx.person.id, text: `恢复，重新提交${reason ? `：${reason}` : ''}` });
  m.updatedAt = at;
  saveMeeting(ctx, m);
  const setIt = `会议 ${m.id} 时间:"…"`;
  const requester = ctx.config.personById(m.requesterId);
  tell(ctx, meetingPeople(ctx.config, m).filter((p) => p.id !== m.requesterId), meetingNotice('事项恢复', m, [`暂缓的事项已恢复${reason ? `（${reason}）` : ''}，会议时间另行通知。`]));
  if (requester) tell(ctx, [requester], meetingNotice('事项恢复', m, [`暂缓的事项已恢复${reason ? `（${reason}）` : ''}，请确定新的会议时间：${setIt}`]));
  ctx.reply(meetingDetail(ctx, m, {
    headline: `已恢复${meetingName(m)}。`,
    next: requester?.id === ctx.person.id ? `请确定新的会议时间：${setIt}` : '已请发起人确定新的会议时间。',
  }));
}
