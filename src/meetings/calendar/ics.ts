/**
 * The .ics invitation sent where no calendar API is used (DingTalk here): METHOD:REQUEST with a UID
 * that stays the same for the meeting and a SEQUENCE that rises with every change, so a calendar
 * replaces the entry instead of adding a second one; METHOD:CANCEL (STATUS:CANCELLED) takes it out.
 * People have no e-mail address in this system; ORGANIZER/ATTENDEE carry their names (CN) and an
 * address under the reserved .invalid domain (RFC 2606), which no mail can reach. Times are UTC
 * ("Z"), so no VTIMEZONE is needed; DTSTAMP is when the invitation last changed (not the wall clock);
 * lines are folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
 */
import { createHash } from 'node:crypto';
import { createEvent, type EventAttributes } from 'ics';
import type { Config } from '../../config/config.ts';
import type { MeetingCalendar } from '../../store/model.ts';

/** Stable for a meeting of this mechanism, the same in every invitation and cancellation. */
export function meetingUid(config: Config, meetingId: string): string {
  const mechanism = createHash('sha256').update(config.mechanism.name).digest('hex').slice(0, 12);
  return `meeting-${meetingId}-${mechanism}@fuyuan-bot`;
}

/** RFC 5545 §3.7.3: a globally unique id for the product, the FPI form. */
export const PRODUCT_ID = '-//fuyuan-bot//府院联动助手//ZH';

/**
 * Folds content lines at 75 octets: the ics package counts characters, so a line of Chinese text
 * would be 200 octets long. Unfold first, then fold again by UTF-8 length.
 */
export function foldOctets(ics: string): string {
  const lines = ics.replace(/\r\n[ \t]/gu, '').split('\r\n');
  return lines.map((line) => {
    const parts: string[] = [];
    let part = '';
    let octets = 0;
    for (const ch of line) {
      const n = Buffer.byteLength(ch, 'utf8');
      // The first line holds 75 octets; a continuation line's leading space is one of its 75.
      if (octets + n > (parts.length ? 74 : 75)) {
        parts.push(part);
        part = '';
        octets = 0;
      }
      part += ch;
      octets += n;
    }
    parts.push(part);
    return parts.join('\r\n ');
  }).join('\r\n');
}

const address = (personId: string) => `${personId.replace(/[^A-Za-z0-9._-]/gu, '_')}@fuyuan-bot.invalid`;

export function invitationIcs(config: Config, c: Readonly<MeetingCalendar>): string {
  const cancel = c.state === 'cancelled';
  const name = (id: string) => config.personById(id)?.name ?? id;
  // `timestamp` (DTSTAMP) is in the package's schema but not its types; without it the package reads the wall clock.
  const attributes = {
    productId: PRODUCT_ID,
    timestamp: Date.parse(c.updatedAt),
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
    ...(c.location ? { location: c.location } : {}),
    organizer: { name: name(c.organizerId), email: address(c.organizerId) },
    attendees: c.attendeeIds.map((id) => ({ name: name(id), email: address(id), role: 'REQ-PARTICIPANT' as const, partstat: 'NEEDS-ACTION' as const, rsvp: false })),
    ...(cancel ? {} : { alarms: [{ action: 'display' as const, description: c.summary, trigger: { hours: 1, before: true } }] }),
  };
  const result = createEvent(attributes as EventAttributes);
  if (result.error || !result.value) throw result.error ?? new Error('ics: no output');
  return foldOctets(result.value);
}
