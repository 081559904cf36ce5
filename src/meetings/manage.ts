/**
 * What the requester (or the office director) does with a meeting: set or change its time, and
 * record its result after it was held.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import type { Meeting } from '../store/model.ts';
import { meetingNotice } from './notice.ts';
import { saveMeeting } from './events.ts';
import { tell } from '../core/tell.ts';
import { sendInvitations } from './notify.ts';
import { formatMeetingTime, meetingName, meetingPeople, requireManager } from './records.ts';
import { clashWarning } from './clash.ts';
import { meetingTime } from './time.ts';
import { meetingDetail } from './view.ts';

type Ctx = CommandContext<unknown>;

export function setTime(ctx: Ctx, m: Meeting, text: string): void {
  requireManager(ctx.person, m, '确定会议时间');
  if (m.parked) throw new UserError(`${meetingName(m)}已暂缓，请先恢复（恢复 ${m.id}）。`);
  if (m.outcome) throw new UserError(`${meetingName(m)}已有结果（${m.outcome.result}），不能再改时间。`);
  const when = meetingTime(ctx, text);
  const first = !m.time;
  const at = ctx.now.toISOString();
  m.time = when.iso;
  m.status = 'proposed';
  m.responses = Object.fromEntries(m.unitIds.map((u) => [u, { answer: 'pending' as const }]));
  m.history.push({ at, by: ctx.person.id, text: `${first ? '确定' : '改定'}会议时间：${formatMeetingTime(when.iso)}` });
  m.updatedAt = at;
  saveMeeting(ctx, m);
  sendInvitations(ctx, m, first ? '会议邀请' : '会议改期');
  // The requester and the office hear about a change someone else made; the invitees got the card.
  const others = meetingPeople(ctx.config, m).filter((p) => p.id === m.requesterId || p.roles.includes('director'));
  tell(ctx, others, meetingNotice(first ? '会议时间已定' : '会议改期', m, [`时间：${formatMeetingTime(when.iso)}`, '已请各受邀单位答复。']));
  ctx.reply(meetingDetail(ctx, m, {
    headline: `已${first ? '确定' : '改定'}时间并通知各受邀单位${when.note ? `（${when.note}）` : ''}。${clashWarning(ctx.tx, ctx.config, m)}`,
  }));
}

export function recordOutcome(ctx: Ctx, m: Meeting, result: '已解决' | '未解决', note: string | undefined): void {
  requireManager(ctx.person, m, '记录会议结果');
  if (m.parked) throw new UserError(`${meetingName(m)}已暂缓，请先恢复（恢复 ${m.id}）。`);
  if (m.escalatedTo) throw new UserError(`${meetingName(m)}已升级为 ${m.escalatedTo}，结果不能再改。`);
  if (!m.time) throw new UserError(`${meetingName(m)}还没有确定时间，开完会后再记录结果。`);
  if (new Date(m.time) > ctx.now) throw new UserError(`${meetingName(m)}还没开（${formatMeetingTime(m.time)}），开完会后再记录结果。`);
  if (result === '未解决' && !note) throw new UserError(`请说明未解决的原因：会议 ${m.id} 结果:未解决 说明:…。`);
  const at = ctx.now.toISOString();
  m.outcome = { result, note: note ?? '', by: ctx.person.id, at };
  m.history.push({ at, by: ctx.person.id, text: `记录结果：${result}${note ? `（${note}）` : ''}` });
  m.updatedAt = at;
  saveMeeting(ctx, m);
  tell(ctx, meetingPeople(ctx.config, m), meetingNotice('会议结果', m, [`结果：${result}${note ? `（${note}）` : ''}`]));
  const minutes = ctx.tx.get('minutes', m.id);
  const next = result === '已解决'
    ? minutes
      ? `纪要已记录（第${minutes.number}号），督办任务按纪要办理；发“纪要 ${m.id}”查看，需要改正的发“纪要 ${m.id} 更正”。`
      : `请记录纪要：纪要 ${m.id}（换行写 议定：… / 任务：… 牵头:… 期限:…）。`
    : m.level === '联席'
      ? `尚不具备解决条件的可暂缓：暂缓 ${m.id} 理由:…。`
      : `升级：升级 ${m.id}（${m.level === '业务' ? '由办公室主任召集专题会议' : '列为联席会议议题'}）；尚不具备解决条件的可暂缓：暂缓 ${m.id} 理由:…。`;
  ctx.reply(meetingDetail(ctx, m, { headline: `已记录${meetingName(m)}的结果：${result}。`, next }));
}
