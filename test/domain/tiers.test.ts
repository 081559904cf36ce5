import { describe, expect, it } from 'vitest';
import { parseTier, tierDisplay, tierOf, tierOfClass, TIERS } from '../../src/domain/tiers.ts';

function nOf(input: string): number {
  const r = parseTier(input);
  if (!r.ok) throw new Error(r.reason);
  return r.tier.n;
}

describe('tiers as two views of one decision', () => {
  it('pairs 一档↔保, 二档↔帮, 三档↔关', () => {
    expect(TIERS.map((t) => `${t.label}${t.cls}`)).toEqual(['一档保', '二档帮', '三档关']);
    expect(tierOfClass('帮')).toBe(tierOf(2));
    expect(tierDisplay(tierOf(3))).toBe('三档（关）');
  });

  it('carries the standard treatment of 鹤岗 第七条 and the units involved', () => {
    expect(tierOf(1).treatment).toContain('商业银行的融资渠道');
    expect(tierOf(1).unitKinds).toEqual(['pboc', 'nfra', 'bank']);
    expect(tierOf(2).treatment).toContain('预重整');
    expect(tierOf(2).treatment).toContain('预重整与重整的有效衔接');
    expect(tierOf(2).treatment).toContain('破产管理人协会');
    expect(tierOf(2).unitKinds).toEqual(['court']);
    expect(tierOf(3).treatment).toContain('破产清算');
    expect(tierOf(3).treatment).toContain('繁简分流、简案快审');
    expect(tierOf(3).unitKinds).toEqual(expect.arrayContaining(['court', 'approval', 'market', 'tax']));
  });
});

describe('parseTier', () => {
  it.each([
    ['1', 1], ['１', 1], ['一档', 1], ['1档', 1], ['档1', 1], ['第一档', 1], ['保', 1], ['保类', 1], ['重点保护类', 1],
    ['2', 2], ['二档', 2], ['档2', 2], ['帮', 2], ['帮类', 2],
    ['三档', 3], ['3', 3], ['关', 3], ['退出市场类', 3], [' 一档（保） ', 1], ['3(关)', 3],
  ])('%s → %i', (input, n) => {
    expect(nOf(input)).toBe(n);
  });

  it('refuses a tier and a class that disagree', () => {
    const r = parseTier('一档（关）');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('前后矛盾');
  });

  it.each(['4', '四档', '', '保帮', 'abc'])('refuses %j with the accepted forms', (input) => {
    const r = parseTier(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('请写一档、二档、三档');
  });
});
