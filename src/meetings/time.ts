/**
 * A meeting time as typed ("2026-12-03 15:00", "12月3日 下午3点"): it must exist, lie in the
 * future and fall on a working day. A day in a year whose holidays are not entered yet is
 * accepted with a note (the calendar never guesses), so a meeting can still be planned.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import { checkWorkingDay, uncheckedNote } from '../domain/deadline-input.ts';
import { parseDateTime } from '../domain/dates.ts';
import { formatMeetingTime } from './records.ts';

export interface MeetingTime {
  /** ISO instant */
  iso: string;
  /** Said once in the reply, e.g. that the day could not be checked against the calendar. */
  note?: string;
}

export function meetingTime(ctx: Pick<CommandContext<unknown>, 'today' | 'now' | 'calendar'>, text: string): MeetingTime {
  const parsed = parseDateTime(text, ctx.today);
  if (!parsed.ok) throw new UserError(parsed.reason);
  const iso = parsed.instant.toISOString();
  if (parsed.instant <= ctx.now) throw new UserError(`${formatMeetingTime(iso)}已经过去，请写将来的时间。`);
  const day = checkWorkingDay(ctx.calendar, parsed.date);
  if (day.kind === 'nonWorking') throw new UserError(`${day.phrase}，不是工作日，请另选一个工作日。`);
  return day.kind === 'unknown' ? { iso, note: `${uncheckedNote(day.year)}，请自行确认` } : { iso };
}
