import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar/civil.ts';
import { CalendarGapError, WorkingCalendar } from '../../../src/domain/calendar/working-days.ts';
import { HYPOTHETICAL_2027 } from './fixtures.ts';

/** The definition, walked day by day: working days in (a, b], negative when b is before a. */
function walk(cal: WorkingCalendar, a: string, b: string): number {
  if (b < a) return -walk(cal, b, a);
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return n;
}

const outcome = (f: () => number) => {
  try {
    return f();
  } catch (err) {
    return err instanceof CalendarGapError ? `gap ${err.year}` : `error ${String(err)}`;
  }
};

const day = (from: number, to: number) =>
  fc.integer({ min: Date.UTC(from, 0, 1) / 86_400_000, max: Date.UTC(to, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

describe('workingDaysBetween (counted per year, not walked)', () => {
  it('agrees with the day-by-day definition, across year ends, holidays and 调休', () => {
    const cal = new WorkingCalendar();
    fc.assert(fc.property(day(2004, 2026), day(2004, 2026), (a, b) => outcome(() => cal.workingDaysBetween(a, b)) === walk(cal, a, b)), { numRuns: 300 });
  });

  it('throws for the same missing year as the walk would, and counts an added year once it is entered', () => {
    const cal = new WorkingCalendar();
    fc.assert(fc.property(day(2002, 2028), day(2002, 2028), (a, b) => outcome(() => cal.workingDaysBetween(a, b)) === outcome(() => walk(cal, a, b))), { numRuns: 300 });
    expect(outcome(() => cal.workingDaysBetween('2026-12-01', '2027-01-05'))).toBe('gap 2027');
    expect(cal.workingDaysBetween('2026-12-30', '2026-12-31')).toBe(1);
    cal.addOverride(HYPOTHETICAL_2027);
    expect(cal.workingDaysBetween('2026-12-01', '2027-01-05')).toBe(walk(cal, '2026-12-01', '2027-01-05'));
    expect(cal.workingDaysBetween('2026-12-31', '2027-01-03')).toBe(0);
  });
});
