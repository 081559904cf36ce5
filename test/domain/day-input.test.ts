import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/domain/day-input.ts';

const TODAY = '2026-11-23';
const d = (text: string, meaning: 'future' | 'past' | 'thisYear') => {
  const r = parseDay(text, TODAY, meaning);
  return r.ok ? r.date : r.reason;
};

describe('days without a year', () => {
  it('reads a day that has happened as the latest one not after today', () => {
    expect(d('11月10日', 'past')).toBe('2026-11-10');
    expect(d('12月10日', 'past')).toBe('2025-12-10');
    expect(d('11-23', 'past')).toBe('2026-11-23');
  });

  it('reads due dates as the next such day and period ends as this year', () => {
    expect(d('3月1日', 'future')).toBe('2027-03-01');
    expect(d('1月1日', 'thisYear')).toBe('2026-01-01');
    expect(d('12月31日', 'thisYear')).toBe('2026-12-31');
  });

  it('leaves dates with a year and relative words alone, and passes errors on', () => {
    expect(d('2026-12-10', 'past')).toBe('2026-12-10');
    expect(d('今天', 'past')).toBe(TODAY);
    expect(d('2026-02-30', 'past')).toContain('日期不存在');
    expect(d('下周', 'past')).toContain('看不懂日期');
  });
});
