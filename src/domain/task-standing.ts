/**
 * Where a 督办事项 stood at the end of a given day — the one rule the 督办通报 and 统计 share, so the
 * two never disagree:
 * - 按期办结 / 逾期办结: 办结 (closed by the office) by that day; on time when the unit's accepted
 *   completion report (or, with none, the 办结 itself) came on or before the deadline.
 *   已完成待审 is not 办结: it counts as done nowhere.
 * - 逾期未办结: not 办结 by that day and the deadline has passed. A deadline day runs to 24:00
 *   (民法典 第203条), so a task is overdue only from the day after its deadline, and a unit whose
 *   report came in time and waits for the office's review is not overdue for the office's delay.
 * - 正在办理: everything else.
 * The deadline is the current one, so a granted 延期 counts.
 */
import { toShanghaiDate } from './calendar/shanghai.ts';

/** The Shanghai day of an ISO instant ('2026-12-21' stays as it is). */
const dayOf = (iso: string): string => (iso.length === 10 ? iso : toShanghaiDate(new Date(iso)));

export type TaskStanding = 'onTime' | 'closedLate' | 'inProgress' | 'overdue';

/** What the rule reads from a task (src/store/model/workflow.ts Task has these fields). */
export interface TaskDates {
  deadline: string;
  closedAt?: string;
  completion?: { at: string };
  returned?: { at: string };
}

/** A completion report that stood (not sent back) at the end of `day`. */
function reportStanding(t: TaskDates, day: string): string | undefined {
  if (!t.completion || dayOf(t.completion.at) > day) return undefined;
  if (t.returned && t.returned.at >= t.completion.at && dayOf(t.returned.at) <= day) return undefined;
  return dayOf(t.completion.at);
}

export function taskStandingOn(t: TaskDates, day: string): TaskStanding {
  if (t.closedAt !== undefined && dayOf(t.closedAt) <= day) {
    const done = t.completion ? dayOf(t.completion.at) : dayOf(t.closedAt);
    return done <= t.deadline ? 'onTime' : 'closedLate';
  }
  if (t.deadline >= day) return 'inProgress';
  const reported = reportStanding(t, day);
  return reported !== undefined && reported <= t.deadline ? 'inProgress' : 'overdue';
}
