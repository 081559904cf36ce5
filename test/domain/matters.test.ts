import { describe, expect, it } from 'vitest';
import { findMatter, MATTERS, partnerKind } from '../../src/domain/matters.ts';

function nOf(text: string): number {
  const r = findMatter(text);
  if (!r.ok) throw new Error(r.reason);
  return r.matter.n;
}

describe('the catalogue of 附件2', () => {
  it('has the twelve matters in order with their short titles', () => {
    expect(MATTERS.map((m) => m.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(MATTERS.map((m) => m.title)).toEqual([
      '职工权益保障', '解除财产保全', '涉税事务', '土地房产处置', '招商引资', '破产重整',
      '打击逃废债', '维稳', '变更注销', '金融支持', '破产经费', '管理人履职',
    ]);
  });

  it('keeps the full text and the document unit names', () => {
    expect(MATTERS[1]!.text).toMatch(/^依法解除破产企业财产保全。协调有关单位在人民法院受理破产申请后/);
    expect(MATTERS[10]!.text).toContain('管理人报酬无法支付');
    expect(MATTERS[7]!.text).toContain('力度。公安机关'); // the stray space of the source is gone
    expect(MATTERS[0]!.partners).toEqual([
      '县法院', '县民政局', '县司法局', '县人力资源社会保障局', '市医疗保障局沂源分局', '县税务局',
    ]);
  });

  it('maps every document unit name to a unit kind', () => {
    for (const m of MATTERS) for (const p of m.partners) expect(partnerKind(p), p).toBeDefined();
  });

  it('derives the unit kinds of each matter, without duplicates', () => {
    const kinds = (n: number) => MATTERS[n - 1]!.unitKinds;
    expect(kinds(1)).toEqual(['court', 'other', 'hrss', 'medical', 'tax']);
    expect(kinds(2)).toEqual(['court', 'procuratorate', 'police', 'market', 'tax']);
    expect(kinds(3)).toEqual(['court', 'tax']);
    expect(kinds(4)).toEqual(['court', 'finance', 'nature', 'housing']);
    expect(kinds(5)).toEqual(['court', 'commerce']);
    // 发展改革局 and 金融发展促进中心 are both drc: listed once
    expect(kinds(6)).toEqual(['court', 'drc', 'market', 'tax', 'pboc']);
    expect(kinds(7)).toEqual(['court', 'procuratorate', 'police', 'drc', 'pboc']);
    expect(kinds(8)).toEqual(['court', 'police', 'petition']);
    expect(kinds(9)).toEqual(['court', 'approval', 'market', 'tax']);
    expect(kinds(10)).toEqual(['court', 'drc', 'pboc']);
    expect(kinds(11)).toEqual(['court', 'finance']);
    expect(kinds(12)).toEqual(['court', 'police', 'market', 'drc', 'tax']);
  });

  it('maps names as the brief lists them', () => {
    expect(partnerKind('中国人民银行沂源支行')).toBe('pboc');
    expect(partnerKind('县行政审批服务局')).toBe('approval');
    expect(partnerKind('县信访局')).toBe('petition');
    expect(partnerKind('县金融发展促进中心')).toBe('drc');
    expect(partnerKind('县司法局')).toBe('other');
    expect(partnerKind('县气象局')).toBeUndefined();
  });
});

describe('findMatter', () => {
  it.each([
    ['3', 3], ['第3项', 3], ['事项三', 3], ['十二', 12], ['１１', 11], ['第十项', 10],
  ])('finds %s by number', (text, n) => {
    expect(nOf(text)).toBe(n);
  });

  it('refuses a number outside 1–12', () => {
    expect(findMatter('13')).toEqual({ ok: false, reason: '协调事项的编号是1至12，没有第13项。' });
    expect(findMatter('0').ok).toBe(false);
  });

  it.each([
    ['维稳', 8],
    ['解除查封', 2],
    ['管理人报酬', 11],
    ['管理人', 12],
    ['土地增值税', 3],
    ['预重整', 6],
    ['信用修复', 6],
    ['税务注销', 9],
    ['逃废债', 7],
    ['职工安置', 1],
    ['招商引资', 5],
    ['金融支持', 10],
    ['不动产', 4],
    ['最低生活保障', 1],
    ['做好破产企业职工权益保障', 1],
  ])('finds %s by words → %i', (text, n) => {
    expect(nOf(text)).toBe(n);
  });

  it('falls back to the full text for a word that is not a keyword', () => {
    expect(nOf('核销')).toBe(1);
    expect(nOf('会计凭证')).toBe(7);
  });

  it('reports a tie instead of guessing', () => {
    const r = findMatter('税务变更'); // 税 (3) vs 变更 (9): 变更 is longer, so no tie
    expect(r.ok && r.matter.n).toBe(9);
    const tie = findMatter('查封土地'); // 查封 (2) vs 土地 (4)
    expect(tie.ok).toBe(false);
    if (!tie.ok) expect(tie.reason).toBe('“查封土地”可能是2.解除财产保全、4.土地房产处置，请写编号。');
  });

  it('lists the catalogue when nothing matches', () => {
    const r = findMatter('天气');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(/^无法确定“天气”属于哪项协调事项/);
      expect(r.reason).toContain('12.管理人履职');
    }
  });
});
