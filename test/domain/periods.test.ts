import { describe, expect, it } from 'vitest';
import { halfYearContaining, mondayOf, nextQuarter, parseQuarterId, previousQuarter, quarterContaining, quarterMonthStart } from '../../src/domain/periods.ts';

describe('periods', () => {
  it('names quarters by their id and Chinese label, with their first and last day', () => {
    expect(quarterContaining('2026-11-23')).toEqual({ id: '2026Q4', start: '2026-10-01', end: '2026-12-31', label: '2026年第四季度' });
    expect(quarterContaining('2026-02-28').end).toBe('2026-03-31');
    expect(parseQuarterId('2026q3')?.label).toBe('2026年第三季度');
    expect(parseQuarterId('2026Q5')).toBeUndefined();
  });

  it('steps across years', () => {
    expect(nextQuarter(quarterContaining('2026-12-31')).id).toBe('2027Q1');
    expect(previousQuarter(quarterContaining('2027-01-04')).id).toBe('2026Q4');
  });

  it('finds the start of a quarter\'s nth month, half years and Mondays', () => {
    expect(quarterMonthStart(quarterContaining('2026-10-15'), 3)).toBe('2026-12-01');
    expect(halfYearContaining('2026-06-30')).toMatchObject({ id: '2026H1', end: '2026-06-30', label: '2026年上半年' });
    expect(halfYearContaining('2026-07-01').id).toBe('2026H2');
    expect(mondayOf('2026-10-10')).toBe('2026-10-05');
    expect(mondayOf('2026-10-05')).toBe('2026-10-05');
    expect(mondayOf('2026-10-11')).toBe('2026-10-05');
  });
});
