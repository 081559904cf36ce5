import { describe, expect, it } from 'vitest';
import { formatFigures, parseArea, parseFigure, SQM_PER_MU, totalAreaSqm } from '../../src/domain/outcome-figures.ts';

function valueOf(key: Parameters<typeof parseFigure>[0], text: string): number {
  const r = parseFigure(key, text);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('outcome figures', () => {
  it('reads money in 万元 through parseWan', () => {
    expect(valueOf('debtWan', '500万')).toBe(500);
    expect(valueOf('assetsWan', '1.2亿')).toBe(12000);
    expect(valueOf('wagesWan', '1,467万元')).toBe(1467);
  });

  it('reads head counts', () => {
    expect(valueOf('workers', '42')).toBe(42);
    expect(valueOf('workers', '２２５７人')).toBe(2257);
  });

  it('reads land in 亩 and buildings in 平方米, converting between them', () => {
    expect(valueOf('landMu', '30亩')).toBe(30);
    expect(valueOf('landMu', '30')).toBe(30);
    expect(valueOf('landMu', '20000平方米')).toBe(30);
    expect(valueOf('buildingSqm', '5000平方米')).toBe(5000);
    expect(valueOf('buildingSqm', '5000㎡')).toBe(5000);
    expect(valueOf('buildingSqm', '1.2万平方米')).toBe(12000);
    expect(valueOf('buildingSqm', '3亩')).toBe(2000);
    expect(parseArea('5000平米', '亩')).toEqual({ ok: true, value: 5000, unit: '平方米' });
  });

  it('refuses what it cannot read with the right form', () => {
    const r = parseFigure('landMu', '三十亩');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('“三十亩”看不懂，请写成 30亩 或 20000平方米 的形式');
    expect(parseFigure('debtWan', '很多').ok).toBe(false);
    expect(parseFigure('workers', '-3').ok).toBe(false);
  });

  it('formats the given figures in a fixed order', () => {
    expect(formatFigures({ workers: 42, debtWan: 500, landMu: 30, buildingSqm: 5000 })).toBe('化解债务500万元、职工42人、土地30亩、厂房5000平方米');
    expect(formatFigures({ assetsWan: 12000 })).toBe('盘活资产1.2亿元');
    expect(formatFigures({})).toBe('');
    expect(formatFigures(undefined)).toBe('');
  });

  it('adds land and buildings in 平方米 like the 东莞 report', () => {
    expect(Math.round(SQM_PER_MU * 100) / 100).toBe(666.67);
    expect(totalAreaSqm({ landMu: 30, buildingSqm: 5000 })).toBe(25000);
  });
});
