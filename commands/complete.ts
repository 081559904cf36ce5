import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { button } from '../src/core/tell.ts';
import { unitName } from '../src/core/unit-list.ts';
import { textField } from '../src/core/zod-fields.ts';
import { sendDirectorCard } from '../src/tasks/notify.ts';
import { loadTask, requireLead, step } from '../src/tasks/records.ts';
import { taskDetail } from '../src/tasks/view.ts';

const USAGE = '完成 <任务编号> 说明:<办理情况>';

/**
 * 完成: the lead unit reports the task done (反馈报告, in the lead unit's name); the office
 * director then verifies it (办结) or sends it back (退回).
 */
export default defineCommand({
  name: '完成',
  aliases: ['报完成', '办毕'],
  summary: '（牵头单位）报告督办任务已完成，等待办公室审核',
  usage: USAGE,
  examples: ['完成 T31 说明:已于12月5日解除查封并移交管理人'],
  audience: ['liaison'],
  params: {
    ref: { label: '任务', positional: true, hint: '任务编号，如 T31' },
    note: { label: '说明', aliases: ['情况', '办理情况'], hint: '办理情况' },
  },
  schema: z.object({ ref: z.string(), note: textField(500) }),
  run(ctx) {
    const t = loadTask(ctx.tx, ctx.args.ref, USAGE);
    requireLead(ctx.person, t, ctx, '报告完成');
    if (t.state === '已完成待审') throw new UserError(`${t.id} 已报完成，正等待办公室主任审核。`);
    if (t.state === '已办结') throw new UserError(`${t.id} 已办结。`);
    const at = ctx.now.toISOString();
    const unit = unitName(ctx.config, t.leadUnitId);
    t.state = '已完成待审';
    t.completion = { note: ctx.args.note, by: ctx.person.id, at };
    step(t, at, ctx.person.id, `${unit}报完成：${ctx.args.note}${ctx.today > t.deadline ? '（逾期完成）' : ''}`);
    ctx.tx.put('tasks', t);
    sendDirectorCard(ctx, t, '任务报完成', [`${unit}：${ctx.args.note}`, `审核：办结 ${t.id} ｜ 退回 ${t.id} 理由:…`], [
      button('close', '办结', `办结 ${t.id}`, 'primary'),
      button('return', '退回', `退回 ${t.id}`, 'danger'),
    ]);
    ctx.reply(taskDetail(ctx, t, `已报告 ${t.id} 完成，等待办公室主任审核。`));
  },
});
