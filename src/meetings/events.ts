/**
 * The one place a meeting is written. Features that follow meetings (the calendar invitations)
 * listen here instead of being called from every step that changes one; a listener runs inside the
 * same transaction, so what it records commits — or is discarded — with the change itself.
 */
import type { Config } from '../config/config.ts';
import type { Meeting } from '../store/model.ts';
import type { Tx } from '../store/tx.ts';

export interface MeetingSaved {
  tx: Tx;
  config: Config;
  now: Date;
}

export type MeetingListener = (m: Readonly<Meeting>, env: MeetingSaved) => void;

const listeners: MeetingListener[] = [];

/** Registers a listener (modules register themselves when imported, like file sections). */
export function onMeetingSaved(listener: MeetingListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** Writes the meeting and tells the listeners. */
export function saveMeeting(ctx: { tx: Tx; config: Config; now: Date }, m: Meeting): void {
  ctx.tx.put('meetings', m);
  for (const listener of listeners) listener(m, { tx: ctx.tx, config: ctx.config, now: ctx.now });
}
