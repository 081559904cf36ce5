import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CalendarGapError, WorkingCalendar } from '../../src/domain/calendar/working-days.ts';
import { addWorkingHours, workingDaysFor, workingHoursBetween } from '../../src/domain/working-hours.ts';

const cal = new WorkingCalendar();
const at = (s: string) => new Date(`${s}+08:00`);

describe('workingHoursBetween (9:00–17:00 on working days)', () => {
  it('counts the hours inside the working day only', () => {
    expect(workingHoursBetween(cal, at('2026-11-23T10:00:00'), at('2026-11-23T12:30:00'))).toBe(2.5);
    expect(workingHoursBetween(cal, at('2026-11-23T07:00:00'), at('2026-11-23T20:00:00'))).toBe(8);
    expect(workingHoursBetween(cal, at('2026-11-23T16:00:00'), at('2026-11-24T10:00:00'))).toBe(2);
  });

  it('does not count evenings, weekends or holidays', () => {
    // Friday 18:00 → Monday 9:00: nothing.
    expect(workingHoursBetween(cal, at('2026-11-27T18:00:00'), at('2026-11-30T09:00:00'))).toBe(0);
    // 国庆 2026: 10-01..10-07 are days off; 10-08 is a working day.
    expect(workingHoursBetween(cal, at('2026-09-30T16:00:00'), at('2026-10-08T10:00:00'))).toBe(2);
  });

  it('is zero when the end is not after the start', () => {
    expect(workingHoursBetween(cal, at('2026-11-23T12:00:00'), at('2026-11-23T11:00:00'))).toBe(0);
  });

  it('refuses to guess a year without holiday data', () => {
    expect(() => workingHoursBetween(cal, at('2026-12-31T10:00:00'), at('2027-01-04T10:00:00'))).toThrow(CalendarGapError);
  });
});

describe('addWorkingHours', () => {
  it('finds the instant the hours run out, carrying over nights and weekends', () => {
    expect(addWorkingHours(cal, at('2026-11-23T10:00:00'), 16)).toEqual(at('2026-11-25T10:00:00'));
    expect(addWorkingHours(cal, at('2026-11-27T16:00:00'), 2)).toEqual(at('2026-11-30T10:00:00'));
    expect(addWorkingHours(cal, at('2026-11-28T22:00:00'), 8)).toEqual(at('2026-11-30T17:00:00'));
  });

  it('is the inverse of workingHoursBetween', () => {
    const start = at('2026-01-01T00:00:00').getTime();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 * 24 }), fc.integer({ min: 1, max: 120 }), (offsetHours, hours) => {
        const from = new Date(start + offsetHours * 3_600_000);
        const end = addWorkingHours(cal, from, hours);
        expect(workingHoursBetween(cal, from, end)).toBeCloseTo(hours, 6);
      }),
      { numRuns: 200 },
    );
  });
});

describe('workingDaysFor', () => {
  it('tells people whole working days, rounded up', () => {
    expect(workingDaysFor(16)).toBe(2);
    expect(workingDaysFor(20)).toBe(3);
    expect(workingDaysFor(1)).toBe(1);
  });
});
