import type { Config } from '../config/config.ts';
import { formatOfficialDateOf } from '../domain/dates.ts';
import { tierDisplay, tierOf } from '../domain/tiers.ts';
import { triggerByCode } from '../domain/triggers.ts';
import { activeSignals } from './enterprises.ts';
import type { Enterprise } from './model.ts';

const day = formatOfficialDateOf;

/** An enterprise's file in words: what `企业 E12` and the dashboard's 企业档案 both show. */
export function enterpriseFileFields(e: Enterprise, config: Config) {
  return {
    id: e.id,
    name: e.names[0] ?? '',
    otherNames: e.names.slice(1),
    uscc: e.uscc ?? '',
    profile: [e.region, e.industry, e.sizeClass && `${e.sizeClass}企业`].filter(Boolean).join(' · '),
    status: e.status === 'active' ? '在册' : `已移出（${e.outcome?.kind ?? ''}${e.outcome?.reason ? `：${e.outcome.reason}` : ''}）`,
    tier: e.tier ? `${tierDisplay(tierOf(e.tier.tier))}，${e.tier.reason}${e.tier.measures ? `；措施：${e.tier.measures}` : ''}（${day(e.tier.at)}）` : '',
    cases: e.cases ? `诉讼 ${e.cases.litigation} 件、执行 ${e.cases.enforcement} 件（${day(e.cases.at)}）${e.cases.alerted ? '，已达10件以上提示' : ''}` : '',
    signals: activeSignals(e).map((s) => ({
      unit: config.unitById(s.unitId)?.name ?? s.unitId,
      trigger: triggerByCode(s.trigger)?.label ?? s.trigger,
      detail: s.detail,
      date: day(s.at),
    })),
  };
}
