import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { textField } from '../src/core/zod-fields.ts';
import { park } from '../src/meetings/park.ts';
import { loadMeeting } from '../src/meetings/records.ts';

const USAGE = '暂缓 <会议编号> 理由:<尚不具备解决条件的原因> [至:<再提交的日期>]';

/** 暂缓: a matter not ripe yet is set aside and may be brought back later (002 §四). */
export default defineCommand({
  name: '暂缓',
  summary: '尚不具备解决条件的会议事项暂缓，待条件具备后再提交',
  usage: USAGE,
  examples: ['暂缓 M7 理由:待刑事案件审结 至:2027-03-01', '暂缓 M8 理由:资产评估尚未完成'],
  audience: ['liaison', 'director'],
  params: {
    ref: { label: '会议', positional: true, hint: '会议编号，如 M7' },
    reason: { label: '理由', aliases: ['原因'], hint: '为什么暂缓' },
    until: { label: '至', aliases: ['到', '再议'], hint: '预计再提交的日期，如 2027-03-01' },
  },
  schema: z.object({ ref: z.string(), reason: textField(300), until: z.string().optional() }),
  run(ctx) {
    park(ctx, loadMeeting(ctx.tx, ctx.args.ref, USAGE), ctx.args.reason, ctx.args.until);
  },
});
