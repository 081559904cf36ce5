import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import chineseDays from 'chinese-days';
import { addDays } from '../../../src/domain/calendar/civil.ts';
import { ArrangementError } from '../../../src/domain/calendar/override.ts';
import { CalendarGapError, WorkingCalendar } from '../../../src/domain/calendar/working-days.ts';
import { UserError } from '../../../src/domain/errors.ts';
import { HYPOTHETICAL_2027 } from './fixtures.ts';

const cal = new WorkingCalendar();

describe('coverage', () => {
  it('covers exactly 2004–2026 from the chinese-days data', () => {
    const years = cal.coveredYears();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(years).toHaveLength(23);
    expect(cal.isCovered(2026)).toBe(true);
    expect(cal.isCovered(2027)).toBe(false);
    expect(cal.sourceOf(2026)).toBe('chinese-days');
  });

  it('refuses to guess an uncovered year (chinese-days itself would say 2027-01-01 is a workday)', () => {
    expect(chineseDays.isWorkday('2027-01-01')).toBe(true); // the package's silent fallback
    expect(() => cal.isWorkingDay('2027-01-01')).toThrow(CalendarGapError);
    expect(() => cal.isWorkingDay('2003-06-02')).toThrow(CalendarGapError);
    try {
      cal.isWorkingDay('2027-01-01');
    } catch (e) {
      expect(e).toBeInstanceOf(UserError); // shown to the person as is
      expect((e as CalendarGapError).year).toBe(2027);
      expect((e as Error).message).toMatch(/^2027年的节假日安排尚未录入/);
    }
  });

  it('does not count into an uncovered year', () => {
    expect(cal.nextWorkingDay('2026-12-31')).toBe('2026-12-31');
    expect(() => cal.addWorkingDays('2026-12-31', 1)).toThrow(CalendarGapError);
    expect(() => cal.deadline('2027-01-02')).toThrow(CalendarGapError);
  });

  it('agrees with chinese-days on every covered day', () => {
    let disagreements = 0;
    for (let d = '2004-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      if (cal.isWorkingDay(d) !== chineseDays.isWorkday(d)) disagreements++;
    }
    expect(disagreements).toBe(0);
  });
});

