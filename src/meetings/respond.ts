/**
 * An invited unit answers the proposed time: 接受, 改期 (with the time it proposes) or 拒绝 (with
 * a reason). The requester hears every answer; when every invited unit has accepted, the meeting
 * is confirmed and everyone it concerns is told.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import type { Person } from '../domain/types.ts';
import { unitName } from '../core/unit-list.ts';
import { toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import type { Meeting, MeetingResponse } from '../store/model.ts';
import { meetingNotice } from './notice.ts';
import { saveMeeting } from './events.ts';
import { button, dedupe, tell, tellWithCard } from '../core/tell.ts';
import { formatMeetingTime, meetingName, meetingPeople } from './records.ts';
import { meetingTime } from './time.ts';
import { meetingDetail } from './view.ts';

type Ctx = CommandContext<unknown>;
export type Answer = '接受' | '改期' | '拒绝';

/** The invited unit the speaker answers for, or a sentence saying why they cannot answer. */
function answeringUnit(person: Person, m: Meeting): string {
  const unitId = person.roles.includes('liaison') ? person.unitId : undefined;
  if (!unitId) throw new UserError(`只有受邀单位的联络员可以答复会议邀请。`);
  if (unitId === m.requesterUnitId) throw new UserError(`${meetingName(m)}是贵单位发起的，无需答复。`);
  if (!m.unitIds.includes(unitId)) throw new UserError(`${meetingName(m)}没有邀请贵单位，无需答复。`);
  return unitId;
}

function checkOpen(m: Meeting, now: Date): void {
  if (m.parked) throw new UserError(`${meetingName(m)}已暂缓，暂不需要答复。`);
  if (m.outcome) throw new UserError(`${meetingName(m)}已有结果，不需要再答复。`);
  if (!m.time) throw new UserError(`${meetingName(m)}还没有确定时间，定好后会通知您。`);
  if (new Date(m.time) <= now) throw new UserError(`${meetingName(m)}的会议时间（${formatMeetingTime(m.time)}）已过，不能再答复。`);
}

export function respond(ctx: Ctx, m: Meeting, answer: Answer, time: string | undefined, reason: string | undefined): void {
  const unitId = answeringUnit(ctx.person, m);
  checkOpen(m, ctx.now);
  const unit = unitName(ctx.config, unitId);
  const at = ctx.now.toISOString();
  let response: MeetingResponse;
  let said: string;
  let proposed: string | undefined;
  if (answer === '接受') {
    response = { answer: 'accepted', by: ctx.person.id, at };
    said = '接受';
  } else if (answer === '改期') {
    if (!time) throw new UserError(`请写建议的新时间，例如：会议 ${m.id} 改期 时间:"2026-12-04 10:00"。`);
    proposed = meetingTime(ctx, time).iso;
    response = { answer: 'reschedule', proposedTime: proposed, ...(reason ? { reason } : {}), by: ctx.person.id, at };
    said = `建议改期至${formatMeetingTime(proposed)}${reason ? `（${reason}）` : ''}`;
  } else {
    if (!reason) throw new UserError(`请写明不能参加的理由，例如：会议 ${m.id} 拒绝 理由:…。`);
    response = { answer: 'declined', reason, by: ctx.person.id, at };
    said = `拒绝（${reason}）`;
  }
  m.responses[unitId] = response;
  const answers = Object.values(m.responses);
  const allAccepted = answers.every((r) => r.answer === 'accepted');
  m.status = allAccepted ? 'confirmed' : 'proposed';
  m.history.push({ at, by: ctx.person.id, text: `${unit}${said}` });
  m.updatedAt = at;
  saveMeeting(ctx, m);

  const accepted = answers.filter((r) => r.answer === 'accepted').length;
  const requester = ctx.config.personById(m.requesterId);
  if (allAccepted) {
    tell(ctx, meetingPeople(ctx.config, m), meetingNotice('会议已确认', m, [`时间：${formatMeetingTime(m.time!)}`, '各受邀单位均已接受，请按时参会。']));
  } else if (requester && proposed) {
    const typed = `会议 ${m.id} 时间:"${toShanghaiDate(new Date(proposed))} ${toShanghaiTime(new Date(proposed))}"`;
    tellWithCard(ctx, [requester], meetingNotice('会议答复', m, [`${unit}：${said}`, `同意改期请回复：${typed}`]), {
      cardId: `meeting-${m.id}-answer-${m.history.length}`,
      title: `会议答复 ${m.id}`,
      description: `${unit}${said}`,
      buttons: [button('move', '改到此时间', typed, 'primary')],
    });
  } else if (answer === '拒绝') {
    // A refusal may need a decision (confirm without the unit, move the time): both who may decide hear it now.
    const deciders = dedupe([...(requester ? [requester] : []), ...ctx.config.peopleWithRole('director')]);
    const choices = m.level === '联席'
      ? `可与已接受的单位确认召开（会议 ${m.id} 确认），或改时间（会议 ${m.id} 时间:"…"）。`
      : `可与已接受的单位确认召开（会议 ${m.id} 确认）、移出该单位（会议 ${m.id} 移出 单位:${unit}），或改时间（会议 ${m.id} 时间:"…"）。`;
    tell(ctx, deciders, meetingNotice('会议答复', m, [`${unit}：${said}（${accepted}/${answers.length}家已接受）`, choices]));
  } else if (requester) {
    tell(ctx, [requester], meetingNotice('会议答复', m, [`${unit}：${said}（${accepted}/${answers.length}家已接受）`]));
  }
  const told = answer === '拒绝' ? '已告诉发起人和办公室主任' : '已告诉发起人';
  ctx.reply(meetingDetail(ctx, m, {
    headline: allAccepted ? `已答复“${said}”。各单位均已接受，会议已确认。` : `已答复“${said}”，${told}。`,
  }));
}
