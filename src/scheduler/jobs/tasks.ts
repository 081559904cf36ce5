/**
 * 督办 reminders, every working day at remindersAt, to the liaisons of the lead and co-units:
 * - 3 working days before the deadline (蓝, or 黄 when the task was sent back / refused an
 *   extension) — "reached" semantics: a task created 2 working days before its deadline, or a
 *   reminder day missed while the service was down, still gets it, once per deadline;
 * - on the day;
 * - every working day while overdue (红), one notice per task and day: a day missed while the
 *   service was down is not sent late, the next day's reminder says the same thing.
 * A deadline written on a non-working day counts from the next working day (民法典 第203条).
 * An extension request still pending when the deadline comes is flagged to the director.
 * A task whose deadline lies in a year without holiday data is left out (and named in the note).
 */
import { daysBetween } from '../../domain/calendar/civil.ts';
import { DUE_SOON_WORKING_DAYS, taskColour } from '../../domain/task-colour.ts';
import { formatOfficialDate } from '../../domain/dates.ts';
import { unitName, unitNames } from '../../core/unit-list.ts';
import { render } from '../../render/templates.ts';
import type { Task } from '../../store/model.ts';
import type { RunContext } from '../job.ts';
import { directors, liaisonsOf } from '../recipients.ts';
import { orGap } from '../slots.ts';
import { dailyJob } from './daily.ts';
import { dayText } from '../format.ts';

export type TaskStage = { stage: 'soon'; left: number } | { stage: 'due' } | { stage: 'overdue'; days: number };

/**
 * Where a task stands on `today`: a reminder stage, undefined when no reminder applies, or
 * 'unknown' when the working days in between cannot be counted (a year without holiday data).
 */
export function taskStage(ctx: Pick<RunContext, 'calendar'>, due: string, today: string): TaskStage | 'unknown' | undefined {
  if (today === due) return { stage: 'due' };
  if (today > due) {
    const days = orGap(() => ctx.calendar.workingDaysBetween(due, today));
    return days === undefined ? 'unknown' : { stage: 'overdue', days };
  }
  // Three weeks always hold more than three working days (the longest break is 9 days), so a
  // far deadline needs no calendar — not even one in a year without holiday data.
  if (daysBetween(today, due) > 21) return undefined;
  const left = orGap(() => ctx.calendar.workingDaysBetween(today, due));
  if (left === undefined) return 'unknown';
  return left <= DUE_SOON_WORKING_DAYS ? { stage: 'soon', left } : undefined;
}

/** The deadline as it counts: moved to the next working day when written on a day off. */
export function effectiveDeadline(ctx: Pick<RunContext, 'calendar'>, t: Pick<Task, 'deadline'>): string | undefined {
  return orGap(() => ctx.calendar.deadline(t.deadline));
}

function remind(ctx: RunContext, t: Task, due: string, s: TaskStage): void {
  const { config, today } = ctx;
  const colour = taskColour(
    { state: t.state, deadline: due, returned: Boolean(t.returned), extensionRefused: t.extension?.state === 'refused' },
    today,
    s.stage === 'soon' ? s.left : 0,
  ) ?? '蓝';
  const key = s.stage === 'overdue' ? `task-overdue:${t.id}:${today}` : `task-${s.stage}:${t.id}:${due}`;
  const status = s.stage === 'soon' ? `还有${s.left}个工作日到期` : s.stage === 'due' ? '今天到期' : `已逾期${s.days}个工作日`;
  const ext = t.extension?.state === 'pending' ? `已申请延期至${formatOfficialDate(t.extension.to)}，办公室尚未审批。` : '';
  const text = render('task-reminder', {
    colour,
    id: t.id,
    content: t.content,
    lead: unitName(config, t.leadUnitId),
    co: unitNames(config, t.coUnitIds),
    deadline: dayText(due),
    status,
    returned: t.returned && colour === '黄' ? t.returned.reason : '',
    extension: ext,
    overdue: s.stage === 'overdue',
  });
  const card = {
    cardId: `task-${t.id}-${s.stage}-${s.stage === 'overdue' ? today : due}`,
    title: `督办提醒·${colour} ${t.id}`,
    description: `${t.content}｜牵头：${unitName(config, t.leadUnitId)}｜期限：${formatOfficialDate(due)}｜${status}`,
    buttons: [
      { key: 'done', text: '完成', command: `完成 ${t.id} 说明:已办理`, style: 'primary' as const },
      { key: 'extend', text: '申请延期', command: `延期 ${t.id}` },
    ],
  };
  ctx.notify(key, liaisonsOf(config, [t.leadUnitId, ...t.coUnitIds]), text, { card, about: { kind: 'task', id: t.id, deadline: t.deadline } });

  if (s.stage !== 'soon' && t.extension?.state === 'pending') {
    ctx.notify(`task-extension-pending:${t.id}:${due}`, directors(config), render('task-extension-due', {
      id: t.id,
      content: t.content,
      lead: unitName(config, t.leadUnitId),
      deadline: formatOfficialDate(due),
      to: formatOfficialDate(t.extension.to),
      reason: t.extension.reason,
      when: s.stage === 'due' ? '今天到期' : `已逾期${s.days}个工作日`,
    }));
  }
}

export const taskRemindersJob = dailyJob({
  id: 'task-reminders',
  label: '督办提醒',
  times: (config) => [config.rhythms.remindersAt],
  run(ctx) {
    const unknown: string[] = [];
    const open = ctx.tx.lookup('tasks', 'state', '办理中').sort((a, b) => a.deadline.localeCompare(b.deadline) || Number(a.id.slice(1)) - Number(b.id.slice(1)));
    for (const t of open) {
      if (daysBetween(ctx.today, t.deadline) > 21) continue;
      const due = effectiveDeadline(ctx, t);
      const s = due ? taskStage(ctx, due, ctx.today) : 'unknown';
      if (s === 'unknown') unknown.push(t.id);
      else if (s) remind(ctx, t, due!, s);
    }
    if (unknown.length) ctx.note(`期限所在年份节假日未录入，暂不提醒：${unknown.join('、')}`);
  },
});

