/**
 * Follows every meeting change (src/meetings/events.ts) into its calendar record, in the same
 * transaction: a new or changed invitation raises the sequence and marks the record due; the
 * calendar sync (sync.ts) then brings the WeCom schedule and the .ics files up to it. Because the
 * record is written with the meeting, a crash can delay a calendar action but never lose it.
 */
import { onMeetingSaved, type MeetingSaved } from '../events.ts';
import type { Meeting, MeetingCalendar } from '../../store/model.ts';
import { invitationOf, sameInvitation, wantsInvitation } from './invitation.ts';

export function followMeeting(m: Readonly<Meeting>, env: MeetingSaved): void {
  const { tx, config, now } = env;
  const previous = tx.get('meetingCalendars', m.id);
  const at = now.toISOString();
  const due = { due: true, attempts: 0, updatedAt: at } as const;
  if (!wantsInvitation(m, previous)) {
    if (previous?.state === 'scheduled') {
      const { nextAttemptAt: _n, lastError: _e, ...rest } = previous;
      tx.put('meetingCalendars', { ...rest, state: 'cancelled', sequence: previous.sequence + 1, ...due });
    }
    return;
  }
  const invitation = invitationOf(tx, config, m);
  if (previous?.state === 'scheduled' && sameInvitation(previous, invitation)) return;
  const record: MeetingCalendar = {
    id: m.id,
    sequence: previous ? previous.sequence + 1 : 0,
    state: 'scheduled',
    ...invitation,
    ...(previous?.wecom ? { wecom: previous.wecom } : {}),
    ...(previous?.icsSequence !== undefined ? { icsSequence: previous.icsSequence } : {}),
    ...due,
  };
  tx.put('meetingCalendars', record);
}

onMeetingSaved(followMeeting);
