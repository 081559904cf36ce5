/**
 * The .ics invitation sent where no calendar API is used (DingTalk here): METHOD:REQUEST with a UID
 * that stays the same for the meeting and a SEQUENCE that rises with every change, so a calendar
 * replaces the entry instead of adding a second one; METHOD:CANCEL (STATUS:CANCELLED) takes it out.
 * People have no e-mail address in this system; ORGANIZER/ATTENDEE carry their names (CN) and an
 * address under the reserved .invalid domain (RFC 2606), which no mail can reach.
 */
import { createHash } from 'node:crypto';
import { createEvent } from 'ics';
import type { Config } from '../../config/config.ts';
import type { MeetingCalendar } from '../../store/model.ts';

/** Stable for a meeting of this mechanism, the same in every invitation and cancellation. */
export function meetingUid(config: Config, meetingId: string): string {
  const mechanism = createHash('sha256').update(config.mechanism.name).digest('hex').slice(0, 12);
  return `meeting-${meetingId}-${mechanism}@fuyuan-bot`;
}

const address = (personId: string) => `${personId.replace(/[^A-Za-z0-9._-]/gu, '_')}@fuyuan-bot.invalid`;

export function invitationIcs(config: Config, c: Readonly<MeetingCalendar>): string {
  const cancel = c.state === 'cancelled';
  const name = (id: string) => config.personById(id)?.name ?? id;
  const result = createEvent({
    productId: 'fuyuan-bot',
    method: cancel ? 'CANCEL' : 'REQUEST',
    uid: meetingUid(config, c.id),
    sequence: c.sequence,
    status: cancel ? 'CANCELLED' : 'CONFIRMED',
    start: Date.parse(c.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(c.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: cancel ? `【已取消】${c.summary}` : c.summary,
    description: c.description,
    organizer: { name: name(c.organizerId), email: address(c.organizerId) },
    attendees: c.attendeeIds.map((id) => ({ name: name(id), email: address(id), role: 'REQ-PARTICIPANT' as const, partstat: 'NEEDS-ACTION' as const, rsvp: false })),
    ...(cancel ? {} : { alarms: [{ action: 'display' as const, description: c.summary, trigger: { hours: 1, before: true } }] }),
  });
  if (result.error || !result.value) throw result.error ?? new Error('ics: no output');
  return result.value;
}
