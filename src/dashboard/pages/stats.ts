/** 统计: the headline figures of `统计` for any period, and the charts' data. */
import { unitName } from '../../core/unit-list.ts';
import { toShanghaiDate } from '../../domain/calendar/shanghai.ts';
import { formatOfficialDate } from '../../domain/dates.ts';
import { taskFigures } from '../../domain/headline-stats.ts';
import { formatWan } from '../../domain/money.ts';
import { periodStats } from '../../store/period-stats.ts';
import { TIERS, tierDisplay } from '../../domain/tiers.ts';
import { activeSignals } from '../../store/enterprises.ts';
import type { DashboardView } from '../view.ts';

const MONTHS = 12;

export function statsPage(view: DashboardView, period: { from: string; to: string }) {
  const s = periodStats(view.tx, period);
  const f = s.figures;
  return {
    period,
    periodText: `${formatOfficialDate(period.from)}至${formatOfficialDate(period.to)}`,
    headline: [
      { label: '新列入名册', value: `${s.listed}家` },
      { label: '目前在册', value: `${s.onRosterNow}家` },
      { label: '帮扶脱困', value: `${s.helped}家` },
      { label: '出清退出', value: `${s.cleared}家` },
      { label: '盘活资产', value: formatWan(f.assetsWan) },
      { label: '追回欠薪', value: formatWan(f.wagesWan) },
      { label: '化解债务', value: formatWan(f.debtWan) },
      { label: '信用修复', value: `${s.creditRepairs.done}家` },
      ...(s.tasks ? [{ label: '督办任务（交办/办结）', value: `${s.tasks.given}/${s.tasks.done}` }] : []),
    ],
    charts: {
      onTime: onTimeByUnit(view, period),
      flow: flowByMonth(view, period.to),
      tiers: tierDistribution(view),
    },
  };
}

/** 按期办结率 per lead unit, of the tasks given in the period and done (as 统计 counts them). */
function onTimeByUnit(view: DashboardView, period: { from: string; to: string }) {
  const byUnit = new Map<string, unknown[]>();
  for (const t of view.tx.values('tasks')) byUnit.set(t.leadUnitId, [...(byUnit.get(t.leadUnitId) ?? []), t]);
  const rows = [...byUnit].map(([unitId, tasks]) => {
    const fig = taskFigures(tasks, period);
    const timed = fig.done - fig.unknownTiming;
    return { unit: unitName(view.config, unitId), rate: timed > 0 ? Math.round((fig.onTime / timed) * 100) : null };
  });
  const shown = rows.filter((r) => r.rate !== null);
  return { units: shown.map((r) => r.unit), rates: shown.map((r) => r.rate) };
}

/** Listings (first active signal) and exits (removals not revoked) per month, the 12 months up to `to`. */
function flowByMonth(view: DashboardView, to: string) {
  const months: string[] = [];
  let [y, m] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  for (let i = 0; i < MONTHS; i++) {
    months.unshift(`${y}-${String(m).padStart(2, '0')}`);
    [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
  }
  const index = new Map(months.map((mo, i) => [mo, i]));
  const inflow = months.map(() => 0);
  const outflow = months.map(() => 0);
  const monthOf = (iso: string) => toShanghaiDate(new Date(iso)).slice(0, 7);
  for (const e of view.tx.values('enterprises')) {
    const first = activeSignals(e).reduce<string | undefined>((a, s) => (a === undefined || s.at < a ? s.at : a), undefined);
    const i = first ? index.get(monthOf(first)) : undefined;
    if (i !== undefined) inflow[i]!++;
  }
  for (const o of view.tx.values('outcomes')) {
    const i = o.revokedAt ? undefined : index.get(monthOf(o.at));
    if (i !== undefined) outflow[i]!++;
  }
  return { months: months.map((mo) => `${Number(mo.slice(5))}月`), inflow, outflow };
}

function tierDistribution(view: DashboardView) {
  const counts = new Map<number, number>();
  for (const e of view.tx.values('enterprises')) {
    if (e.status !== 'active' || activeSignals(e).length === 0) continue;
    counts.set(e.tier?.tier ?? 0, (counts.get(e.tier?.tier ?? 0) ?? 0) + 1);
  }
  return [...TIERS.map((t) => ({ name: tierDisplay(t), value: counts.get(t.n) ?? 0 })), { name: '未分档', value: counts.get(0) ?? 0 }];
}
