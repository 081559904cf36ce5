import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { textField } from '../src/core/zod-fields.ts';
import { escalate } from '../src/meetings/escalate.ts';
import { loadMeeting } from '../src/meetings/records.ts';

const USAGE = '升级 <会议编号> [理由:<未能解决的原因>]';

/** 升级: an unresolved 业务会议 → 专题会议; an unresolved 专题会议 → 联席会议议题 (001 §四). */
export default defineCommand({
  name: '升级',
  aliases: ['提请'],
  summary: '会议未能解决的事项升级：业务会议→专题会议→联席会议议题',
  usage: USAGE,
  examples: ['升级 M7', '升级 M8 理由:涉及跨部门政策，需联席会议决策'],
  audience: ['liaison', 'director'],
  params: {
    ref: { label: '会议', positional: true, hint: '会议编号，如 M7' },
    reason: { label: '理由', aliases: ['原因'], hint: '为什么要升级' },
  },
  schema: z.object({ ref: z.string(), reason: textField(300).optional() }),
  run(ctx) {
    escalate(ctx, loadMeeting(ctx.tx, ctx.args.ref, USAGE), ctx.args.reason);
  },
});
