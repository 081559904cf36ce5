import { describe, expect, it } from 'vitest';
import { UNIT_KINDS, type UnitKind } from '../../src/domain/types.ts';
import {
  CASE_ALERT_THRESHOLD, caseCountAlert, findTrigger, triggerByCode, TRIGGERS, triggersFor,
} from '../../src/domain/triggers.ts';

function codeOf(word: string, kind: UnitKind): string {
  const r = findTrigger(word, kind);
  if (!r.ok) throw new Error(r.reason);
  return r.trigger.code;
}

describe('the trigger table', () => {
  it('has unique ascii codes and Chinese labels', () => {
    const codes = TRIGGERS.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const t of TRIGGERS) {
      expect(t.code).toMatch(/^[a-z_]+$/);
      expect(t.label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('never has the same alias twice among the triggers of one unit kind', () => {
    for (const kind of UNIT_KINDS) {
      const words = triggersFor(kind).flatMap((t) => [t.label, ...t.aliases]);
      expect(new Set(words).size, kind).toBe(words.length);
    }
  });

  it('gives each unit kind of 鹤岗 第四条 its triggers, and 其他 to everyone', () => {
    const codes = (k: UnitKind) => triggersFor(k).map((t) => t.code);
    expect(codes('court')).toEqual(['court_cases', 'court_ceasing', 'court_enforcement', 'other']);
    expect(codes('market')).toEqual(['market_credit_d', 'other']);
    expect(codes('tax')).toEqual(['tax_arrears', 'other']);
    expect(codes('hrss')).toEqual(['hrss_wages', 'hrss_social_insurance', 'other']);
    expect(codes('pboc')).toEqual(['finance_default', 'finance_committee', 'other']);
    expect(codes('nfra')).toEqual(['finance_default', 'finance_committee', 'other']);
    expect(codes('police')).toEqual(['other']);
    for (const kind of UNIT_KINDS) expect(codes(kind)).toContain('other');
  });

  it('marks only the 市场监管 D class as internal, and only 其他 as needing a detail', () => {
    expect(TRIGGERS.filter((t) => t.internal).map((t) => t.code)).toEqual(['market_credit_d']);
    expect(TRIGGERS.filter((t) => t.detailRequired).map((t) => t.code)).toEqual(['other']);
  });

  it('looks triggers up by code', () => {
    expect(triggerByCode('tax_arrears')?.label).toBe('欠税时间较长、运营状态不佳');
    expect(triggerByCode('nope')).toBeUndefined();
  });
});

describe('findTrigger', () => {
  it.each<[string, UnitKind, string]>([
    ['欠薪', 'hrss', 'hrss_wages'],
    ['拖欠工资', 'hrss', 'hrss_wages'],
    ['欠社保', 'hrss', 'hrss_social_insurance'],
    ['欠税', 'tax', 'tax_arrears'],
    ['d类', 'market', 'market_credit_d'],
    ['Ｄ类', 'market', 'market_credit_d'],
    ['债委会', 'nfra', 'finance_committee'],
    ['债委会', 'pboc', 'finance_committee'],
    ['贷款逾期', 'pboc', 'finance_default'],
    ['涉诉涉执', 'court', 'court_cases'],
    ['强制执行', 'court', 'court_enforcement'],
    ['停产', 'court', 'court_ceasing'],
    ['其他', 'police', 'other'],
    ['hrss_wages', 'hrss', 'hrss_wages'],
    ['长期欠薪', 'hrss', 'hrss_wages'],
  ])('%s from %s → %s', (word, kind, code) => {
    expect(codeOf(word, kind)).toBe(code);
  });

  it('accepts a longer phrase that contains exactly one alias', () => {
    expect(codeOf('拖欠工资3个月', 'hrss')).toBe('hrss_wages');
  });

  it('asks to pick one when a phrase names two triggers', () => {
    const r = findTrigger('拖欠工资和社保', 'hrss');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('长期欠薪或欠缴社保');
  });

  it('says whose trigger a word is when the unit may not use it', () => {
    const r = findTrigger('欠税', 'court');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(/^“欠税”是税务部门的预警情形，法院可用的情形有：/);
      expect(r.reason).toContain('涉诉涉执案件10件以上');
      expect(r.reason).toContain('其他情形');
      expect(r.reason).not.toContain('欠税时间较长');
    }
  });

  it('lists the valid triggers for an unknown word', () => {
    const r = findTrigger('天气不好', 'hrss');
    expect(r).toEqual({
      ok: false,
      reason: '无法识别预警情形“天气不好”，人力资源社会保障部门可用的情形有：长期欠薪（可写“欠薪”）、欠缴社保（可写“欠社保”）、其他情形（可写“其他”）。',
    });
  });

  it('asks for a trigger when the word is empty', () => {
    const r = findTrigger('  ', 'tax');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('请写明预警情形');
  });
});

describe('case-count alert', () => {
  it('raises at 10 litigation + enforcement cases, not at 9', () => {
    expect(CASE_ALERT_THRESHOLD).toBe(10);
    expect(caseCountAlert(8, 2)).toBe(true);
    expect(caseCountAlert(10, 0)).toBe(true);
    expect(caseCountAlert(5, 4)).toBe(false);
  });
});
