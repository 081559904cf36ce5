/**
 * What a quarter's screening found, from the roster itself: the enterprises that came onto the
 * list in the quarter (by the date of their first signal), what each unit registered, and the
 * proposals for the joint meeting — enterprises listed but without a tier, and enterprises
 * flagged by several units (the 数据筛查对比 of 000 art. 5: several units seeing the same
 * enterprise in trouble is the strongest reason to discuss it).
 */
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { inPeriod, type Period } from '../domain/periods.ts';
import { tierOf } from '../domain/tiers.ts';
import { activeSignals, displayName } from '../store/enterprises.ts';
import type { Enterprise } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

export interface QuarterFindings {
  /** Enterprises whose first active signal falls in the quarter. */
  added: Enterprise[];
  /** Signals registered in the quarter, by unit id. */
  signalsByUnit: Map<string, number>;
  /** Active, listed, no tier decided. */
  untiered: Enterprise[];
  /** Active, with active signals from two or more units. */
  multiUnit: Enterprise[];
}

function firstSignalDate(e: Enterprise): string | undefined {
  const dates = activeSignals(e).map((s) => toShanghaiDate(new Date(s.at))).sort();
  return dates[0];
}

export function signalUnits(e: Enterprise): string[] {
  return [...new Set(activeSignals(e).map((s) => s.unitId))];
}

const byNumber = (a: Enterprise, b: Enterprise) => Number(a.id.slice(1)) - Number(b.id.slice(1));

export function quarterFindings(reader: StateReader, q: Period): QuarterFindings {
  const added: Enterprise[] = [];
  const untiered: Enterprise[] = [];
  const multiUnit: Enterprise[] = [];
  const signalsByUnit = new Map<string, number>();
  for (const e of reader.values('enterprises')) {
    for (const s of activeSignals(e)) {
      if (inPeriod(toShanghaiDate(new Date(s.at)), q)) signalsByUnit.set(s.unitId, (signalsByUnit.get(s.unitId) ?? 0) + 1);
    }
    if (e.status !== 'active' || activeSignals(e).length === 0) continue;
    const first = firstSignalDate(e);
    if (first && inPeriod(first, q)) added.push(e);
    if (!e.tier) untiered.push(e);
    if (signalUnits(e).length >= 2) multiUnit.push(e);
  }
  return { added: added.sort(byNumber), signalsByUnit, untiered: untiered.sort(byNumber), multiUnit: multiUnit.sort(byNumber) };
}

/** "E12 某某机械有限公司（区税务局、区人社局）[二档]" */
export function enterpriseLine(e: Enterprise, unitName: (id: string) => string, withTier = false): string {
  const units = signalUnits(e).map(unitName).join('、');
  const tier = withTier && e.tier ? ` [${tierOf(e.tier.tier).label}]` : '';
  return `${displayName(e)}${units ? `（${units}）` : ''}${tier}`;
}
