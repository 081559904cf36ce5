import { z } from 'zod';
import { actingUnit } from '../src/core/acting-unit.ts';
import { defineCommand } from '../src/core/command.ts';
import { datedName, writeExport } from '../src/documents/files.ts';
import { fileSentLine, sendFileToAsker } from '../src/documents/send-file.ts';
import { triggersFor } from '../src/domain/triggers.ts';

const USAGE = '模板 [单位:<单位>]（办公室主任代某单位取模板时写单位）';

/**
 * 模板: the .xlsx a unit fills in to hand in its list (名单), made for the speaker's unit — its
 * 预警情形 column offers exactly that unit's triggers.
 */
export default defineCommand({
  name: '模板',
  aliases: ['名单模板', '导入模板'],
  summary: '获取本单位报送名单的 Excel 模板（填好后把文件发给我即可批量导入）',
  usage: USAGE,
  examples: ['模板', '模板 单位:税务局'],
  audience: ['liaison', 'director', 'admin'],
  params: { unit: { label: '单位', positional: true, hint: '以哪个成员单位名义（办公室主任代取时填写）' } },
  schema: z.object({ unit: z.string().optional() }),
  async run(ctx) {
    const unit = actingUnit(ctx.config, ctx.person, ctx.args.unit, USAGE);
    // Loaded on first use: exceljs is not needed to start the service.
    const { templateXlsx } = await import('../src/documents/template-xlsx.ts');
    const bytes = await templateXlsx(ctx.config, unit, ctx.today);
    const file = writeExport(ctx.dataDir, datedName(`${unit.name}报送名单模板`, ctx.now, 'xlsx'), bytes);
    const triggers = triggersFor(unit.kind).map((t) => t.label).join('、');
    sendFileToAsker(ctx, file, `${unit.name}报送名单模板：每行一家企业、一种预警情形，填好后把文件直接发给我。`);
    ctx.reply(`已生成${unit.name}的名单模板。${fileSentLine(ctx, file)}\n可填的预警情形：${triggers}。\n填好后把文件直接发给我（单聊），我先回复预览，您回复“确认”后才导入名册。`);
  },
});
