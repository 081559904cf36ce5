import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar/working-days.ts';
import { checkWorkingDay, resolveDeadline } from '../../src/domain/deadline-input.ts';

const calendar = new WorkingCalendar();
const TODAY = '2026-11-23'; // a Monday

describe('resolveDeadline', () => {
  it('takes a working-day date as it is', () => {
    expect(resolveDeadline('2026-12-31', TODAY, calendar)).toEqual({ ok: true, date: '2026-12-31' });
    expect(resolveDeadline('12月31日', TODAY, calendar)).toEqual({ ok: true, date: '2026-12-31' });
  });

  it('moves a weekend or holiday deadline to the next working day and says so', () => {
    expect(resolveDeadline('2026-12-05', TODAY, calendar)).toEqual({ ok: true, date: '2026-12-07', note: '12月5日是星期六，不是工作日，期限顺延至12月7日（星期一）' });
  });

  it('counts N个工作日 from today, the start day not counted', () => {
    expect(resolveDeadline('10个工作日', TODAY, calendar)).toEqual({ ok: true, date: '2026-12-07', note: '10个工作日，即12月7日（星期一）' });
    expect(resolveDeadline('三个工作日内', TODAY, calendar)).toMatchObject({ ok: true, date: '2026-11-26' });
  });

  it('accepts a date in a year without holiday data, with a note, but cannot count working days into it', () => {
    expect(resolveDeadline('2027-01-15', TODAY, calendar)).toEqual({ ok: true, date: '2027-01-15', note: '2027年的节假日安排尚未录入，未能核对该日是否为工作日' });
    expect(resolveDeadline('40个工作日', '2026-12-20', calendar)).toMatchObject({ ok: false, reason: expect.stringContaining('2027年的节假日安排尚未录入') });
  });

  it('refuses a past date, a date that does not exist and words it cannot read', () => {
    expect(resolveDeadline('2026-11-20', TODAY, calendar)).toEqual({ ok: false, reason: '期限11月20日已经过去，请写今天或以后的日期。' });
    expect(resolveDeadline('2026-02-30', TODAY, calendar)).toMatchObject({ ok: false, reason: expect.stringContaining('日期不存在：2026-02-30') });
    expect(resolveDeadline('尽快', TODAY, calendar)).toMatchObject({ ok: false, reason: expect.stringContaining('或写 10个工作日') });
    expect(resolveDeadline('0个工作日', TODAY, calendar)).toMatchObject({ ok: false });
  });
});

describe('checkWorkingDay', () => {
  it('names why a day is off', () => {
    expect(checkWorkingDay(calendar, '2026-12-05')).toEqual({ kind: 'nonWorking', phrase: '12月5日是星期六' });
    expect(checkWorkingDay(calendar, '2026-10-01')).toMatchObject({ kind: 'nonWorking', phrase: expect.stringMatching(/^10月1日是国庆节?假期$/) });
    expect(checkWorkingDay(calendar, '2026-10-10')).toEqual({ kind: 'working' });
    expect(checkWorkingDay(calendar, '2027-03-01')).toEqual({ kind: 'unknown', year: 2027 });
  });
});
