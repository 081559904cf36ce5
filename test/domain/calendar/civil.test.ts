import { describe, expect, it } from 'vitest';
import {
  addDays, dayOfWeek, daysBetween, daysInMonth, isIsoDate, isWeekend, parseIsoDate, weekdayLabel, ymd,
} from '../../../src/domain/calendar/civil.ts';

describe('civil dates', () => {
  it('parses only existing YYYY-MM-DD dates', () => {
    expect(parseIsoDate('2026-12-31')).toEqual({ year: 2026, month: 12, day: 31 });
    expect(parseIsoDate('2028-02-29')).not.toBeNull();
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-1-5', '26-01-05', '0099-01-01', ' 2026-01-05']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(() => ymd('2026-02-30')).toThrow(RangeError);
  });

  it('knows month lengths, leap years included', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-10-07', '2026-10-01')).toBe(-6);
  });

  it('computes the day of the week', () => {
    expect(dayOfWeek('2026-01-04')).toBe(0); // Sunday
    expect(dayOfWeek('2026-02-14')).toBe(6); // Saturday
    expect(dayOfWeek('2027-01-01')).toBe(5); // Friday
    expect(isWeekend('2026-10-10')).toBe(true);
    expect(isWeekend('2026-10-09')).toBe(false);
    expect(weekdayLabel('2026-10-01')).toBe('星期四');
  });
});
