import { describe, expect, it } from 'vitest';
import { classifySize, findIndustry, INDUSTRIES, isSme, type SizeInput } from '../../src/domain/size-class.ts';

function sizeOf(input: SizeInput): string {
  const r = classifySize(input);
  if (!r.ok) throw new Error(r.reason);
  return r.size;
}

describe('industries', () => {
  it('has the 16 industries of the 2011 standard with unique names and aliases', () => {
    expect(INDUSTRIES).toHaveLength(16);
    const words = INDUSTRIES.flatMap((i) => [i.name, ...i.aliases]);
    expect(new Set(words).size).toBe(words.length);
  });

  it.each([
    ['制造业', '工业'],
    ['工业', '工业'],
    [' 软件 ', '软件和信息技术服务业'],
    ['it', '软件和信息技术服务业'],
    ['农林牧渔业', '农、林、牧、渔业'],
    ['房地产', '房地产开发经营'],
    ['物业', '物业管理'],
    ['其他', '其他未列明行业'],
  ])('finds %s as %s', (word, name) => {
    expect(findIndustry(word)?.name).toBe(name);
  });

  it('does not guess an unknown industry', () => {
    expect(findIndustry('航天')).toBeUndefined();
  });
});

describe('classifySize: 工业 (X 人 and Y 万元)', () => {
  it.each<[number, number, string]>([
    [1000, 40000, '大型'], // exactly at the large bounds: "以上" includes the number
    [999, 40000, '中型'],
    [1000, 39999, '中型'],
    [300, 2000, '中型'],
    [299, 2000, '小型'],
    [300, 1999, '小型'],
    [20, 300, '小型'],
    [19, 300, '微型'],
    [20, 299, '微型'],
    [5000, 100, '微型'], // many staff but tiny revenue: 微型 needs only one indicator
    [0, 0, '微型'],
  ])('X=%i Y=%i → %s', (employees, revenueWan, size) => {
    expect(sizeOf({ industry: '工业', employees, revenueWan })).toBe(size);
  });
});

describe('classifySize: the other indicator pairs', () => {
  it('农、林、牧、渔业 uses revenue only', () => {
    expect(sizeOf({ industry: '农业', revenueWan: 20000 })).toBe('大型');
    expect(sizeOf({ industry: '农业', revenueWan: 500 })).toBe('中型');
    expect(sizeOf({ industry: '农业', revenueWan: 499 })).toBe('小型');
    expect(sizeOf({ industry: '农业', revenueWan: 50 })).toBe('小型');
    expect(sizeOf({ industry: '农业', revenueWan: 49.9 })).toBe('微型');
  });

  it('建筑业 uses revenue and assets', () => {
    expect(sizeOf({ industry: '建筑业', revenueWan: 80000, assetsWan: 80000 })).toBe('大型');
    expect(sizeOf({ industry: '建筑业', revenueWan: 80000, assetsWan: 5000 })).toBe('中型');
    expect(sizeOf({ industry: '建筑业', revenueWan: 6000, assetsWan: 4999 })).toBe('小型');
    expect(sizeOf({ industry: '建筑业', revenueWan: 300, assetsWan: 299 })).toBe('微型');
  });

  it('租赁和商务服务业 uses staff and assets', () => {
    expect(sizeOf({ industry: '租赁', employees: 300, assetsWan: 120000 })).toBe('大型');
    expect(sizeOf({ industry: '租赁', employees: 100, assetsWan: 8000 })).toBe('中型');
    expect(sizeOf({ industry: '租赁', employees: 10, assetsWan: 100 })).toBe('小型');
    expect(sizeOf({ industry: '租赁', employees: 9, assetsWan: 100000 })).toBe('微型');
  });

  it('房地产开发经营: large revenue with small assets is not large', () => {
    expect(sizeOf({ industry: '房地产开发经营', revenueWan: 200000, assetsWan: 10000 })).toBe('大型');
    expect(sizeOf({ industry: '房地产开发经营', revenueWan: 200000, assetsWan: 9999 })).toBe('中型');
    expect(sizeOf({ industry: '房地产开发经营', revenueWan: 100, assetsWan: 2000 })).toBe('小型');
    expect(sizeOf({ industry: '房地产开发经营', revenueWan: 100, assetsWan: 1999 })).toBe('微型');
  });

  it('批发业 and 软件 have their own bounds', () => {
    expect(sizeOf({ industry: '批发业', employees: 5, revenueWan: 1000 })).toBe('小型');
    expect(sizeOf({ industry: '批发业', employees: 4, revenueWan: 1000 })).toBe('微型');
    expect(sizeOf({ industry: '软件', employees: 10, revenueWan: 50 })).toBe('小型');
    expect(sizeOf({ industry: '软件', employees: 10, revenueWan: 49 })).toBe('微型');
    expect(sizeOf({ industry: '其他未列明行业', employees: 300 })).toBe('大型');
    expect(sizeOf({ industry: '其他未列明行业', employees: 99 })).toBe('小型');
  });
});

describe('classifySize: what it cannot decide', () => {
  it('names the unknown industry and lists the valid ones', () => {
    const r = classifySize({ industry: '航天', employees: 10, revenueWan: 10 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain('无法识别行业“航天”');
      expect(r.reason).toContain('软件和信息技术服务业');
    }
  });

  it('names the missing figure', () => {
    const r = classifySize({ industry: '制造业', employees: 500 });
    expect(r).toEqual({
      ok: false,
      reason: '工业按从业人员（人）和营业收入（万元）划型，缺少营业收入（万元），无法判断企业规模。',
    });
  });

  it('still decides 微型 when one known figure is already below the small bound', () => {
    expect(sizeOf({ industry: '制造业', employees: 8 })).toBe('微型');
  });

  it('rejects negative or non-numeric figures', () => {
    const r = classifySize({ industry: '工业', employees: -1, revenueWan: 10 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('从业人员（人）应为不小于0的数字');
    expect(classifySize({ industry: '工业', employees: Number.NaN, revenueWan: 10 }).ok).toBe(false);
  });
});

describe('isSme', () => {
  it('is true for 中型/小型/微型 only', () => {
    expect(isSme('大型')).toBe(false);
    expect(['中型', '小型', '微型'].every((s) => isSme(s as '中型'))).toBe(true);
  });
});
