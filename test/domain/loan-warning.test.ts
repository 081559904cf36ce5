import { describe, expect, it } from 'vitest';
import { daysUntilDue, LOAN_STAGE_ACTIONS, loanStage, loanWarningsDue } from '../../src/domain/loan-warning.ts';

const TODAY = '2026-12-01';
const loan = (id: string, dueDate: string, state = 'open') => ({ id, dueDate, state });

describe('the 321 stages', () => {
  it('counts days to the due date, 0 on the day itself', () => {
    expect(daysUntilDue('2027-03-01', TODAY)).toBe(90);
    expect(daysUntilDue(TODAY, TODAY)).toBe(0);
    expect(daysUntilDue('2026-11-30', TODAY)).toBe(-1);
  });

  it.each([
    [91, undefined],
    [90, 90],
    [61, 90],
    [60, 60],
    [31, 60],
    [30, 30],
    [1, 30],
    [0, 30],
    [-1, undefined],
  ])('%i days before due → stage %s', (left, stage) => {
    const due = new Date(Date.UTC(2026, 11, 1 + left)).toISOString().slice(0, 10);
    expect(loanStage(due, TODAY)).toBe(stage);
  });

  it('says what each stage asks, as 003 words it (3, 2, 1 months)', () => {
    expect(LOAN_STAGE_ACTIONS[90].months).toBe(3);
    expect(LOAN_STAGE_ACTIONS[60].action).toContain('还款计划');
    expect(LOAN_STAGE_ACTIONS[30].action).toContain('备足还款资金');
  });
});

describe('loanWarningsDue', () => {
  it('gives every open loan its reached stage, soonest due first', () => {
    const loans = [
      loan('L1', '2027-03-01'), // 90 days
      loan('L2', '2026-12-20'), // 19 days
      loan('L3', '2027-01-15'), // 45 days
      loan('L4', '2027-06-01'), // far away
      loan('L5', '2026-12-10', 'repaid'),
      loan('L6', '2026-12-10', 'renewed'),
      loan('L7', '2026-11-20'), // past due: not a 321 warning
    ];
    expect(loanWarningsDue(loans, TODAY).map((w) => [w.loan.id, w.stage])).toEqual([
      ['L2', 30],
      ['L3', 60],
      ['L1', 90],
    ]);
  });

  it('still reports a stage whose day passed while nobody ran it (catch-up), keeping the loan object', () => {
    const l = loan('L1', '2027-02-25'); // the 90-day mark was 2026-11-27
    const [w] = loanWarningsDue([l], TODAY);
    expect(w?.stage).toBe(90);
    expect(w?.loan).toBe(l);
  });

  it('is empty for no loans', () => {
    expect(loanWarningsDue([], TODAY)).toEqual([]);
  });
});
