import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { textField } from '../src/core/zod-fields.ts';
import { resume } from '../src/meetings/park.ts';
import { loadMeeting } from '../src/meetings/records.ts';

const USAGE = '恢复 <会议编号> [理由:<条件已具备的情况>]';

/**
 * 恢复 M7: a parked matter comes back at the same level, for a new time (002 §四 "另行提交").
 * The word is shared with 恢复 E12 (back on the roster): commands/index.ts registers this one
 * only through shareWord, which routes by the id.
 */
export default defineCommand({
  name: '恢复',
  summary: '恢复暂缓的会议事项，重新确定会议时间',
  usage: USAGE,
  examples: ['恢复 M7', '恢复 M7 理由:刑事案件已审结'],
  audience: ['liaison', 'director'],
  params: {
    ref: { label: '会议', positional: true, hint: '会议编号，如 M7' },
    reason: { label: '理由', aliases: ['原因', '说明'], hint: '条件已具备的情况' },
  },
  schema: z.object({ ref: z.string(), reason: textField(300).optional() }),
  run(ctx) {
    resume(ctx, loadMeeting(ctx.tx, ctx.args.ref, USAGE), ctx.args.reason);
  },
});
