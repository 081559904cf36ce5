import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { resume } from '../src/meetings/park.ts';
import { loadMeeting } from '../src/meetings/records.ts';

const USAGE = '恢复 <会议编号>';

/** 恢复: a parked matter comes back at the same level, for a new time (002 §四 "另行提交"). */
export default defineCommand({
  name: '恢复',
  summary: '恢复暂缓的会议事项，重新确定会议时间',
  usage: USAGE,
  examples: ['恢复 M7'],
  audience: ['liaison', 'director'],
  params: { ref: { label: '会议', positional: true, hint: '会议编号，如 M7' } },
  schema: z.object({ ref: z.string() }),
  run(ctx) {
    resume(ctx, loadMeeting(ctx.tx, ctx.args.ref, USAGE));
  },
});
