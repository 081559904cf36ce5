import { describe, expect, it } from 'vitest';
import {
  formatOfficialDate, formatOfficialDateOf, formatShortDate, parseDate, parseDateTime, parseWorkingDayOffset,
} from '../../src/domain/dates.ts';

const TODAY = '2026-11-21';

function dateOf(text: string, today = TODAY): string {
  const r = parseDate(text, today);
  if (!r.ok) throw new Error(r.reason);
  return r.date;
}

describe('parseDate', () => {
  it.each([
    ['2026-12-31', '2026-12-31'],
    ['2026/12/31', '2026-12-31'],
    ['2026.12.31', '2026-12-31'],
    ['2026年12月31日', '2026-12-31'],
    ['2026年1月5号', '2026-01-05'],
    ['2026-1-5', '2026-01-05'],
    ['２０２６－１２－３１', '2026-12-31'],
    [' 2026 年 12 月 31 日 ', '2026-12-31'],
  ])('reads %j as %s', (text, date) => {
    expect(dateOf(text)).toBe(date);
  });

  it('puts a date without a year in this year, or next year when it has passed', () => {
    expect(dateOf('12月31日')).toBe('2026-12-31');
    expect(dateOf('12-31')).toBe('2026-12-31');
    expect(dateOf('11月21日')).toBe('2026-11-21'); // today has not passed
    expect(dateOf('11月20日')).toBe('2027-11-20');
    expect(dateOf('1月15日')).toBe('2027-01-15');
    expect(dateOf('１月１５日')).toBe('2027-01-15');
  });

  it('reads 今天, 明天, 后天 relative to today, across the year end', () => {
    expect(dateOf('今天')).toBe('2026-11-21');
    expect(dateOf('明天')).toBe('2026-11-22');
    expect(dateOf('明天', '2026-12-31')).toBe('2027-01-01');
    expect(dateOf('后天')).toBe('2026-11-23');
  });

  it('names a date that does not exist and the right form, in one message', () => {
    expect(parseDate('2026-02-30', TODAY)).toEqual({
      ok: false,
      reason: '日期不存在：2026-02-30。请写成 2026-12-31 或 12月31日 的形式。',
    });
    expect(parseDate('2026-13-01', TODAY)).toEqual({
      ok: false,
      reason: '日期不存在：2026-13-01。请写成 2026-12-31 或 12月31日 的形式。',
    });
    expect(parseDate('2月30日', TODAY)).toEqual({
      ok: false,
      reason: '日期不存在：2027-02-30。请写成 2026-12-31 或 12月31日 的形式。',
    });
    expect(dateOf('2月29日', '2027-03-01')).toBe('2028-02-29'); // a leap year next time round
  });

  it.each(['下周一', '20261231', '2026-12-31 15:00', 'abc', '', '2026-12-315'])('refuses %j with the right form', (text) => {
    const r = parseDate(text, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^看不懂日期“.*”。请写成 2026-12-31 或 12月31日 的形式。$/);
  });
});

describe('parseDateTime', () => {
  function at(text: string): [string, string, string] {
    const r = parseDateTime(text, TODAY);
    if (!r.ok) throw new Error(r.reason);
    return [r.date, r.time, r.instant.toISOString()];
  }

  it('reads a date and a time in Shanghai', () => {
    expect(at('2026-12-03 15:00')).toEqual(['2026-12-03', '15:00', '2026-12-03T07:00:00.000Z']);
    expect(at('２０２６－１２－０３　１５：００')).toEqual(['2026-12-03', '15:00', '2026-12-03T07:00:00.000Z']);
    expect(at('2026-12-03T09:30')).toEqual(['2026-12-03', '09:30', '2026-12-03T01:30:00.000Z']);
    expect(at('12月3日 9:05')).toEqual(['2026-12-03', '09:05', '2026-12-03T01:05:00.000Z']);
    expect(at('2026年12月3日15:00')).toEqual(['2026-12-03', '15:00', '2026-12-03T07:00:00.000Z']);
  });

  it('reads spoken times', () => {
    expect(at('明天下午3点')[1]).toBe('15:00');
    expect(at('12月3日 上午9点半')[1]).toBe('09:30');
    expect(at('12月3日 14点30分')[1]).toBe('14:30');
    expect(at('12月3日 晚上8点')[1]).toBe('20:00');
  });

  it('asks for the hour when only a date is given', () => {
    expect(parseDateTime('2026-12-03', TODAY)).toEqual({ ok: false, reason: '请写明几点，例如“2026-12-03 15:00”。' });
  });

  it('refuses impossible dates and times', () => {
    const d = parseDateTime('2026-02-30 15:00', TODAY);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toBe('日期不存在：2026-02-30。请写成 2026-12-31 或 12月31日 的形式。');
    const t = parseDateTime('2026-12-03 25:00', TODAY);
    expect(t).toEqual({ ok: false, reason: '时间不存在：25:00。请写成 2026-12-03 15:00 的形式。' });
    const junk = parseDateTime('2026-12-03 下班后', TODAY);
    expect(junk.ok).toBe(false);
    if (!junk.ok) expect(junk.reason).toContain('看不懂时间');
    expect(parseDateTime('2026-12-315:00', TODAY).ok).toBe(false);
  });
});

describe('parseWorkingDayOffset', () => {
  it.each([
    ['10个工作日', 10],
    ['10 个工作日内', 10],
    ['１０个工作日', 10],
    ['十个工作日', 10],
    ['3工作日', 3],
    ['二十个工作日以内', 20],
  ])('%j → %i', (text, n) => {
    expect(parseWorkingDayOffset(text)).toBe(n);
  });

  it.each(['10天', '工作日', '几个工作日', '2026-12-31'])('%j → null', (text) => {
    expect(parseWorkingDayOffset(text)).toBeNull();
  });
});

describe('official formats (GB/T 9704: no zero padding)', () => {
  it('writes full and short dates', () => {
    expect(formatOfficialDate('2026-03-05')).toBe('2026年3月5日');
    expect(formatOfficialDate('2026-12-31')).toBe('2026年12月31日');
    expect(formatShortDate('2026-03-05')).toBe('3月5日');
    expect(formatShortDate('2026-10-10')).toBe('10月10日');
  });

  it('refuses a malformed date (a bug in the caller)', () => {
    expect(() => formatOfficialDate('2026-02-30')).toThrow(RangeError);
  });

  it('writes the Shanghai day of an instant, which starts at 16:00 UTC the day before', () => {
    expect(formatOfficialDateOf('2026-03-04T15:59:59.999Z')).toBe('2026年3月4日');
    expect(formatOfficialDateOf('2026-03-04T16:00:00.000Z')).toBe('2026年3月5日');
    expect(formatOfficialDateOf(new Date('2026-12-31T16:30:00Z'))).toBe('2027年1月1日');
    expect(() => formatOfficialDateOf('not a time')).toThrow(RangeError);
  });
});
