/**
 * 延期: asked by the lead unit before the deadline (after it, the unit reports progress and the
 * reason instead — domain-rules §4.4), decided by the office director.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import { button } from '../core/tell.ts';
import { unitName } from '../core/unit-list.ts';
import { resolveDeadline } from '../domain/deadline-input.ts';
import { formatOfficialDate } from '../domain/dates.ts';
import type { Task } from '../store/model.ts';
import { sendDirectorCard, sendTaskCard } from './notify.ts';
import { leadLiaisons, requireLead, step, unitLiaisons } from './records.ts';
import { taskDetail } from './view.ts';

type Ctx = CommandContext<unknown>;

export function extensionRequest(ctx: Ctx, t: Task, toText: string | undefined, reason: string | undefined): void {
  if (ctx.person.roles.includes('director') && !ctx.person.roles.includes('liaison')) {
    throw new UserError(`延期由牵头单位申请；审批请写：延期 ${t.id} 同意，或 延期 ${t.id} 不同意 理由:…。`);
  }
  requireLead(ctx.person, t, ctx, '申请延期');
  if (t.state === '已办结') throw new UserError(`${t.id} 已办结，无需延期。`);
  if (t.state === '已完成待审') throw new UserError(`${t.id} 已报完成，正等待审核，无需延期。`);
  if (ctx.today > t.deadline) {
    throw new UserError(`${t.id} 的期限（${formatOfficialDate(t.deadline)}）已过，不能再申请延期；请向办公室主任报告办理进展和未能按期完成的原因。`);
  }
  if (t.extension?.state === 'pending') throw new UserError(`${t.id} 已申请延期至${formatOfficialDate(t.extension.to)}，正等待办公室主任审批。`);
  if (!toText || !reason) throw new UserError(`请写明延到哪天和理由：延期 ${t.id} 至:<新期限> 理由:<原因>。`);
  const to = resolveDeadline(toText, ctx.today, ctx.calendar);
  if (!to.ok) throw new UserError(to.reason);
  if (to.date <= t.deadline) throw new UserError(`新期限要晚于现在的期限（${formatOfficialDate(t.deadline)}）。`);
  const at = ctx.now.toISOString();
  t.extension = { to: to.date, reason, state: 'pending', requestedBy: ctx.person.id, requestedAt: at };
  step(t, at, ctx.person.id, `${unitName(ctx.config, t.leadUnitId)}申请延期至${formatOfficialDate(to.date)}：${reason}`);
  ctx.tx.put('tasks', t);
  sendDirectorCard(ctx, t, '延期申请', [`申请延期至${formatOfficialDate(to.date)}：${reason}`, `审批：延期 ${t.id} 同意 ｜ 延期 ${t.id} 不同意 理由:…`], [
    button('grant', '同意', `延期 ${t.id} 同意`, 'primary'),
    button('refuse', '不同意', `延期 ${t.id} 不同意`, 'danger'),
  ]);
  ctx.reply(taskDetail(ctx, t, `已申请将 ${t.id} 延期至${formatOfficialDate(to.date)}，等待办公室主任审批。${to.note ? `（${to.note}）` : ''}`));
}

export function extensionDecision(ctx: Ctx, t: Task, word: '同意' | '不同意', reason: string | undefined): void {
  if (!ctx.person.roles.includes('director')) throw new UserError('延期申请由办公室主任审批。');
  const ext = t.extension;
  if (!ext || ext.state !== 'pending') throw new UserError(`${t.id} 没有待审批的延期申请。`);
  const at = ctx.now.toISOString();
  if (word === '同意') {
    const before = t.deadline;
    t.deadline = ext.to;
    t.extension = { ...ext, state: 'granted', decidedBy: ctx.person.id, decidedAt: at };
    step(t, at, ctx.person.id, `同意延期：${formatOfficialDate(before)} → ${formatOfficialDate(ext.to)}`);
    ctx.tx.put('tasks', t);
    sendTaskCard(ctx, unitLiaisons(ctx, t), t, '延期已同意', [`期限由${formatOfficialDate(before)}延至${formatOfficialDate(ext.to)}。`]);
    ctx.reply(taskDetail(ctx, t, `已同意 ${t.id} 延期至${formatOfficialDate(ext.to)}，已告知牵头单位和协办单位。`));
    return;
  }
  if (!reason) throw new UserError(`请写明不同意的理由：延期 ${t.id} 不同意 理由:…。`);
  t.extension = { ...ext, state: 'refused', decidedBy: ctx.person.id, decidedAt: at, refusal: reason };
  step(t, at, ctx.person.id, `不同意延期：${reason}`);
  ctx.tx.put('tasks', t);
  sendTaskCard(ctx, leadLiaisons(ctx, t), t, '延期未获同意', [`理由：${reason}`, `请按原期限（${formatOfficialDate(t.deadline)}）办理。`]);
  ctx.reply(taskDetail(ctx, t, `已答复不同意 ${t.id} 延期，已告知牵头单位。`));
}
