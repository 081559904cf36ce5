import { z } from 'zod';
import { defineCommand, type CommandContext, type ParamSpec } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { figureField, textField } from '../src/core/zod-fields.ts';
import { type FigureKey, type Figures, FIGURES, figureSpec, formatFigures } from '../src/domain/outcome-figures.ts';
import { OUTCOME_KINDS, type OutcomeKind, outcomeNeedsReason } from '../src/domain/outcomes.ts';
import { escapeChatText as esc } from '../src/render/escape.ts';
import { activeSignals, displayName, findEnterprise, withHistory } from '../src/store/enterprises.ts';
import type { Enterprise } from '../src/store/model.ts';

const USAGE = '移出 <企业> 结果:<脱困|重整成功|和解成功|清算出清|注销|移出> [理由:<说明>] [化解债务:<万元>] [职工:<人>] [追回工资:<万元>] [盘活资产:<万元>] [土地:<亩>] [厂房:<平方米>]';

const figureParam = (key: FigureKey): ParamSpec => {
  const f = figureSpec(key);
  return { label: f.label, aliases: f.aliases, hint: f.hint };
};

type Args = { ref: string; kind: OutcomeKind; reason?: string | undefined } & { [K in FigureKey]?: number | undefined };

/**
 * 移出: an enterprise leaves the dynamic roster (鹤岗 第五条) with its outcome and the figures the
 * mechanism reports (东莞: 盘活资产, 释放土地厂房, 追回欠薪). Hard to undo, so it asks first. The file
 * stays; the enterprise can come back (恢复, or a unit's new 登记).
 */
export default defineCommand({
  name: '移出',
  aliases: ['出库', '移出名册'],
  summary: '（办公室主任）企业移出名册并记录结果和成效（化解债务、追回欠薪、盘活资产等）',
  usage: USAGE,
  examples: ['移出 E12 结果:重整成功 化解债务:3000万 职工:120 盘活资产:1.2亿', '移出 E5 结果:清算出清 土地:30亩 厂房:5000平方米', '移出 E9 结果:移出 理由:已迁出本区'],
  audience: ['director'],
  params: {
    ref: { label: '企业', positional: true, hint: '编号（如 E12）、名称或信用代码' },
    kind: { label: '结果', aliases: ['结局', '方式'], hint: OUTCOME_KINDS.join('、') },
    reason: { label: '理由', aliases: ['原因', '说明'], hint: '说明；结果为“移出”时必填' },
    debtWan: figureParam('debtWan'),
    workers: figureParam('workers'),
    wagesWan: figureParam('wagesWan'),
    assetsWan: figureParam('assetsWan'),
    landMu: figureParam('landMu'),
    buildingSqm: figureParam('buildingSqm'),
  },
  schema: z.object({
    ref: textField(100),
    kind: z.enum(OUTCOME_KINDS),
    reason: textField(300).optional(),
    debtWan: figureField('debtWan').optional(),
    workers: figureField('workers').optional(),
    wagesWan: figureField('wagesWan').optional(),
    assetsWan: figureField('assetsWan').optional(),
    landMu: figureField('landMu').optional(),
    buildingSqm: figureField('buildingSqm').optional(),
  }),
  confirm(ctx) {
    const e = prepare(ctx);
    const figures = formatFigures(figuresOf(ctx.args));
    return `确认将 ${displayName(e)} 移出名册？结果：${ctx.args.kind}${ctx.args.reason ? `（${ctx.args.reason}）` : ''}${figures ? `；${figures}` : ''}。移出后不再列入在册名单，档案保留，可用“恢复 ${e.id}”撤销。`;
  },
  run(ctx) {
    const { args, person, tx } = ctx;
    let e = prepare(ctx);
    const at = ctx.now.toISOString();
    const figures = figuresOf(args);
    const text = formatFigures(figures);
    const outcome = { kind: args.kind, ...(args.reason ? { reason: args.reason } : {}), at, by: person.id, figures: figures as Record<string, number> };
    tx.put('outcomes', { id: tx.nextId('OC'), enterpriseId: e.id, ...outcome, ...(e.tier ? { tier: e.tier.tier } : {}) });
    e = { ...e, status: 'closed', outcome };
    e = withHistory(e, at, person.id, `移出名册：${args.kind}${args.reason ? `（${args.reason}）` : ''}${text ? `；${text}` : ''}`);
    tx.put('enterprises', e);
    ctx.reply(`已移出名册：${displayName(e)}\n结果：${args.kind}${args.reason ? `（${args.reason}）` : ''}${text ? `\n成效：${text}` : ''}\n档案保留；如需撤销，发“恢复 ${e.id}”。`);

    const unitIds = [...new Set(activeSignals(e).map((s) => s.unitId))];
    const to = unitIds.flatMap((id) => ctx.config.liaisonsOf(id)).filter((p) => p.id !== person.id);
    if (to.length > 0) {
      ctx.push(
        to.map((p) => ({ kind: 'person' as const, personId: p.id })),
        `【名册变动】${esc(displayName(e))} 已移出名册：${args.kind}${args.reason ? `（${esc(args.reason)}）` : ''}。档案保留，查看：企业 ${e.id}`,
      );
    }
  },
});

/** Checked before the question and again when it is confirmed (things may change in between). */
function prepare(ctx: CommandContext<Args>): Enterprise {
  const e = findEnterprise(ctx.tx, ctx.args.ref);
  if (e.status === 'closed') {
    throw new UserError(`${displayName(e)} 已于此前移出名册（${e.outcome?.kind ?? '已移出'}），无需再次移出；如需撤销，发“恢复 ${e.id}”。`);
  }
  if (outcomeNeedsReason(ctx.args.kind) && !ctx.args.reason) {
    throw new UserError(`结果为“移出”时请写明理由，例如 移出 ${e.id} 结果:移出 理由:已迁出本区。`);
  }
  return e;
}

function figuresOf(args: Args): Figures {
  const out: Figures = {};
  for (const f of FIGURES) {
    const v = args[f.key];
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}
