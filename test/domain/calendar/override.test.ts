import { describe, expect, it } from 'vitest';
import { checkYearArrangement } from '../../../src/domain/calendar/override.ts';
import { packageYearTables } from '../../../src/domain/calendar/chinese-days-data.ts';
import { HYPOTHETICAL_2027 } from './fixtures.ts';

function problemsOf(input: unknown, neighbour?: (d: string) => boolean | undefined): string[] {
  const r = checkYearArrangement(input, neighbour);
  return r.ok ? [] : r.problems;
}

describe('checkYearArrangement: accepted input', () => {
  it('accepts the hypothetical 2027 arrangement, names and ranges expanded', () => {
    const r = checkYearArrangement(HYPOTHETICAL_2027);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.year).toBe(2027);
    expect(r.table.holidays.size).toBe(3 + 8 + 3 + 5 + 1 + 1 + 7);
    expect(r.table.holidays.get('2027-02-08')).toBe('春节');
    expect(r.table.workdays.get('2027-10-09')).toBe('');
    expect(r.table.source).toBe('override');
  });

  it('accepts a plain list, "~" and "至" ranges, a string year and YAML Date values', () => {
    const r = checkYearArrangement({
      year: '2027',
      holidays: [new Date('2027-01-01T00:00:00Z'), '2027-01-02~2027-01-03', '2027-02-05 至 2027-02-12',
        '2027-04-03..2027-04-05', '2027-05-01..2027-05-05', '2027-06-09', '2027-09-15', '2027-10-01..2027-10-07'],
      workdays: HYPOTHETICAL_2027.workdays,
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.table.holidays.has('2027-01-01')).toBe(true);
  });

  it('accepts the package data of every year since the 2025 rules', () => {
    for (const t of packageYearTables().filter((y) => y.year >= 2025)) {
      const input = { year: t.year, holidays: [...t.holidays.keys()], workdays: [...t.workdays.keys()] };
      expect(problemsOf(input), String(t.year)).toEqual([]);
    }
  });
});

describe('checkYearArrangement: what it rejects', () => {
  it('rejects a missing or malformed year', () => {
    expect(problemsOf(null)[0]).toContain('year（年份）');
    expect(problemsOf({ year: 27, holidays: [] })).toEqual(['年份应为四位整数，例如 2027，您填写的是“27”。']);
  });

  it('rejects dates that do not exist or cannot be read', () => {
    expect(problemsOf({ year: 2027, holidays: ['2027-02-30'] })).toEqual(['放假日期“2027-02-30”不存在。']);
    expect(problemsOf({ year: 2027, holidays: ['2月5日'] })).toEqual([
      '看不懂放假日期“2月5日”，请写成 2027-01-01 或 2027-02-05..2027-02-11 的形式。',
    ]);
    expect(problemsOf({ year: 2027, holidays: ['2027-02-12..2027-02-05'] })[0]).toContain('结束早于开始');
    expect(problemsOf({ year: 2027, holidays: ['2027-02-01..2027-03-31'] })[0]).toContain('长达59天');
    expect(problemsOf({ year: 2027, holidays: 5 })).toEqual(['放假日期应写成日期列表。']);
  });

  it('rejects dates of another year', () => {
    const p = problemsOf({ ...HYPOTHETICAL_2027, workdays: [...HYPOTHETICAL_2027.workdays, '2026-12-26'] });
    expect(p).toContain('调休上班日期“2026-12-26”不是2027年的日期。');
  });

  it('rejects a date in both lists', () => {
    const p = problemsOf({ ...HYPOTHETICAL_2027, workdays: [...HYPOTHETICAL_2027.workdays, '2027-01-02'] });
    expect(p).toContain('“2027-01-02”既列为放假又列为调休上班，请只保留一处。');
  });

  it('rejects a make-up day that is not a weekend day', () => {
    const p = problemsOf({ ...HYPOTHETICAL_2027, workdays: [...HYPOTHETICAL_2027.workdays, '2027-03-03'] });
    expect(p).toContain('调休上班日“2027-03-03”是星期三，本来就要上班；调休上班日只能是周六或周日。');
  });

  it('rejects an empty holiday list and a weekends-only one', () => {
    expect(problemsOf({ year: 2027, holidays: [], workdays: [] })).toContain(
      '2027年没有填写放假日期，每年至少有元旦、春节等法定节假日。',
    );
    expect(problemsOf({ year: 2027, holidays: ['2027-01-02', '2027-01-03'] })).toContain(
      '放假日期全部是周六、周日，本来就不上班，请核对是否填错。',
    );
  });

  it('rejects an arrangement that makes a statutory holiday a working day', () => {
    const holidays = { ...HYPOTHETICAL_2027.holidays, 国庆节: '2027-10-02..2027-10-07' };
    const p = problemsOf({ ...HYPOTHETICAL_2027, holidays });
    expect(p).toEqual(['2027-10-01（国庆节，星期五）是法定节假日，应列入放假日期。']);
  });

  it('reports every run of more than 6 working days, all at once', () => {
    const p = problemsOf({ ...HYPOTHETICAL_2027, workdays: [...HYPOTHETICAL_2027.workdays, '2027-02-14', '2027-10-10'] });
    expect(p).toEqual([
      '2027-02-14 至 2027-02-20 连续工作7天，超过“法定节假日假期前后连续工作一般不超过6天”的规定，请核对放假和调休日期。',
      '2027-10-08 至 2027-10-15 连续工作8天，超过“法定节假日假期前后连续工作一般不超过6天”的规定，请核对放假和调休日期。',
    ]);
  });

  it('measures a run across the year boundary when the neighbouring year is known', () => {
    // Hypothetical: the next year starts with a worked weekend.
    const next = (d: string) => (d >= '2028-01-01' ? d <= '2028-01-02' : undefined);
    expect(problemsOf(HYPOTHETICAL_2027, next)).toEqual([
      '2027-12-27 至 2028-01-02 连续工作7天，超过“法定节假日假期前后连续工作一般不超过6天”的规定，请核对放假和调休日期。',
    ]);
    // Before 1 January (a pre-2025 year, where the statutory check does not apply).
    const prev = (d: string) => (d < '2024-01-01' ? d >= '2023-12-30' : undefined);
    expect(problemsOf({ year: 2024, holidays: ['2024-02-12'] }, prev)).toEqual([
      '2023-12-30 至 2024-01-05 连续工作7天，超过“法定节假日假期前后连续工作一般不超过6天”的规定，请核对放假和调休日期。',
    ]);
  });
});