describe('2026 (国务院办公厅 2025-11-04 notice)', () => {
  it('has exactly 248 working days', () => {
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it.each(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])(
    'works on the weekend make-up day %s',
    (d) => {
      expect(cal.isWorkingDay(d)).toBe(true);
      expect(cal.dayInfo(d).kind).toBe('makeup');
    },
  );

  it('is off for all of 国庆 and 春节', () => {
    for (let d = '2026-10-01'; d <= '2026-10-07'; d = addDays(d, 1)) expect(cal.isWorkingDay(d), d).toBe(false);
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('describes a day', () => {
    expect(cal.dayInfo('2026-10-01')).toEqual({ date: '2026-10-01', working: false, kind: 'holiday', name: '国庆节' });
    expect(cal.dayInfo('2026-10-10')).toEqual({ date: '2026-10-10', working: true, kind: 'makeup', name: '国庆节' });
    expect(cal.dayInfo('2026-11-21')).toEqual({ date: '2026-11-21', working: false, kind: 'weekend' });
    expect(cal.dayInfo('2026-11-23')).toEqual({ date: '2026-11-23', working: true, kind: 'workday' });
  });
});

describe('counting working days (民法典 第201条: the start day is not counted)', () => {
  it('jumps over 国庆', () => {
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-09-28', 5)).toBe('2026-10-10'); // 9/29, 9/30, 10/8, 10/9, Sat 10/10
    expect(cal.addWorkingDays('2026-09-25', 1)).toBe('2026-09-28'); // 中秋 9/25–27
  });

  it('jumps over the 9-day 春节 and counts the Saturday make-up days', () => {
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    // Sat 2/14, Tue 2/24–Fri 2/27, Sat 2/28, Mon 3/2–Thu 3/5
    expect(cal.addWorkingDays('2026-02-13', 10)).toBe('2026-03-05');
  });

  it('treats n = 0 as "today if working, else the next working day"', () => {
    expect(cal.addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(cal.addWorkingDays('2026-10-01', 0)).toBe('2026-10-08');
    expect(() => cal.addWorkingDays('2026-10-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-10-01', 1.5)).toThrow(RangeError);
  });

  it('counts back too', () => {
    expect(cal.subtractWorkingDays('2026-10-08', 1)).toBe('2026-09-30');
    expect(cal.subtractWorkingDays('2026-02-24', 2)).toBe('2026-02-13');
    expect(cal.previousWorkingDay('2026-10-04')).toBe('2026-09-30');
  });

  it('counts the working days between two dates, signed', () => {
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1);
    expect(cal.workingDaysBetween('2026-10-08', '2026-09-30')).toBe(-1);
    expect(cal.workingDaysBetween('2026-10-01', '2026-10-07')).toBe(0);
    expect(cal.workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
  });

  it('is the inverse of addWorkingDays', () => {
    fc.assert(
      // start ≤ 2026-09-08 and n ≤ 60 stay inside 2026, the last covered year
      fc.property(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 1, max: 60 }), (offset, n) => {
        const start = addDays('2026-01-01', offset);
        const end = cal.addWorkingDays(start, n);
        expect(cal.isWorkingDay(end)).toBe(true);
        expect(cal.workingDaysBetween(start, end)).toBe(n);
      }),
    );
  });
});

describe('deadlines (民法典 第203条)', () => {
  it('moves a deadline on a non-working day to the next working day', () => {
    expect(cal.deadline('2026-10-01')).toBe('2026-10-08');
    expect(cal.deadline('2026-02-15')).toBe('2026-02-24');
    expect(cal.deadline('2026-11-21')).toBe('2026-11-23'); // Saturday
    expect(cal.deadline('2026-10-10')).toBe('2026-10-10'); // a make-up Saturday is a working day
    expect(cal.deadline('2026-11-24')).toBe('2026-11-24');
  });

  it('ends a calendar-day period after the start day, off holidays', () => {
    expect(cal.deadlineAfterDays('2026-09-16', 15)).toBe('2026-10-08'); // 10/1 → after 国庆
    expect(cal.deadlineAfterDays('2026-11-01', 15)).toBe('2026-11-16');
  });
});

describe('admin overrides', () => {
  it('covers 2027 once its arrangement is entered', () => {
    const c = new WorkingCalendar();
    expect(() => c.isWorkingDay('2027-01-01')).toThrow(CalendarGapError);
    c.addOverride(HYPOTHETICAL_2027);
    expect(c.isCovered(2027)).toBe(true);
    expect(c.sourceOf(2027)).toBe('override');
    expect(c.isWorkingDay('2027-01-01')).toBe(false);
    expect(c.dayInfo('2027-10-01')).toEqual({ date: '2027-10-01', working: false, kind: 'holiday', name: '国庆节' });
    expect(c.dayInfo('2027-01-31').kind).toBe('makeup');
    expect(c.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(c.workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1);
  });

  it('accepts overrides in the constructor', () => {
    const c = new WorkingCalendar({ overrides: [HYPOTHETICAL_2027] });
    expect(c.coveredYears().at(-1)).toBe(2027);
  });

  it('rejects an arrangement with 7 consecutive working days and changes nothing', () => {
    const c = new WorkingCalendar();
    const bad = { ...HYPOTHETICAL_2027, workdays: [...HYPOTHETICAL_2027.workdays, '2027-02-14'] };
    expect(() => c.addOverride(bad)).toThrow(ArrangementError);
    try {
      c.addOverride(bad);
    } catch (e) {
      expect((e as ArrangementError).problems).toEqual([
        '2027-02-14 至 2027-02-20 连续工作7天，超过“法定节假日假期前后连续工作一般不超过6天”的规定，请核对放假和调休日期。',
      ]);
      expect(e).toBeInstanceOf(UserError);
    }
    expect(c.isCovered(2027)).toBe(false);
  });

  it('lets an override replace a year of the package data', () => {
    const c = new WorkingCalendar();
    const table = c.addOverride({
      year: 2026,
      holidays: ['2026-01-01..2026-01-03', '2026-02-16..2026-02-19', '2026-04-05', '2026-05-01..2026-05-02', '2026-06-19', '2026-09-25', '2026-10-01..2026-10-03'],
      workdays: [],
    });
    expect(table.source).toBe('override');
    expect(c.isWorkingDay('2026-10-07')).toBe(true);
    expect(c.isWorkingDay('2026-10-10')).toBe(false);
  });
});
