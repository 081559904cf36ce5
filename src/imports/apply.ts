/**
 * Applying a planned import inside one transaction: new enterprises get their chat ids, listed ones
 * get the unit's signal; every change writes a line "区税务局批量导入：欠税企业…" in the enterprise's
 * file. Profile fields (地区, 行业, 规模) fill what the roster does not know yet and never overwrite
 * what another unit or the office entered.
 */
import type { Unit } from '../domain/types.ts';
import { activeSignals, newEnterprise, withHistory } from '../store/enterprises.ts';
import type { Enterprise } from '../store/model.ts';
import type { Tx } from '../store/tx.ts';
import type { ImportPlan, PlannedEnterprise } from './plan.ts';

export interface ImportResult {
  added: string[];
  merged: string[];
}

function withProfile(e: Enterprise, p: PlannedEnterprise): Enterprise {
  const out = { ...e };
  if (p.profile.region && !out.region) out.region = p.profile.region;
  if (p.profile.industry && !out.industry) {
    out.industry = p.profile.industry;
    if (p.profile.sizeClass) out.sizeClass = p.profile.sizeClass;
    if (p.profile.figures) out.figures = { ...p.profile.figures };
  }
  return out;
}

function withSignals(e: Enterprise, p: PlannedEnterprise, unit: Unit, by: string, at: string): Enterprise {
  let out = e;
  for (const s of p.signals) {
    if (!activeSignals(out).some((x) => x.unitId === unit.id && x.trigger === s.trigger.code)) {
      out = { ...out, signals: [...out.signals, { unitId: unit.id, trigger: s.trigger.code, detail: s.detail, by, at }] };
    }
    out = withHistory(out, at, by, `${unit.name}批量导入：${s.trigger.label}${s.detail ? `（${s.detail}）` : ''}`);
  }
  return out;
}

export function applyImport(tx: Tx, plan: ImportPlan, unit: Unit, by: string, at: string): ImportResult {
  const result: ImportResult = { added: [], merged: [] };
  for (const p of plan.enterprises) {
    if (p.kind === 'add') {
      const e = newEnterprise(tx, p.name, p.code, at);
      tx.put('enterprises', withSignals(withProfile(e, p), p, unit, by, at));
      result.added.push(e.id);
      continue;
    }
    let e = tx.get('enterprises', p.enterpriseId!)!;
    if (!e.uscc) e = { ...e, uscc: p.code };
    if (!e.names.includes(p.name)) e = { ...e, names: [...e.names, p.name] };
    if (e.status === 'closed') e = { ...e, status: 'active' };
    tx.put('enterprises', withSignals(withProfile(e, p), p, unit, by, at));
    result.merged.push(e.id);
  }
  return result;
}
