import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { exportMinutes } from '../src/documents/minutes-export.ts';
import { correctMinutes } from '../src/meetings/correct-minutes.ts';
import { renderMinutes } from '../src/meetings/minutes.ts';
import { loadMeeting, meetingName } from '../src/meetings/records.ts';
import { recordMinutes } from '../src/meetings/record-minutes.ts';

const USAGE = '纪要 <会议编号>（换行写：议定：<事项> / 任务：<内容> 牵头:<单位> [协办:<单位>] 期限:<日期或N个工作日> / 出席：… / 请假：… / 列席：…）';

/**
 * 纪要: records a meeting's minutes (议定事项 and the tasks they create) and sends them to every
 * unit that took part; without lines, shows the recorded minutes.
 */
export default defineCommand({
  name: '纪要',
  aliases: ['会议纪要'],
  summary: '记录会议纪要（议定事项、督办任务、出席情况），查看、更正（纪要 M7 更正）已记录的纪要，或导出 Word 文档（纪要 M7 文档）',
  usage: USAGE,
  examples: [
    '纪要 M7\n    议定：同意由管理人接管厂区\n    任务：解除对E12厂房的查封 牵头:法院 协办:公安局 期限:10个工作日\n    请假：人社局',
    '纪要 M7',
    '纪要 M7 文档',
    '纪要 M7 更正\n    议定：同意由管理人接管厂区\n    任务：解除对E12厂房的查封 牵头:法院 期限:2026-12-31',
  ],
  audience: ['liaison', 'director', 'convener', 'admin'],
  takesBody: true,
  params: { ref: { label: '会议', positional: true, hint: '会议编号，如 M7' } },
  schema: z.object({ ref: z.string() }),
  async run(ctx) {
    // 纪要 M7 文档: the recorded 纪要 as a Word file (src/documents/minutes-export.ts).
    const asDocument = /^([Mm]\d+)\s+(?:文档|word|docx|导出)$/iu.exec(ctx.args.ref.trim());
    if (asDocument && ctx.body.length === 0) {
      await exportMinutes(ctx, asDocument[1]!);
      return;
    }
    const correction = /^([Mm]\d+)\s+更正$/u.exec(ctx.args.ref.trim());
    if (correction) {
      correctMinutes(ctx, loadMeeting(ctx.tx, correction[1], USAGE), ctx.body);
      return;
    }
    const m = loadMeeting(ctx.tx, ctx.args.ref, USAGE);
    if (ctx.body.length > 0) {
      recordMinutes(ctx, m, ctx.body);
      return;
    }
    const minutes = ctx.tx.get('minutes', m.id);
    if (!minutes) {
      ctx.reply(`${meetingName(m)}还没有纪要。记录方法：纪要 ${m.id}，换行后每行写 议定：… 或 任务：… 牵头:<单位> 期限:<日期>。`);
      return;
    }
    ctx.reply(renderMinutes(ctx.tx, ctx.config, m, minutes));
  },
});
