/**
 * 纪要 M7 更正: the recorder re-issues a 纪要 with its full corrected text. It keeps its number and
 * is marked 更正; its tasks are reconciled with the new task lines by their content — a task whose
 * line is unchanged is kept, one whose deadline or co-units changed is changed, one whose line is
 * gone (or whose lead unit changed) is withdrawn, and a new line makes a new task. Each lead unit
 * concerned is told what happened to its task. A task already 办结 is never withdrawn or changed.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import { tell } from '../core/tell.ts';
import { unitName, unitNames } from '../core/unit-list.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { formatOfficialDate } from '../domain/dates.ts';
import type { Meeting, Minutes, MinutesItem, Task } from '../store/model.ts';
import { sendTaskCard, taskNotice } from '../tasks/notify.ts';
import { createTask, leadLiaisons, step, TASK_NOTICE_LINE, unitLiaisons } from '../tasks/records.ts';
import { saveMeeting } from './events.ts';
import { renderMinutes, taskItemText } from './minutes.ts';
import { checkMayRecord, minutesUnits, readMinutes, type Spec } from './record-minutes.ts';
import { meetingName } from './records.ts';

type Ctx = CommandContext<unknown>;

const sameUnits = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((u) => b.includes(u));

export function correctMinutes(ctx: Ctx, m: Meeting, lines: readonly string[]): void {
  const old = ctx.tx.get('minutes', m.id);
  if (!old) throw new UserError(`${meetingName(m)}还没有纪要，无需更正；记录方法：纪要 ${m.id}，换行后写 议定：… 或 任务：…。`);
  checkMayRecord(ctx, m);
  if (lines.length === 0) throw new UserError(`请在“纪要 ${m.id} 更正”后换行写更正后的纪要全文（议定：… / 任务：… 牵头:… 期限:…）。`);
  // Deadlines such as "10个工作日" count from the day the 纪要 was first recorded, as they did then.
  const content = readMinutes(ctx, m, lines, old.number, old.year, toShanghaiDate(new Date(old.recordedAt)));
  const previous = old.taskIds.map((id) => ctx.tx.get('tasks', id)).filter((t): t is Task => Boolean(t)).map((t) => structuredClone(t));
  const unmatched = [...previous];
  const at = ctx.now.toISOString();
  const origin = `${meetingName(m)}纪要（第${old.number}号）更正`;

  const items: MinutesItem[] = [];
  const taskIds: string[] = [];
  const report = { kept: [] as string[], changed: [] as string[], withdrawn: [] as string[], added: [] as string[] };
  const fresh: Task[] = [];
  for (const [i, spec] of content.specs.entries()) {
    const decision = content.decisions.get(i);
    if (decision) items.push({ text: decision });
    if (!spec) continue;
    const t = reconcile(ctx, spec, unmatched, origin, at, report, fresh);
    taskIds.push(t.id);
    items.push({ text: taskItemText(ctx.config, t), taskId: t.id });
  }
  for (const t of unmatched) {
    if (t.state === '已办结') {
      taskIds.push(t.id);
      report.kept.push(t.id);
      continue;
    }
    ctx.tx.delete('tasks', t.id);
    report.withdrawn.push(t.id);
    tell(ctx, leadLiaisons(ctx, t), taskNotice(ctx, t, '督办任务撤销', [`${origin}，该任务撤销，无需再办理。`]));
  }

  const minutes: Minutes = {
    ...old,
    items,
    taskIds,
    attendance: content.attendance,
    ...(content.place ? { place: content.place } : {}),
    ...(content.chair ? { chair: content.chair } : {}),
    corrected: { count: (old.corrected?.count ?? 0) + 1, by: ctx.person.id, at },
  };
  if (!content.place) delete minutes.place;
  if (!content.chair) delete minutes.chair;
  ctx.tx.put('minutes', minutes);
  const summary = [
    report.kept.length ? `保留 ${report.kept.join('、')}` : '',
    report.changed.length ? `变更 ${report.changed.join('、')}` : '',
    report.withdrawn.length ? `撤销 ${report.withdrawn.join('、')}` : '',
    report.added.length ? `新增 ${report.added.join('、')}` : '',
  ].filter(Boolean).join('；');
  m.history.push({ at, by: ctx.person.id, text: `更正纪要（第${old.number}号）${summary ? `，督办任务：${summary}` : ''}` });
  m.updatedAt = at;
  saveMeeting(ctx, m);

  const text = renderMinutes(ctx.tx, ctx.config, m, minutes);
  tell(ctx, [...minutesUnits(ctx, m, minutes, content.specs).flatMap((u) => ctx.config.liaisonsOf(u)), ...ctx.config.peopleWithRole('director')], text);
  for (const t of fresh) sendTaskCard(ctx, unitLiaisons(ctx, t), t, '督办任务', [TASK_NOTICE_LINE]);
  ctx.reply(`已更正纪要（第${old.number}号），已重新发送各参会单位联络员和办公室主任。${summary ? `督办任务：${summary}，已告知各牵头单位。` : ''}\n\n${text}`);
}

function reconcile(ctx: Ctx, spec: Spec, unmatched: Task[], origin: string, at: string, report: Record<'kept' | 'changed' | 'withdrawn' | 'added', string[]>, fresh: Task[]): Task {
  const index = unmatched.findIndex((t) => t.content === spec.content && (t.leadUnitId === spec.leadUnitId || t.state === '已办结'));
  if (index < 0) {
    const t = createTask(ctx, spec, `${origin}，牵头：${unitName(ctx.config, spec.leadUnitId)}`, { notify: false });
    report.added.push(t.id);
    fresh.push(t);
    return t;
  }
  const [t] = unmatched.splice(index, 1) as [Task];
  const co = spec.coUnitIds.filter((u) => u !== t.leadUnitId);
  if (t.state === '已办结' || (t.deadline === spec.deadline && sameUnits(t.coUnitIds, co))) {
    report.kept.push(t.id);
    return t;
  }
  const changes = [
    t.deadline !== spec.deadline ? `期限改为${formatOfficialDate(spec.deadline)}` : '',
    sameUnits(t.coUnitIds, co) ? '' : `协办单位改为${co.length ? unitNames(ctx.config, co) : '无'}`,
  ].filter(Boolean).join('，');
  t.deadline = spec.deadline;
  t.coUnitIds = co;
  step(t, at, ctx.person.id, `${origin}：${changes}`);
  ctx.tx.put('tasks', t);
  report.changed.push(t.id);
  sendTaskCard(ctx, unitLiaisons(ctx, t), t, '督办任务变更', [`${origin}：${changes}。`]);
  return t;
}
