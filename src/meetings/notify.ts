/**
 * Telling the people a meeting step concerns — and no one else. The speaker gets the reply, so
 * is never pushed to as well. Cards get one id per recipient: WeCom refuses a task_id it has seen.
 */
import type { CommandContext, PushOptions } from '../core/command.ts';
import type { CardButton, CardSpec, Person } from '../core/types.ts';
import { render } from '../render/templates.ts';
import type { Meeting } from '../store/model.ts';
import { dedupe, enterpriseNames, formatMeetingTime, hostName, meetingName, meetingUnitNames } from './records.ts';

type Ctx = CommandContext<unknown>;

/** Pushes `text` to each person once, leaving out the speaker. */
export function tell(ctx: Ctx, people: readonly Person[], text: string, options?: PushOptions): void {
  for (const p of dedupe(people)) {
    if (p.id === ctx.person.id) continue;
    ctx.push({ kind: 'person', personId: p.id }, text, options);
  }
}

/** Pushes a card to each person, with a card id of their own. */
export function tellWithCard(ctx: Ctx, people: readonly Person[], text: string, card: Omit<CardSpec, 'cardId'> & { cardId: string }): void {
  for (const p of dedupe(people)) {
    if (p.id === ctx.person.id) continue;
    ctx.push({ kind: 'person', personId: p.id }, text, { card: { ...card, cardId: `${card.cardId}-${p.id}` } });
  }
}

export function button(key: string, text: string, command: string, style?: CardButton['style']): CardButton {
  return { key, text, command, ...(style ? { style } : {}) };
}

/** The invitation each invited unit's liaisons get when a time is proposed (or changed). */
export function sendInvitations(ctx: Ctx, m: Meeting, headline: string): void {
  if (!m.time) return;
  const data = {
    headline,
    name: meetingName(m),
    id: m.id,
    topic: m.topic,
    time: formatMeetingTime(m.time),
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
  });
}
