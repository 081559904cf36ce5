import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/domain/errors.ts';
import { formatOfficialDate } from '../src/domain/dates.ts';
import { STATS_USAGE, statsPeriod } from '../src/domain/stats-period.ts';
import { periodStats } from '../src/store/period-stats.ts';
import { type TierRow } from '../src/domain/headline-stats.ts';
import { formatWan } from '../src/domain/money.ts';
import { SQM_PER_MU, totalAreaSqm } from '../src/domain/outcome-figures.ts';
import { CLEARED_KINDS, HELPED_KINDS, type OutcomeKind } from '../src/domain/outcomes.ts';
import { REPAIR_TARGET_DAYS } from '../src/domain/credit-repair.ts';
import { tierDisplay, tierOf } from '../src/domain/tiers.ts';
import { render } from '../src/render/templates.ts';

const USAGE = STATS_USAGE;

/**
 * 统计: the mechanism's headline figures for a period, worded the way the 东莞 纾困中心 reports
 * (004). Default period: this year up to today. What each figure counts is in headline-stats.ts.
 */
export default defineCommand({
  name: '统计',
  aliases: ['成效', '工作成效'],
  summary: '查看一段时间的工作成效：列入、脱困、出清、盘活资产、追回欠薪、信用修复、督办',
  usage: USAGE,
  examples: ['统计', '统计 从:2026-01-01 至:2026-06-30'],
  audience: ['director', 'convener', 'admin'],
  params: {
    from: { label: '从', aliases: ['自', '开始'], hint: '开始日期，默认今年1月1日' },
    to: { label: '至', aliases: ['到', '截至', '结束'], hint: '结束日期，默认今天' },
  },
  schema: z.object({ from: z.string().optional(), to: z.string().optional() }),
  run(ctx) {
    const { args, tx, today } = ctx;
    const { from, to } = statsPeriod(args.from, args.to, today);

    const s = periodStats(tx, { from, to });
    const breakdown = (kinds: readonly OutcomeKind[], by: Partial<Record<OutcomeKind, number>>) =>
      kinds.filter((k) => by[k]).map((k) => `${k}${by[k]}家`).join('、');
    const f = s.figures;
    ctx.reply(
      render('statistics', {
        mechanism: ctx.config.mechanism.name,
        from: formatOfficialDate(from),
        to: formatOfficialDate(to),
        listed: s.listed,
        onRosterNow: s.onRosterNow,
        helped: s.helped,
        helpedBreakdown: breakdown(HELPED_KINDS, s.helpedByKind),
        cleared: s.cleared,
        clearedBreakdown: breakdown(CLEARED_KINDS, s.clearedByKind),
        otherRemoved: s.otherRemoved,
        assets: formatWan(f.assetsWan),
        hasArea: f.landMu > 0 || f.buildingSqm > 0,
        land: round(f.landMu),
        building: round(f.buildingSqm),
        area: Math.round(totalAreaSqm(f)),
        sqmPerMu: round(SQM_PER_MU),
        wages: formatWan(f.wagesWan),
        wageWorkers: s.wageWorkers,
        debt: formatWan(f.debtWan),
        repairs: s.creditRepairs.done,
        repairAverage: s.creditRepairs.averageDays,
        repairWithin: s.creditRepairs.withinWeek,
        repairTarget: REPAIR_TARGET_DAYS,
        repairOpen: s.creditRepairs.openNow,
        tasks: s.tasks,
        taskRate: s.tasks && s.tasks.done - s.tasks.unknownTiming > 0 ? `${Math.round((s.tasks.onTime / (s.tasks.done - s.tasks.unknownTiming)) * 100)}%` : '',
        tiers: s.byTier.map((r: TierRow) => ({ ...r, label: r.tier ? tierDisplay(tierOf(r.tier)) : '未分档' })).filter((r) => r.listed + r.helped + r.cleared > 0),
      }),
    );
  },
});

const round = (n: number) => Math.round(n * 100) / 100;
