import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { exportMinutes, isOffice } from '../src/documents/minutes-export.ts';
import { deliverProduced } from '../src/documents/send-file.ts';

const USAGE = '导出 名册 ｜ 导出 纪要 M7 ｜ 导出 通报 [2026Q4] ｜ 导出 简报 [第N期]';

/**
 * 导出: the files the office files and takes to meetings — the roster as an Excel workbook (a sheet
 * per tier and the watch list), and in the GB/T 9704 form as Word documents the 纪要 of a meeting,
 * the quarter's 督办通报 and a 工作简报 (第N期, numbered per year). Sent to the asker as a file.
 */
export default defineCommand({
  name: '导出',
  aliases: ['下载', '导出文件'],
  summary: '（办公室）导出名册 Excel，以及纪要、督办通报、工作简报 Word 文档',
  usage: USAGE,
  examples: ['导出 名册', '导出 纪要 M7', '导出 通报 2026Q4', '导出 简报', '导出 简报 第3期'],
  // Liaisons may export the 纪要 of a meeting they asked for; everything else is the office's.
  audience: ['director', 'convener', 'admin', 'liaison'],
  params: { what: { label: '内容', positional: true, hint: '名册、纪要 M7、通报 [2026Q4]、简报 [第N期]' } },
  schema: z.object({ what: z.string().trim().optional() }),
  async run(ctx) {
    // Loaded on first use: the Word/Excel writers (docx, exceljs) are not needed to start the service.
    const { parseIssue, pickIssue, produceBriefing, produceReport, produceRoster } = await import('../src/documents/produce.ts');
    const [kind = '', arg] = (ctx.args.what ?? '').split(/\s+/u);
    if (kind === '纪要' || kind === '会议纪要') {
      if (!arg) throw new UserError(`请写会议编号，例如：导出 纪要 M7。`);
      await exportMinutes(ctx, arg);
      return;
    }
    if (!isOffice(ctx)) throw new UserError('名册、督办通报和工作简报由办公室主任、召集人导出；会议发起人可以导出本会议的纪要（导出 纪要 M7）。');
    switch (kind) {
      case '名册':
      case '名单':
        deliverProduced(ctx, await produceRoster(ctx));
        return;
      case '通报':
      case '督办通报':
        deliverProduced(ctx, await produceReport(ctx, arg, { tx: ctx.tx, by: ctx.person.id, at: ctx.now.toISOString() }));
        return;
      case '简报':
      case '工作简报': {
        const number = parseIssue(arg);
        const issue = pickIssue(ctx.tx, ctx.today, number, { tx: ctx.tx, by: ctx.person.id, at: ctx.now.toISOString() });
        deliverProduced(ctx, await produceBriefing(ctx, issue), number === undefined ? `\n（已编为第${issue.number}期；重新导出本期请发“导出 简报 第${issue.number}期”。）` : '');
        return;
      }
      default:
        throw new UserError(`${kind ? `看不懂“${kind}”。` : '请写要导出什么。'}写法：${USAGE}`);
    }
  },
});
