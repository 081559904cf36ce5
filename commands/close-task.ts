import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { tell } from '../src/core/tell.ts';
import { taskNotice } from '../src/tasks/notify.ts';
import { loadTask, step, unitLiaisons } from '../src/tasks/records.ts';
import { taskDetail } from '../src/tasks/view.ts';

const USAGE = '办结 <任务编号>';

/** 办结: the director accepts the reported completion (审核办结); the lead and co-units are told. */
export default defineCommand({
  name: '办结',
  aliases: ['审结'],
  summary: '（办公室主任）审核通过，督办任务办结',
  usage: USAGE,
  examples: ['办结 T31'],
  audience: ['director'],
  params: { ref: { label: '任务', positional: true, hint: '任务编号，如 T31' } },
  schema: z.object({ ref: z.string() }),
  run(ctx) {
    const t = loadTask(ctx.tx, ctx.args.ref, USAGE);
    if (t.state === '已办结') throw new UserError(`${t.id} 已经办结。`);
    if (t.state !== '已完成待审') throw new UserError(`${t.id} 还在办理中，牵头单位报告完成后才能办结。`);
    const at = ctx.now.toISOString();
    t.state = '已办结';
    t.closedAt = at;
    delete t.returned;
    step(t, at, ctx.person.id, '办公室主任审核办结');
    ctx.tx.put('tasks', t);
    // Nothing is left to do, so this notice carries no buttons.
    tell(ctx, unitLiaisons(ctx, t), taskNotice(ctx, t, '任务已办结', [`完成情况：${t.completion?.note ?? ''}`, '经办公室审核，本任务已办结。']));
    ctx.reply(taskDetail(ctx, t, `${t.id} 已办结，已告知牵头单位和协办单位。`));
  },
});
