/**
 * What a meeting's calendar entry should say: when (the meeting's time and a usual length per
 * level), who organises it (the requester, or the office director when the office convenes) and
 * who attends (every liaison of its units, the requester, the director). A meeting is put in
 * calendars once it is fixed — every invited unit accepted — and stays there through a change of
 * time; parking it takes it out.
 */
import type { Config } from '../../config/config.ts';
import { levelLabel } from '../../domain/meeting-levels.ts';
import type { Meeting, MeetingCalendar } from '../../store/model.ts';
import type { MeetingLevel } from '../../domain/meeting-levels.ts';
import type { StateReader } from '../../store/tx.ts';
import { enterpriseNames, hostName, meetingPeople, meetingUnitNames } from '../records.ts';

const MINUTES_BY_LEVEL: Record<MeetingLevel, number> = { 业务: 60, 专题: 120, 联席: 120 };

export type Invitation = Pick<MeetingCalendar, 'start' | 'end' | 'summary' | 'description' | 'location' | 'organizerId' | 'attendeeIds'>;

/** Whether the meeting belongs in calendars now, given what was announced before. */
export function wantsInvitation(m: Readonly<Meeting>, previous: Readonly<MeetingCalendar> | undefined): boolean {
  if (!m.time || m.parked) return false;
  const announced = previous?.state === 'scheduled';
  // A meeting that was held keeps what calendars show; nothing new is announced for it.
  if (m.outcome) return announced;
  return m.status === 'confirmed' || announced;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export function invitationOf(reader: StateReader, config: Config, m: Readonly<Meeting>): Invitation {
  const start = new Date(m.time!);
  const end = new Date(start.getTime() + MINUTES_BY_LEVEL[m.level] * 60_000);
  const people = meetingPeople(config, m as Meeting);
  const requester = config.personById(m.requesterId);
  const organizer = requester ?? config.peopleWithRole('director')[0] ?? people[0];
  const lines = [
    `会议编号：${m.id}`,
    `发起：${hostName(config, m as Meeting)}`,
    `参会单位：${meetingUnitNames(config, m as Meeting)}`,
    ...(m.enterpriseIds.length ? [`涉及企业：${enterpriseNames(reader, m.enterpriseIds)}`] : []),
    `答复或改期请在府院联动助手中发：会议 ${m.id}`,
  ];
  return {
    start: start.toISOString(),
    end: end.toISOString(),
    // WeCom: summary ≤ 128, description ≤ 512 characters.
    summary: clip(`${levelLabel(m.level)}：${m.topic}`, 128),
    description: clip(lines.join('\n'), 512),
    // WeCom: location ≤ 128 characters.
    ...(m.place ? { location: clip(m.place, 128) } : {}),
    organizerId: organizer?.id ?? m.requesterId,
    attendeeIds: people.map((p) => p.id).filter((id) => id !== organizer?.id),
  };
}

export function sameInvitation(a: Invitation, b: Invitation): boolean {
  return a.start === b.start && a.end === b.end && a.summary === b.summary && a.description === b.description && a.location === b.location
    && a.organizerId === b.organizerId && a.attendeeIds.join(',') === b.attendeeIds.join(',');
}
