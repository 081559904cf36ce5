import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { resolveLeadUnit, resolveUnits } from '../src/core/unit-list.ts';
import { textField } from '../src/core/zod-fields.ts';
import { resolveDeadline } from '../src/domain/deadline-input.ts';
import { splitList } from '../src/domain/lists.ts';
import { findMatter, type Matter } from '../src/domain/matters.ts';
import '../src/meetings/file-section.ts';
import { findEnterprise } from '../src/store/enterprises.ts';
import { createTask } from '../src/tasks/records.ts';
import { taskDetail } from '../src/tasks/view.ts';
import type { Config } from '../src/config/config.ts';

const USAGE = '交办 内容:<任务> 牵头:<单位> [协办:<单位>] 期限:<日期或N个工作日> [事项:<编号或名称>] [企业:E12]';

/**
 * 交办: the office director assigns a supervised task (督办 立项 → 交办) to a lead unit, with
 * co-units and a deadline. Naming one of the twelve coordination matters (001 附件2) records it
 * and, when the lead unit is missing, the error names the matter's units to choose from.
 */
export default defineCommand({
  name: '交办',
  aliases: ['督办'],
  summary: '（办公室主任）交办督办任务：牵头单位、协办单位、期限',
  usage: USAGE,
  examples: ['交办 内容:解除对E12厂房的查封 牵头:法院 协办:公安局 期限:10个工作日 事项:2 企业:E12', '交办 内容:申报税收债权 牵头:税务局 期限:2026-12-31'],
  audience: ['director'],
  params: {
    content: { label: '内容', aliases: ['任务', '事由'], hint: '要办的事' },
    lead: { label: '牵头', aliases: ['牵头单位'], hint: '牵头单位（一个）' },
    co: { label: '协办', aliases: ['协办单位', '配合'], hint: '协办单位，可写多个' },
    deadline: { label: '期限', aliases: ['时限', '完成时限'], hint: '日期（如 2026-12-31）或 10个工作日' },
    matter: { label: '事项', aliases: ['协调事项'], hint: '十二项协调事项的编号或名称，如 3 或 涉税' },
    enterprises: { label: '企业', hint: '涉及的企业，可写多个' },
  },
  schema: z.object({
    content: textField(300),
    lead: z.string().optional(),
    co: z.string().optional(),
    deadline: z.string(),
    matter: z.string().optional(),
    enterprises: z.string().optional(),
  }),
  run(ctx) {
    const { args, config, tx } = ctx;
    let matter: Matter | undefined;
    if (args.matter) {
      const found = findMatter(args.matter);
      if (!found.ok) throw new UserError(found.reason);
      matter = found.matter;
    }
    if (!args.lead) {
      if (matter) throw new UserError(`缺少牵头单位。第${matter.n}项“${matter.title}”的联动单位有：${matterUnits(config, matter)}，请写明 牵头:<单位>（可加 协办:<单位>）。`);
      throw new UserError(`缺少牵头单位：每项督办任务都要写明 牵头:<单位>。写法：${USAGE}`);
    }
    const lead = resolveLeadUnit(config, args.lead);
    const co = args.co ? resolveUnits(config, args.co).map((u) => u.id).filter((id) => id !== lead.id) : [];
    const deadline = resolveDeadline(args.deadline, ctx.today, ctx.calendar);
    if (!deadline.ok) throw new UserError(deadline.reason);
    const enterpriseIds = [...new Set(splitList(args.enterprises ?? '').map((ref) => findEnterprise(tx, ref).id))];
    const t = createTask(ctx, {
      content: args.content,
      leadUnitId: lead.id,
      coUnitIds: co,
      deadline: deadline.date,
      source: { kind: 'assigned', by: ctx.person.id },
      ...(matter ? { matter: matter.n } : {}),
      enterpriseIds,
    }, `办公室主任交办，牵头：${lead.name}`);
    ctx.reply(taskDetail(ctx, t, `已交办 ${t.id}，已通知牵头单位${t.coUnitIds.length ? '和协办单位' : ''}。${deadline.note ? `期限：${deadline.note}。` : ''}`));
  },
});

/** The configured units of the kinds a matter involves, or the document's own names when none is configured. */
function matterUnits(config: Config, matter: Matter): string {
  const units = config.units.filter((u) => matter.unitKinds.includes(u.kind)).map((u) => u.name);
  return units.length ? units.join('、') : matter.partners.join('、');
}
