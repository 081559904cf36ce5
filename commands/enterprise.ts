import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { formatOfficialDateOf } from '../src/domain/dates.ts';
import { tierDisplay, tierOf } from '../src/domain/tiers.ts';
import { triggerByCode } from '../src/domain/triggers.ts';
import { safe } from '../src/render/escape.ts';
import { render } from '../src/render/templates.ts';
import { activeSignals, findEnterprise } from '../src/store/enterprises.ts';
import { enterpriseFileExtras } from '../src/store/enterprise-extras.ts';

const day = formatOfficialDateOf;

/** 企业: one enterprise's file — signals by unit, tier, cases, and its history. */
export default defineCommand({
  name: '企业',
  aliases: ['查企业', '档案'],
  summary: '查看一家企业的档案：各单位预警信号、分档、案件数和处理记录',
  usage: '企业 <编号|名称|信用代码>',
  examples: ['企业 E12', '企业 某某机械'],
  audience: ['liaison', 'director', 'convener', 'centerStaff', 'admin'],
  params: { ref: { label: '企业', positional: true, hint: '编号（如 E12）、名称或信用代码' } },
  schema: z.object({ ref: z.string() }),
  run(ctx) {
    const e = findEnterprise(ctx.tx, ctx.args.ref);
    const { config } = ctx;
    const signals = activeSignals(e).map((s) => ({
      unit: config.unitById(s.unitId)?.name ?? s.unitId,
      trigger: triggerByCode(s.trigger)?.label ?? s.trigger,
      detail: s.detail,
      date: day(s.at),
    }));
    const profile = [e.region, e.industry, e.sizeClass && `${e.sizeClass}企业`].filter(Boolean).join(' · ');
    const status = e.status === 'active' ? '在册' : `已移出（${e.outcome?.kind ?? ''}${e.outcome?.reason ? `：${e.outcome.reason}` : ''}）`;
    const tier = e.tier ? `${tierDisplay(tierOf(e.tier.tier))}，${e.tier.reason}${e.tier.measures ? `；措施：${e.tier.measures}` : ''}（${day(e.tier.at)}）` : '';
    const cases = e.cases ? `诉讼 ${e.cases.litigation} 件、执行 ${e.cases.enforcement} 件（${day(e.cases.at)}）${e.cases.alerted ? '，已达10件以上提示' : ''}` : '';
    const extra = enterpriseFileExtras(ctx.tx, e, config);
    ctx.reply(
      render('enterprise-file', {
        id: e.id,
        name: e.names[0] ?? '',
        otherNames: e.names.slice(1),
        uscc: e.uscc ?? '',
        profile,
        status,
        tier,
        signalCount: signals.length,
        signals,
        cases,
        extra: extra ? safe(extra) : '',
        history: e.history.slice(-8).map((h) => ({ date: day(h.at), text: h.text })),
      }),
    );
  },
});
