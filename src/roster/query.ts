import type { Config } from '../config/config.ts';
import { UserError } from '../domain/errors.ts';
import { parseTier, tierDisplay, tierOf } from '../domain/tiers.ts';
import { findTrigger, TRIGGERS } from '../domain/triggers.ts';
import { activeSignals, byNumber } from '../store/enterprises.ts';
import type { Enterprise } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

export const ROSTER_SCOPES = ['在册', '观察', '已移出'] as const;
export type RosterScope = (typeof ROSTER_SCOPES)[number];

/** What `名册` (chat) and the dashboard's 名册 page filter by, as people write it. */
export interface RosterFilter {
  tier?: string | undefined;
  unit?: string | undefined;
  trigger?: string | undefined;
  scope?: RosterScope | undefined;
  /** A name fragment or a 统一社会信用代码 (the dashboard's search box). */
  text?: string | undefined;
}

export interface RosterResult {
  title: string;
  /** The filters in words, for the heading. */
  filters: string[];
  rows: Enterprise[];
}

/**
 * The roster rows a filter selects, sorted by number. Bad filter words become one Chinese
 * sentence (UserError), the same for the chat command and the dashboard.
 */
export function queryRoster(reader: StateReader, config: Config, f: RosterFilter): RosterResult {
  const filters: string[] = [];
  let tierN: number | 'none' | undefined;
  if (f.tier) {
    if (f.tier === '未分档') tierN = 'none';
    else {
      const t = parseTier(f.tier);
      if (!t.ok) throw new UserError(t.reason);
      tierN = t.tier.n;
    }
    filters.push(f.tier === '未分档' ? '未分档' : tierDisplay(tierOf(tierN as 1 | 2 | 3)));
  }
  const unit = f.unit ? config.findUnit(f.unit) : undefined;
  if (f.unit && !unit) throw new UserError(`没有找到成员单位“${f.unit}”。`);
  if (unit) filters.push(unit.name);
  let triggerCode: string | undefined;
  if (f.trigger) {
    const kinds = unit ? [unit.kind] : [...new Set(config.units.map((u) => u.kind))];
    const hit = kinds.map((k) => findTrigger(f.trigger!, k)).find((r) => r.ok);
    if (!hit?.ok) throw new UserError(`无法识别预警情形“${f.trigger}”。可用的有：${TRIGGERS.map((t) => t.aliases[0] ?? t.label).join('、')}。`);
    triggerCode = hit.trigger.code;
    filters.push(hit.trigger.label);
  }
  const text = f.text?.trim().toUpperCase();
  if (text) filters.push(`含“${f.text!.trim()}”`);
  const scope = f.scope ?? '在册';
  const rows = [...reader.values('enterprises')]
    .filter((e) => {
      if (text && !e.names.some((n) => n.toUpperCase().includes(text)) && e.uscc !== text) return false;
      const signals = activeSignals(e);
      if (scope === '已移出') return e.status === 'closed';
      if (e.status !== 'active') return false;
      if (scope === '观察' ? signals.length > 0 : signals.length === 0) return false;
      if (tierN === 'none' ? e.tier : tierN !== undefined && e.tier?.tier !== tierN) return false;
      if (unit && !signals.some((s) => s.unitId === unit.id)) return false;
      if (triggerCode && !signals.some((s) => s.trigger === triggerCode)) return false;
      return true;
    })
    .sort(byNumber);
  const title = scope === '在册' ? '困境企业名册' : scope === '观察' ? '观察名单' : '已移出名册的企业';
  return { title, filters, rows };
}

/** The units whose active signals list an enterprise, or what became of it. */
export function rosterUnits(config: Config, e: Enterprise): string {
  return [...new Set(activeSignals(e).map((s) => config.unitById(s.unitId)?.name ?? s.unitId))].join('、') || (e.outcome?.kind ?? '无预警信号');
}
