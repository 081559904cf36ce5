/**
 * The requester (or the office director) need not wait for every invited unit: they may confirm
 * the meeting with the units that accepted (会议 M7 确认) or take a unit off the invitation
 * (会议 M7 移出 单位:…). Without this one refusal would block a meeting for ever. A 联席会议 is the
 * meeting of every member unit, so it is confirmed without dropping anyone.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import { tell } from '../core/tell.ts';
import { resolveUnits, unitNames } from '../core/unit-list.ts';
import type { Meeting } from '../store/model.ts';
import { saveMeeting } from './events.ts';
import { meetingNotice } from './notice.ts';
import { formatMeetingTime, meetingName, meetingPeople, requireManager } from './records.ts';
import { meetingDetail } from './view.ts';

type Ctx = CommandContext<unknown>;

function checkChangeable(ctx: Ctx, m: Meeting, what: string): string {
  requireManager(ctx.person, m, what);
  if (m.parked) throw new UserError(`${meetingName(m)}已暂缓，请先恢复（恢复 ${m.id}）。`);
  if (m.outcome) throw new UserError(`${meetingName(m)}已有结果（${m.outcome.result}），不能再${what}。`);
  if (!m.time) throw new UserError(`${meetingName(m)}还没有确定时间，请先定时间：会议 ${m.id} 时间:"…"。`);
  if (new Date(m.time) <= ctx.now) throw new UserError(`${meetingName(m)}的会议时间（${formatMeetingTime(m.time)}）已过，不能再${what}。`);
  return m.time;
}

const accepted = (m: Meeting) => m.unitIds.filter((u) => m.responses[u]?.answer === 'accepted');

/** Takes `unitIds` off the invitation and tells their liaisons. */
function uninvite(ctx: Ctx, m: Meeting, unitIds: readonly string[], why: string): void {
  if (unitIds.length === 0) return;
  m.unitIds = m.unitIds.filter((u) => !unitIds.includes(u));
  m.responses = Object.fromEntries(Object.entries(m.responses).filter(([u]) => !unitIds.includes(u)));
  const liaisons = unitIds.flatMap((u) => ctx.config.liaisonsOf(u));
  tell(ctx, liaisons, meetingNotice('会议不再邀请贵单位', m, [why, '此前的邀请作废，无需参会。']));
}

function markConfirmed(ctx: Ctx, m: Meeting, time: string, historyText: string): void {
  const at = ctx.now.toISOString();
  m.status = 'confirmed';
  m.history.push({ at, by: ctx.person.id, text: historyText });
  m.updatedAt = at;
  saveMeeting(ctx, m);
  tell(ctx, meetingPeople(ctx.config, m), meetingNotice('会议已确认', m, [`时间：${formatMeetingTime(time)}`, `参会单位：${unitNames(ctx.config, m.unitIds)}`, '请按时参会。']));
}

export function confirmWithAccepted(ctx: Ctx, m: Meeting): void {
  const time = checkChangeable(ctx, m, '确认会议');
  if (m.status === 'confirmed') throw new UserError(`${meetingName(m)}已确认，无需再确认。`);
  const yes = accepted(m);
  if (yes.length === 0) {
    throw new UserError(`还没有单位接受${meetingName(m)}，不能确认；可以改时间（会议 ${m.id} 时间:"…"）或暂缓（暂缓 ${m.id} 理由:…）。`);
  }
  const others = m.unitIds.filter((u) => !yes.includes(u));
  const keepAll = m.level === '联席';
  if (!keepAll) uninvite(ctx, m, others, `${meetingName(m)}已与接受邀请的单位确认召开。`);
  const rest = others.length ? (keepAll ? `；未接受的单位仍会收到会议通知：${unitNames(ctx.config, others)}` : `；不再邀请：${unitNames(ctx.config, others)}`) : '';
  markConfirmed(ctx, m, time, `确认召开，参会单位：${unitNames(ctx.config, keepAll ? m.unitIds : yes)}${rest}`);
  ctx.reply(meetingDetail(ctx, m, { headline: `已确认${meetingName(m)}${rest}，已通知参会单位。` }));
}

export function dropUnits(ctx: Ctx, m: Meeting, unitsText: string | undefined): void {
  const time = checkChangeable(ctx, m, '移出受邀单位');
  if (m.level === '联席') throw new UserError('联席会议邀请全体成员单位，不能移出单位；可以与已接受的单位确认召开：会议 ' + m.id + ' 确认。');
  if (!unitsText) throw new UserError(`请写要移出的单位，例如：会议 ${m.id} 移出 单位:人社局。`);
  const ids = [...new Set(resolveUnits(ctx.config, unitsText).map((u) => u.id))];
  const stranger = ids.filter((u) => !m.unitIds.includes(u));
  if (stranger.length) throw new UserError(`${meetingName(m)}没有邀请${unitNames(ctx.config, stranger)}。`);
  if (ids.length === m.unitIds.length) throw new UserError(`不能移出全部受邀单位；不开了请暂缓：暂缓 ${m.id} 理由:…。`);
  uninvite(ctx, m, ids, `${meetingName(m)}的发起方已将贵单位移出邀请。`);
  const names = unitNames(ctx.config, ids);
  if (accepted(m).length === m.unitIds.length) {
    markConfirmed(ctx, m, time, `移出${names}；其余单位均已接受，会议确认`);
    ctx.reply(meetingDetail(ctx, m, { headline: `已移出${names}。其余单位均已接受，会议已确认。` }));
    return;
  }
  const at = ctx.now.toISOString();
  m.history.push({ at, by: ctx.person.id, text: `移出${names}` });
  m.updatedAt = at;
  saveMeeting(ctx, m);
  ctx.reply(meetingDetail(ctx, m, { headline: `已移出${names}，已告诉该单位。` }));
}
