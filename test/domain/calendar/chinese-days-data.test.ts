import { describe, expect, it } from 'vitest';
import { packageYearTables, tablesFromPackageData } from '../../../src/domain/calendar/chinese-days-data.ts';

describe('chinese-days data', () => {
  it('yields one table per year 2004–2026, without gaps', () => {
    const years = packageYearTables().map((t) => t.year);
    expect(years).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });

  it('keeps the Chinese festival names', () => {
    const t2026 = packageYearTables().find((t) => t.year === 2026)!;
    expect(t2026.holidays.get('2026-10-01')).toBe('国庆节');
    expect([...t2026.workdays.keys()]).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('counts a year as covered only when it has holidays listed', () => {
    const tables = tablesFromPackageData({
      holidays: { '2030-01-01': "New Year's Day,元旦,1" },
      workdays: { '2031-01-05': "New Year's Day,元旦,1" },
    });
    expect(tables.map((t) => t.year)).toEqual([2030]);
    expect(tables[0]!.holidays.get('2030-01-01')).toBe('元旦');
  });
});
