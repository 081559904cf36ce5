import { describe, expect, it } from 'vitest';
import { statutoryHolidays } from '../../../src/domain/calendar/statutory.ts';
import { WorkingCalendar } from '../../../src/domain/calendar/working-days.ts';

describe('statutoryHolidays', () => {
  it('computes the 13 statutory days of 2027 (domain-rules §3.2)', () => {
    expect(statutoryHolidays(2027).map((d) => `${d.date} ${d.name}`)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节', // 除夕 = 腊月廿九
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
  });

  it('matches the published 2025 and 2026 arrangements: every statutory day is off', () => {
    const cal = new WorkingCalendar();
    for (const year of [2025, 2026]) {
      for (const d of statutoryHolidays(year)) expect(cal.isWorkingDay(d.date), `${d.date} ${d.name}`).toBe(false);
    }
    expect(statutoryHolidays(2026).find((d) => d.name === '春节')?.date).toBe('2026-02-16'); // 除夕
  });

  it('refuses years before the 2025 rules', () => {
    expect(() => statutoryHolidays(2024)).toThrow(RangeError);
  });
});
