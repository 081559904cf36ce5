/**
 * A meeting time as typed ("2026-12-03 15:00", "12月3日 下午3点"): it must exist and lie in the
 * future, and it should fall on a working day within the configured meeting hours
 * (rhythms.meetingHoursFrom–To). Only the office director may set a time outside them, after the
 * command's own question is answered with 确认 (the dispatcher's confirmation step). A day in a
 * year whose holidays are not entered yet is accepted with a note (the calendar never guesses),
 * so a meeting can still be planned.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import { toShanghaiTime } from '../domain/calendar/shanghai.ts';
import { checkWorkingDay, uncheckedNote } from '../domain/deadline-input.ts';
import { parseDateTime } from '../domain/dates.ts';
import { formatMeetingTime, isDirector } from './records.ts';

export interface MeetingTime {
  /** ISO instant */
  iso: string;
  /** Said once in the reply, e.g. that the day could not be checked against the calendar. */
  note?: string;
}

type TimeContext = Pick<CommandContext<unknown>, 'today' | 'now' | 'calendar' | 'config' | 'person'>;

interface Examined extends MeetingTime {
  /** Why the time is outside working days and hours, when it is. */
  offHours?: { phrase: string; refusal: string };
}

function meetingHours(ctx: TimeContext): string {
  return `工作日 ${ctx.config.rhythms.meetingHoursFrom}—${ctx.config.rhythms.meetingHoursTo}`;
}

function examine(ctx: TimeContext, text: string): Examined {
  const parsed = parseDateTime(text, ctx.today);
  if (!parsed.ok) throw new UserError(parsed.reason);
  const iso = parsed.instant.toISOString();
  if (parsed.instant <= ctx.now) throw new UserError(`${formatMeetingTime(iso)}已经过去，请写将来的时间。`);
  const day = checkWorkingDay(ctx.calendar, parsed.date);
  if (day.kind === 'nonWorking') {
    return { iso, offHours: { phrase: `${day.phrase}，不是工作日`, refusal: `${day.phrase}，不是工作日，请另选一个工作日。` } };
  }
  const clock = toShanghaiTime(parsed.instant);
  const { meetingHoursFrom: from, meetingHoursTo: to } = ctx.config.rhythms;
  if (clock < from || clock > to) {
    const phrase = `${formatMeetingTime(iso)}不在会议时间（${meetingHours(ctx)}）内`;
    return { iso, offHours: { phrase, refusal: `${phrase}，请另选时间。` } };
  }
  return day.kind === 'unknown' ? { iso, note: `${uncheckedNote(day.year)}，请自行确认` } : { iso };
}

/**
 * The time to use. Outside working days and hours it is refused, except for the director, who
 * only gets here after confirming `offHoursQuestion`.
 */
export function meetingTime(ctx: TimeContext, text: string): MeetingTime {
  const t = examine(ctx, text);
  if (!t.offHours) return t.note ? { iso: t.iso, note: t.note } : { iso: t.iso };
  if (!isDirector(ctx.person)) throw new UserError(t.offHours.refusal);
  return { iso: t.iso, note: `${t.offHours.phrase}，已按办公室主任确认安排` };
}

/** The question the director answers with 确认 before a time outside working days and hours. */
export function offHoursQuestion(ctx: TimeContext, text: string | undefined): string | undefined {
  if (!text || !isDirector(ctx.person)) return undefined;
  const t = examine(ctx, text);
  return t.offHours ? `${t.offHours.phrase}。确定把会议安排在这个时间吗？` : undefined;
}
