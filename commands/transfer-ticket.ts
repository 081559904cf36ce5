import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { resolveUnit } from '../src/core/unit-list.ts';
import { textField } from '../src/core/zod-fields.ts';
import { enterpriseSummary } from '../src/intake/link.ts';
import { categoryLabel, unitRecipients } from '../src/intake/notices.ts';
import { customerTexts, loadTicket, step } from '../src/intake/tickets.ts';
import { ticketDetail } from '../src/intake/view.ts';
import { render } from '../src/render/templates.ts';

const USAGE = '转办 <诉求编号> 单位:<成员单位> [说明:<给承办单位的说明>]';

/**
 * 转办: the center routes a request to a member unit (税务、人社、人民银行 …). The unit's liaisons
 * are told, with what the enterprise wrote, and answer the enterprise through the bot with
 * 回复 Q12 …; the 说明 stays internal.
 */
export default defineCommand({
  name: '转办',
  aliases: ['转交', '交办诉求'],
  summary: '把企业诉求转给成员单位协同办理（单位联络员可直接答复企业）',
  usage: USAGE,
  examples: ['转办 Q12 单位:税务局 说明:"请核实欠税情况，答复能否分期缴纳"'],
  audience: ['centerStaff', 'director'],
  params: {
    ref: { label: '诉求', positional: true, hint: '诉求编号，如 Q12' },
    unit: { label: '单位', aliases: ['承办单位'], hint: '成员单位简称，如 税务局、人社局' },
    note: { label: '说明', aliases: ['要求'], hint: '给承办单位的说明（企业看不到）' },
  },
  schema: z.object({ ref: z.string(), unit: z.string(), note: textField(300).optional() }),
  run(ctx) {
    const { tx, person, config, now, args } = ctx;
    const t = loadTicket(tx, args.ref, USAGE);
    if (t.state === '已办结') throw new UserError(`${t.id} 已经办结，不能再转办。`);
    const unit = resolveUnit(config, args.unit);
    if (t.assignedUnitId === unit.id && !args.note) throw new UserError(`${t.id} 已转${unit.name}办理。`);
    const liaisons = config.liaisonsOf(unit.id);
    if (liaisons.length === 0) throw new UserError(`${unit.name}还没有配置联络员，无法转办。请联系系统管理员在配置中添加。`);
    const at = now.toISOString();
    const previous = t.assignedUnitId && t.assignedUnitId !== unit.id ? config.unitById(t.assignedUnitId)?.name : undefined;
    t.assignedUnitId = unit.id;
    if (args.note) t.assignNote = args.note;
    else delete t.assignNote;
    t.state = '已转办';
    step(t, at, person.id, `${person.name}转${unit.name}办理${previous ? `（原承办：${previous}）` : ''}${args.note ? `：${args.note}` : ''}`);
    tx.put('tickets', t);
    ctx.push(
      unitRecipients(config, unit.id),
      render('ticket-transfer', {
        id: t.id,
        category: categoryLabel(t),
        unit: unit.name,
        enterprise: t.enterpriseId ? enterpriseSummary(tx, config, t.enterpriseId) : '',
        texts: customerTexts(t),
        note: args.note ?? '',
      }),
    );
    ctx.reply(ticketDetail(tx, config, t, now, `已转${unit.name}办理 ${t.id}，已通知该单位联络员（${liaisons.map((p) => p.name).join('、')}）。`));
  },
});
