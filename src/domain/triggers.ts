/**
 * The listing triggers (预警情形) of 鹤岗《关于建立困境中小微企业识别机制的实施意见》第四条: which
 * member unit may put an enterprise on the distressed-SME list, and for what. A signal always
 * names one of these; `other` lets any unit report what the document did not foresee, with a
 * detail that says what it is.
 */
import { UNIT_KINDS, type UnitKind } from './types.ts';
import { compact } from './text.ts';
import { UNIT_KIND_LABELS } from './unit-kinds.ts';

/** 10 or more litigation + enforcement cases raise the alert ("10 件以上" includes 10). */
export const CASE_ALERT_THRESHOLD = 10;

export interface Trigger {
  /** Stable ASCII id stored with signals. */
  code: string;
  /** The document's wording, shown in rosters and files. */
  label: string;
  /** Short words people type for it. */
  aliases: readonly string[];
  /** Unit kinds that may raise it. */
  unitKinds: readonly UnitKind[];
  /**
   * Internal to the authorities: 市场监管's risk class is "配置监管资源的内部参考依据，不是对企业的信用评价",
   * so it is never shown to the enterprise or third parties.
   */
  internal: boolean;
  /** A free-text detail is required (the generic 其他情形 says nothing by itself). */
  detailRequired: boolean;
  /** Where the trigger comes from. */
  basis: string;
}

const BASIS = '鹤岗实施意见第四条';

const t = (
  code: string, label: string, aliases: string[], unitKinds: readonly UnitKind[],
  extra: Partial<Pick<Trigger, 'internal' | 'detailRequired' | 'basis'>> = {},
): Trigger => ({ code, label, aliases, unitKinds, internal: false, detailRequired: false, basis: BASIS, ...extra });

export const TRIGGERS: readonly Trigger[] = [
  t('court_cases', `涉诉涉执案件${CASE_ALERT_THRESHOLD}件以上`,
    ['涉诉涉执', '涉诉', '涉执', '案件多', '高频涉诉', '10件以上'], ['court']),
  t('court_ceasing', '即将停止经营且近期无力恢复经营',
    ['即将停止经营', '停止经营', '即将停业', '停产', '无力恢复经营'], ['court']),
  t('court_enforcement', '强制执行将直接导致企业停止经营',
    ['强制执行', '执行导致停业', '执行停业', '善意执行'], ['court']),
  t('market_credit_d', '信用风险高（D类）',
    ['D类', '信用风险D类', '信用风险高', '信用风险', '高风险'], ['market'], { internal: true }),
  t('tax_arrears', '欠税时间较长、运营状态不佳',
    ['欠税', '长期欠税', '欠缴税款', '拖欠税款'], ['tax']),
  t('hrss_wages', '长期欠薪',
    ['欠薪', '拖欠工资', '欠工资', '拖欠薪资'], ['hrss']),
  t('hrss_social_insurance', '欠缴社保',
    ['欠社保', '社保欠费', '欠缴社会保险', '社保'], ['hrss']),
  t('finance_default', '存在严重影响按约偿还金融机构债务的情形',
    ['严重影响偿还金融债务', '金融债务', '偿债困难', '贷款逾期', '逾期', '违约', '不能还贷'], ['pboc', 'nfra']),
  t('finance_committee', '已成立债委会',
    ['债委会', '债权人委员会', '金融机构债权人委员会'], ['pboc', 'nfra']),
  t('other', '其他情形', ['其他', '其它'], UNIT_KINDS, {
    detailRequired: true,
    basis: '成员单位认为需要纳入名单的其他情形',
  }),
];

export type TriggerLookup = { ok: true; trigger: Trigger } | { ok: false; reason: string };

/** The triggers a unit of this kind may raise, in document order (其他情形 last). */
export function triggersFor(unitKind: UnitKind): Trigger[] {
  return TRIGGERS.filter((tr) => tr.unitKinds.includes(unitKind));
}

export function triggerByCode(code: string): Trigger | undefined {
  return TRIGGERS.find((tr) => tr.code === code);
}

function matchesExactly(tr: Trigger, key: string): boolean {
  return [tr.code, tr.label, ...tr.aliases].some((w) => compact(w).toUpperCase() === key);
}

/** Loose match: the typed word contains an alias ("拖欠工资3个月") or is a part of the label. */
function matchesLoosely(tr: Trigger, key: string): boolean {
  if (key.length < 2) return false;
  return tr.aliases.some((a) => key.includes(compact(a).toUpperCase())) || compact(tr.label).toUpperCase().includes(key);
}

function listFor(unitKind: UnitKind): string {
  // The label as in the document, then the shortest word that selects it.
  return triggersFor(unitKind).map((tr) => `${tr.label}（可写“${tr.aliases[0]}”）`).join('、');
}

/**
 * Finds the trigger a liaison typed, within the triggers of the liaison's unit kind. A word that
 * belongs to another unit kind gets a reason naming that kind, so the liaison knows why.
 */
export function findTrigger(word: string, unitKind: UnitKind): TriggerLookup {
  const key = compact(word).toUpperCase();
  const valid = triggersFor(unitKind);
  const kindLabel = UNIT_KIND_LABELS[unitKind];
  if (key === '') {
    return { ok: false, reason: `请写明预警情形，${kindLabel}可用的情形有：${listFor(unitKind)}。` };
  }
  const exact = valid.find((tr) => matchesExactly(tr, key));
  if (exact) return { ok: true, trigger: exact };
  const loose = valid.filter((tr) => tr.code !== 'other' && matchesLoosely(tr, key));
  if (loose.length === 1) return { ok: true, trigger: loose[0]! };
  if (loose.length > 1) {
    return {
      ok: false,
      reason: `“${word.trim()}”可能是${loose.map((tr) => tr.label).join('或')}，请只写一种情形（另一种可再登记一次）。`,
    };
  }

  const elsewhere = TRIGGERS.find((tr) => !tr.unitKinds.includes(unitKind) && matchesExactly(tr, key));
  if (elsewhere) {
    const owners = elsewhere.unitKinds.map((k) => UNIT_KIND_LABELS[k]).join('或');
    return {
      ok: false,
      reason: `“${word.trim()}”是${owners}的预警情形，${kindLabel}可用的情形有：${listFor(unitKind)}。`,
    };
  }
  return {
    ok: false,
    reason: `无法识别预警情形“${word.trim()}”，${kindLabel}可用的情形有：${listFor(unitKind)}。`,
  };
}

/** Whether litigation + enforcement case counts reach the alert threshold (鹤岗 第四条). */
export function caseCountAlert(litigation: number, enforcement: number): boolean {
  return litigation + enforcement >= CASE_ALERT_THRESHOLD;
}
