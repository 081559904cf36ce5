import { z } from 'zod';
import type { CommandContext } from '../src/core/command.ts';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { tell } from '../src/core/tell.ts';
import type { Unit } from '../src/domain/types.ts';
import { applyImport } from '../src/imports/apply.ts';
import { type ImportPlan, planImport, plannedRows } from '../src/imports/plan.ts';
import { confirmClosing, previewText } from '../src/imports/preview.ts';
import type { ImportBatch } from '../src/store/model.ts';

const USAGE = '导入 I编号（把填好的名单表格作为文件发给我即可；表格用“模板”获取）';

type Args = { ref?: string | undefined };

/** The staged batch the command names, and the unit it is for, if the speaker may act on it. */
function load(ctx: CommandContext<Args>): { batch: ImportBatch; unit: Unit } | undefined {
  const ref = ctx.args.ref?.trim().toUpperCase();
  if (!ref) return undefined;
  if (!/^I\d{1,7}$/u.test(ref)) throw new UserError(`请写导入批次编号，如 I3。写法：${USAGE}`);
  const batch = ctx.tx.get('imports', ref);
  if (!batch) throw new UserError(`没有编号为 ${ref} 的导入批次。请把名单表格作为文件重新发给我。`);
  const office = ctx.person.roles.includes('director') || ctx.person.roles.includes('admin');
  if (!office && (batch.by !== ctx.person.id || ctx.person.unitId !== batch.unitId)) {
    throw new UserError(`${ref} 是别人发送的名单，只有发送人或办公室主任可以导入。`);
  }
  const unit = ctx.config.unitById(batch.unitId);
  if (!unit) throw new UserError(`${ref} 所属的单位已不在配置中，不能导入。`);
  return { batch, unit };
}

function plan(ctx: CommandContext<Args>, batch: ImportBatch, unit: Unit): ImportPlan {
  return planImport(ctx.tx, unit, batch.rows);
}

/**
 * 导入: a unit's list (001 §五(二)) onto the roster. The file itself comes as a message (the
 * dispatcher stages it as I3 and runs `导入 I3`); the confirmation question is the preview — rows
 * to add, signals to merge, rows refused and why — and 确认 applies exactly that in one
 * transaction, re-checked against the roster at that moment.
 */
export default defineCommand({
  name: '导入',
  aliases: ['导入名单', '批量导入'],
  summary: '批量导入本单位报送的名单（把填好的表格文件发给我，先预览，确认后导入）',
  usage: USAGE,
  // The file itself is the usual way in; `导入 I3` (in the usage) answers a preview's 确认 again.
  examples: ['导入'],
  audience: ['liaison', 'director', 'admin'],
  params: { ref: { label: '批次', positional: true, hint: '导入批次编号，如 I3' } },
  schema: z.object({ ref: z.string().optional() }),
  confirm(ctx) {
    const found = load(ctx);
    if (!found || found.batch.state === 'applied') return undefined;
    const p = plan(ctx, found.batch, found.unit);
    if (plannedRows(p) === 0) return undefined;
    ctx.tx.put('imports', { ...found.batch, previewed: p.fingerprint });
    return previewText(found.batch, found.unit, p, confirmClosing(p));
  },
  run(ctx) {
    const found = load(ctx);
    if (!found) {
      ctx.reply('批量导入名单：先发“模板”获取本单位的表格，填好后把文件直接发给我（单聊）。我会先回复预览，您回复“确认”后才导入名册。');
      return;
    }
    const { batch, unit } = found;
    if (batch.state === 'applied') {
      throw new UserError(`${batch.id}《${batch.fileName}》已于${batch.appliedAt!.slice(0, 10)}导入，不能重复导入。`);
    }
    const p = plan(ctx, batch, unit);
    if (plannedRows(p) === 0) {
      ctx.reply(previewText(batch, unit, p, '没有可以导入的行，名册没有变化。请改正后重新发送表格。'));
      return;
    }
    if (p.fingerprint !== batch.previewed) {
      // The roster changed between the preview and 确认 (another unit listed one of these): show
      // what would happen now and ask again, rather than apply something nobody saw.
      ctx.reply(previewText(batch, unit, p, `名册在预览之后有了变化，以上是按现在的名册重新生成的预览，尚未导入。请再发“导入 ${batch.id}”确认。`));
      return;
    }
    const at = ctx.now.toISOString();
    const result = applyImport(ctx.tx, p, unit, ctx.person.id, at);
    ctx.tx.put('imports', {
      ...batch, state: 'applied', appliedAt: at, appliedBy: ctx.person.id,
      result: { added: result.added, merged: result.merged, refused: p.refused.length },
    });
    const parts = [
      result.added.length ? `新增企业${result.added.length}家（${result.added.join('、')}）` : '',
      result.merged.length ? `为${result.merged.length}家已在册企业补充预警信号（${result.merged.join('、')}）` : '',
    ].filter(Boolean);
    const refused = p.refused.length ? `\n不予导入${p.refused.length}行，请改正后另行发送。` : '';
    ctx.reply(`已导入 ${batch.id}《${batch.fileName}》：${parts.join('，')}。${refused}\n查看：名册 单位:${unit.aliases[0] ?? unit.name}`);
    tell(ctx, ctx.config.peopleWithRole('director'), `【名册变动】${unit.name}批量导入名单《${batch.fileName}》：${parts.join('，')}。\n查看：名册 单位:${unit.aliases[0] ?? unit.name}`);
  },
});
