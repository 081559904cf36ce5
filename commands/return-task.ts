import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { textField } from '../src/core/zod-fields.ts';
import { sendTaskCard } from '../src/tasks/notify.ts';
import { loadTask, step, unitLiaisons } from '../src/tasks/records.ts';
import { taskDetail } from '../src/tasks/view.ts';

const USAGE = '退回 <任务编号> 理由:<退回的原因>';

/**
 * 退回: the director does not accept the reported completion (退回重办); the task is back in
 * 办理中 with the reason, shows 黄 until it is reported done again, and both lead and co-units
 * are told.
 */
export default defineCommand({
  name: '退回',
  aliases: ['退回重办'],
  summary: '（办公室主任）任务完成情况不合格，退回重办',
  usage: USAGE,
  examples: ['退回 T31 理由:未附解除查封裁定书'],
  audience: ['director'],
  params: {
    ref: { label: '任务', positional: true, hint: '任务编号，如 T31' },
    reason: { label: '理由', aliases: ['原因'], hint: '为什么退回、还要做什么' },
  },
  schema: z.object({ ref: z.string(), reason: textField(300) }),
  run(ctx) {
    const t = loadTask(ctx.tx, ctx.args.ref, USAGE);
    if (t.state === '已办结') throw new UserError(`${t.id} 已办结，不能退回。`);
    if (t.state !== '已完成待审') throw new UserError(`${t.id} 还在办理中，牵头单位报告完成后才能审核退回。`);
    const at = ctx.now.toISOString();
    t.state = '办理中';
    t.returned = { reason: ctx.args.reason, by: ctx.person.id, at };
    delete t.completion;
    step(t, at, ctx.person.id, `办公室主任退回：${ctx.args.reason}`);
    ctx.tx.put('tasks', t);
    sendTaskCard(ctx, unitLiaisons(ctx, t), t, '任务退回', [`退回理由：${ctx.args.reason}`, '请按要求重新办理，完成后再报告。']);
    ctx.reply(taskDetail(ctx, t, `已退回 ${t.id}，已告知牵头单位和协办单位。`));
  },
});
