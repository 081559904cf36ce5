/** 名册: the roster query of the chat command with a search box, filters and pages. */
import { UserError } from '../../domain/errors.ts';
import { tierOf, TIERS, tierDisplay } from '../../domain/tiers.ts';
import { TRIGGERS } from '../../domain/triggers.ts';
import { queryRoster, ROSTER_SCOPES, type RosterFilter, type RosterScope, rosterUnits } from '../../roster/query.ts';
import type { DashboardView } from '../view.ts';

export const ROSTER_PAGE = 30;

export interface RosterQuery extends RosterFilter {
  page: number;
}

/** The query string as the form sends it; unknown scope words are dropped, not guessed. */
export function rosterQueryOf(q: Record<string, string | string[] | undefined>): RosterQuery {
  const one = (k: string) => {
    const v = q[k];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    return s ? s.slice(0, 60) : undefined;
  };
  const scope = one('scope');
  return {
    text: one('q'),
    tier: one('tier'),
    unit: one('unit'),
    trigger: one('trigger'),
    scope: ROSTER_SCOPES.includes(scope as RosterScope) ? (scope as RosterScope) : undefined,
    page: Math.max(1, Math.min(10_000, Number.parseInt(one('page') ?? '1', 10) || 1)),
  };
}

export function rosterPage(view: DashboardView, query: RosterQuery) {
  const options = {
    tiers: [...TIERS.map((t) => ({ value: String(t.n), label: tierDisplay(t) })), { value: '未分档', label: '未分档' }],
    units: view.config.units.map((u) => ({ value: u.id, label: u.name })),
    triggers: TRIGGERS.map((t) => ({ value: t.label, label: t.label })),
    scopes: ROSTER_SCOPES.map((s) => ({ value: s, label: s })),
  };
  let result;
  try {
    result = queryRoster(view.tx, view.config, query);
  } catch (err) {
    if (err instanceof UserError) return { query, options, error: err.message, title: '困境企业名册', filters: '', total: 0, rows: [], page: 1, pages: 1 };
    throw err;
  }
  const pages = Math.max(1, Math.ceil(result.rows.length / ROSTER_PAGE));
  const page = Math.min(query.page, pages);
  return {
    query,
    options,
    error: '',
    title: result.title,
    filters: result.filters.join('，'),
    total: result.rows.length,
    page,
    pages,
    rows: result.rows.slice((page - 1) * ROSTER_PAGE, page * ROSTER_PAGE).map((e) => ({
      id: e.id,
      name: e.names[0] ?? '',
      uscc: e.uscc ?? '',
      tier: e.tier ? tierOf(e.tier.tier).label : '',
      units: rosterUnits(view.config, e),
    })),
  };
}
