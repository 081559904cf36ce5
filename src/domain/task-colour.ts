/**
 * The three-colour 督办 sheet (domain-rules §4.4, after 宿迁's 蓝/黄/红):
 * - 红: overdue — past the deadline and not finished; stays red until it is.
 * - 黄: behind — sent back (退回) or an extension was refused, so the unit is working against a
 *   deadline it said it could not meet or with work that was not accepted.
 * - 蓝: approaching — the deadline is within DUE_SOON_WORKING_DAYS working days.
 * Red wins over yellow, yellow over blue. A task reported done (已完成待审) waits on the office,
 * not on the unit, and a finished one (已办结) has no colour.
 */
import { CalendarGapError, type WorkingCalendar } from './calendar/working-days.ts';
import { addDays, isWeekend } from './calendar/civil.ts';

/** A task's life: the lead unit works on it, reports it done, the office closes it (办结). */
export type TaskState = '办理中' | '已完成待审' | '已办结';

export type TaskColour = '蓝' | '黄' | '红';

export const DUE_SOON_WORKING_DAYS = 3;

export const COLOUR_LEGEND = `蓝＝${DUE_SOON_WORKING_DAYS}个工作日内到期；黄＝被退回或延期未获同意；红＝已逾期`;

export interface ColourFacts {
  state: TaskState;
  /** 'YYYY-MM-DD' */
  deadline: string;
  returned: boolean;
  extensionRefused: boolean;
}

/**
 * The colour of a task on `today`, given the working days from today to its deadline (see
 * workingDaysLeft). undefined means no colour: on schedule, waiting for review, or finished.
 */
export function taskColour(t: ColourFacts, today: string, workingDaysLeft: number): TaskColour | undefined {
  if (t.state !== '办理中') return undefined;
  if (today > t.deadline) return '红';
  if (t.returned || t.extensionRefused) return '黄';
  if (workingDaysLeft <= DUE_SOON_WORKING_DAYS) return '蓝';
  return undefined;
}

/**
 * Working days after today up to and including the deadline (0 when it is due today). Only
 * used to colour a list: when the deadline lies in a year whose holidays are not entered yet,
 * Monday–Friday is counted instead (and only as far as the colour needs) — an estimate for
 * display, never a deadline computation.
 */
export function workingDaysLeft(calendar: WorkingCalendar, today: string, deadline: string): number {
  if (deadline <= today) return 0;
  try {
    return calendar.workingDaysBetween(today, deadline);
  } catch (err) {
    if (!(err instanceof CalendarGapError)) throw err;
    let n = 0;
    for (let d = addDays(today, 1); d <= deadline && n <= DUE_SOON_WORKING_DAYS; d = addDays(d, 1)) if (!isWeekend(d)) n++;
    return n;
  }
}
