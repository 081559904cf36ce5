import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { unitName } from '../src/core/unit-list.ts';
import { loadTask } from '../src/tasks/records.ts';
import { type TaskScope, taskDetail, taskList, tasksInScope } from '../src/tasks/view.ts';

const USAGE = '任务 [我的|逾期|全部|T编号]';
const SCOPES: readonly TaskScope[] = ['我的', '逾期', '全部'];

/**
 * 任务: the supervised tasks with their colour (蓝 approaching, 黄 behind, 红 overdue). A liaison
 * sees their own unit's (lead or co) by default, the office everything; `任务 T31` shows one.
 */
export default defineCommand({
  name: '任务',
  aliases: ['督办任务', '我的任务'],
  summary: '查看督办任务（蓝：快到期，黄：退回或延期未获同意，红：逾期）',
  usage: USAGE,
  examples: ['任务', '任务 逾期', '任务 全部', '任务 T31'],
  audience: ['liaison', 'director', 'convener', 'admin'],
  params: { which: { label: '范围', positional: true, hint: '我的、逾期、全部，或任务编号' } },
  schema: z.object({ which: z.string().optional() }),
  run(ctx) {
    const { which } = ctx.args;
    if (which && /^[Tt]\d+$/u.test(which)) {
      ctx.reply(taskDetail(ctx, loadTask(ctx.tx, which, USAGE)));
      return;
    }
    const isLiaison = ctx.person.roles.includes('liaison') && Boolean(ctx.person.unitId);
    const scope = (which ?? (isLiaison ? '我的' : '全部')) as TaskScope;
    if (!SCOPES.includes(scope)) throw new UserError(`看不懂“${which}”。写法：${USAGE}`);
    const tasks = tasksInScope(ctx, ctx.person, scope);
    const whose = isLiaison && scope !== '全部' ? unitName(ctx.config, ctx.person.unitId!) : '全部';
    const title = scope === '逾期' ? `逾期任务（${whose}）` : `督办任务（${whose}）`;
    if (tasks.length === 0) {
      ctx.reply(scope === '逾期' ? `没有逾期的任务（${whose}）。` : `没有在办的督办任务（${whose}）。`);
      return;
    }
    const finished = scope === '逾期' ? 0 : [...ctx.tx.values('tasks')].filter((t) => t.state === '已办结' && (whose === '全部' || [t.leadUnitId, ...t.coUnitIds].includes(ctx.person.unitId!))).length;
    ctx.reply(taskList(ctx, tasks, title, finished));
  },
});
