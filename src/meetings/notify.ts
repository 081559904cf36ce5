/** The invitation cards of a meeting. */
import type { CommandContext } from '../core/command.ts';
import { button, tellWithCard } from '../core/tell.ts';
import { render } from '../render/templates.ts';
import type { Meeting } from '../store/model.ts';
import { enterpriseNames, formatMeetingTime, hostName, meetingName, meetingUnitNames } from './records.ts';

type Ctx = CommandContext<unknown>;

/** The invitation each invited unit's liaisons get when a time is proposed (or changed). */
export function sendInvitations(ctx: Ctx, m: Meeting, headline: string): void {
  if (!m.time) return;
  const data = {
    headline,
    name: meetingName(m),
    id: m.id,
    topic: m.topic,
    time: formatMeetingTime(m.time),
    place: m.place ?? '',
    host: hostName(ctx.config, m),
    units: meetingUnitNames(ctx.config, m),
    enterprises: enterpriseNames(ctx.tx, m.enterpriseIds),
  };
  const invitees = m.unitIds.flatMap((u) => ctx.config.liaisonsOf(u));
  tellWithCard(ctx, invitees, render('meeting-invite', data), {
    cardId: `meeting-${m.id}-invite-${m.history.length}`,
    title: `${headline} ${m.id}`,
    description: `${meetingName(m)}：${m.topic}｜${data.time}｜发起：${data.host}`,
    buttons: [
      button('accept', '接受', `会议 ${m.id} 接受`, 'primary'),
      button('reschedule', '改期', `会议 ${m.id} 改期`),
      button('decline', '拒绝', `会议 ${m.id} 拒绝`, 'danger'),
    ],
  }, { kind: 'meeting', id: m.id, time: m.time });
}
