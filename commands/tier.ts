import { z } from 'zod';
import { defineCommand, type CommandContext } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { ROLE_LABELS } from '../src/core/permissions.ts';
import type { Unit } from '../src/domain/types.ts';
import { textField, tierField } from '../src/core/zod-fields.ts';
import { splitList } from '../src/domain/lists.ts';
import { tierFullDisplay, tierOf, type TierNumber } from '../src/domain/tiers.ts';
import { unitKindLabel } from '../src/domain/unit-kinds.ts';
import { render } from '../src/render/templates.ts';
import { displayName, findEnterprise, withHistory } from '../src/store/enterprises.ts';
import type { Enterprise } from '../src/store/model.ts';

const USAGE = '分档 <企业> 档:<一档|二档|三档，或 保|帮|关> 理由:<理由> [措施:<一企一策措施，逗号分隔>]';

interface Args {
  ref: string;
  tier: TierNumber;
  reason: string;
  measures?: string | undefined;
}

/**
 * 分档: the tier decision of 鹤岗 第六条 (一档/二档/三档), which is also the 保/帮/关 class of the
 * 金融风险 document, with the enterprise's own measures (一企一策, 第五条). The reply states the
 * standard treatment (第七条) and the units that carry it, and those units' liaisons are told.
 *
 * Who decides is configuration (`tierDeciders`, default the office director), so `audience`
 * lets every internal role through and the handler checks the config: a deployment that lets
 * its conveners decide needs no code change.
 */
export default defineCommand({
  name: '分档',
  aliases: ['定档', '分类处置'],
  summary: '确定企业的处置档次（一档保、二档帮、三档关）和一企一策措施（由办公室主任决定）',
  usage: USAGE,
  examples: ['分档 E12 档:2 理由:"有订单，资金链断裂" 措施:预重整,引入投资人', '分档 E7 档:保 理由:短期资金周转困难'],
  audience: ['liaison', 'director', 'convener', 'centerStaff', 'admin'],
  params: {
    ref: { label: '企业', positional: true, hint: '编号（如 E12）、名称或信用代码' },
    tier: { label: '档', aliases: ['档次', '分档', '类', '类别'], hint: '一档、二档、三档（或 1、2、3，保、帮、关）' },
    reason: { label: '理由', aliases: ['原因', '依据'], hint: '为什么定这一档' },
    measures: { label: '措施', aliases: ['一企一策', '举措'], hint: '一企一策措施，多项用逗号分开' },
  },
  schema: z.object({ ref: textField(100), tier: tierField, reason: textField(300), measures: textField(300).optional() }),
  confirm(ctx) {
    const e = prepare(ctx);
    if (!e.tier || e.tier.tier === ctx.args.tier) return undefined;
    return `${displayName(e)} 现为${tierFullDisplay(tierOf(e.tier.tier))}（${e.tier.reason}），确认改为${tierFullDisplay(tierOf(ctx.args.tier))}？`;
  },
  run(ctx) {
    const { args, config, person } = ctx;
    let e = prepare(ctx);
    const tier = tierOf(args.tier);
    const previous = e.tier && e.tier.tier !== args.tier ? tierFullDisplay(tierOf(e.tier.tier)) : '';
    const measures = args.measures ? splitList(args.measures).join('、') : '';
    const at = ctx.now.toISOString();
    const decision = { tier: args.tier, reason: args.reason, measures, by: person.id, at };
    e = { ...e, tier: decision, tierHistory: [...e.tierHistory, decision] };
    e = withHistory(e, at, person.id, `分档：${tierFullDisplay(tier)}${previous ? `（原为${previous}）` : ''}，理由：${args.reason}${measures ? `；一企一策：${measures}` : ''}`);
    ctx.tx.put('enterprises', e);

    const units = config.units.filter((u) => tier.unitKinds.includes(u.kind));
    const missing = tier.unitKinds.filter((k) => !units.some((u) => u.kind === k)).map(unitKindLabel);
    const notified = notifyUnits(ctx, e, units, measures);
    ctx.reply(
      render('tier-decision', {
        enterprise: displayName(e),
        tier: tierFullDisplay(tier),
        previous,
        reason: args.reason,
        measures,
        definition: tier.definition,
        treatment: tier.treatment,
        financeMeasures: tier.financeMeasures,
        units: units.map((u) => u.name).join('、'),
        notified,
        missing: missing.join('、'),
      }),
    );
  },
});

/** The enterprise, once the speaker is known to be a decider and the enterprise can be tiered. */
function prepare(ctx: CommandContext<Args>): Enterprise {
  const deciders = ctx.config.tierDeciders;
  if (!ctx.person.roles.some((r) => deciders.includes(r))) {
    throw new UserError(`分档由${deciders.map((r) => ROLE_LABELS[r]).join('、')}决定，您可以发“企业 <编号>”查看档案，或在会议中提出分档建议。`);
  }
  const e = findEnterprise(ctx.tx, ctx.args.ref);
  if (e.status === 'closed') throw new UserError(`${displayName(e)} 已移出名册，如需重新分档，请办公室主任先发“恢复 ${e.id}”。`);
  return e;
}

/** Tells the liaisons of the units that carry the tier's treatment; returns whether anyone was told. */
function notifyUnits(ctx: CommandContext<Args>, e: Enterprise, units: Unit[], measures: string): boolean {
  const tier = tierOf(ctx.args.tier);
  let told = false;
  for (const unit of units) {
    const to = ctx.config.liaisonsOf(unit.id).filter((p) => p.id !== ctx.person.id);
    if (to.length === 0) continue;
    told = true;
    ctx.push(
      to.map((p) => ({ kind: 'person' as const, personId: p.id })),
      render('tier-notice', {
        enterprise: displayName(e),
        id: e.id,
        tier: tierFullDisplay(tier),
        reason: ctx.args.reason,
        measures,
        treatment: tier.treatment,
        unit: unit.name,
      }),
    );
  }
  return told;
}
