import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { textField } from '../src/core/zod-fields.ts';
import { extensionDecision, extensionRequest } from '../src/tasks/extension.ts';
import { loadTask } from '../src/tasks/records.ts';

const USAGE = '延期 <任务编号> 至:<新期限> 理由:<原因>（办公室主任：延期 <任务编号> 同意 | 不同意 理由:<原因>）';

/**
 * 延期: the lead unit asks for a later deadline — only before the deadline (督办: 延期 must be
 * applied for in time); the director grants or refuses it.
 */
export default defineCommand({
  name: '延期',
  aliases: ['申请延期'],
  summary: '（牵头单位）期限前申请延期；（办公室主任）同意或不同意',
  usage: USAGE,
  examples: ['延期 T31 至:2027-01-15 理由:需等待不动产登记中心办理', '延期 T31 同意', '延期 T31 不同意 理由:该事项须在年底前完成'],
  audience: ['liaison', 'director'],
  params: {
    ref: { label: '任务', positional: true, hint: '任务编号，办公室主任可跟 同意 或 不同意' },
    to: { label: '至', aliases: ['延至', '新期限', '期限'], hint: '新的期限，如 2027-01-15' },
    reason: { label: '理由', aliases: ['原因'], hint: '延期或不同意的理由' },
  },
  schema: z.object({ ref: z.string(), to: z.string().optional(), reason: textField(300).optional() }),
  run(ctx) {
    const [id, ...rest] = ctx.args.ref.split(/\s+/u);
    const t = loadTask(ctx.tx, id, USAGE);
    const word = rest.join('');
    if (word === '同意' || word === '不同意') return extensionDecision(ctx, t, word, ctx.args.reason);
    if (word) throw new UserError(`看不懂“${word}”。写法：${USAGE}`);
    extensionRequest(ctx, t, ctx.args.to, ctx.args.reason);
  },
});
