import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar/working-days.ts';
import { COLOUR_LEGEND, type ColourFacts, taskColour, workingDaysLeft } from '../../src/domain/task-colour.ts';

const facts = (over: Partial<ColourFacts> = {}): ColourFacts => ({ state: '办理中', deadline: '2026-12-31', returned: false, extensionRefused: false, ...over });
const TODAY = '2026-12-01';

describe('taskColour', () => {
  it('has no colour while on schedule (more than 3 working days left)', () => {
    expect(taskColour(facts(), TODAY, 4)).toBeUndefined();
    expect(taskColour(facts(), TODAY, 22)).toBeUndefined();
  });

  it('is 蓝 within 3 working days of the deadline, the deadline day included', () => {
    expect(taskColour(facts(), TODAY, 3)).toBe('蓝');
    expect(taskColour(facts(), TODAY, 1)).toBe('蓝');
    expect(taskColour(facts({ deadline: TODAY }), TODAY, 0)).toBe('蓝');
  });

  it('is 黄 when sent back or an extension was refused, however far the deadline', () => {
    expect(taskColour(facts({ returned: true }), TODAY, 20)).toBe('黄');
    expect(taskColour(facts({ extensionRefused: true }), TODAY, 20)).toBe('黄');
    // Behind beats approaching.
    expect(taskColour(facts({ returned: true }), TODAY, 2)).toBe('黄');
  });

  it('is 红 the day after the deadline and stays red, over every other colour', () => {
    expect(taskColour(facts({ deadline: '2026-11-30' }), TODAY, 0)).toBe('红');
    expect(taskColour(facts({ deadline: '2026-06-30', returned: true, extensionRefused: true }), TODAY, 0)).toBe('红');
  });

  it('has no colour once reported done or finished: the unit is no longer the one to chase', () => {
    expect(taskColour(facts({ state: '已完成待审', deadline: '2026-11-30' }), TODAY, 0)).toBeUndefined();
    expect(taskColour(facts({ state: '已办结', deadline: '2026-11-30', returned: true }), TODAY, 0)).toBeUndefined();
  });

  it('explains the three colours in one line', () => {
    expect(COLOUR_LEGEND).toBe('蓝＝3个工作日内到期；黄＝被退回或延期未获同意；红＝已逾期');
  });
});

describe('workingDaysLeft', () => {
  const calendar = new WorkingCalendar();

  it('counts working days after today up to the deadline, skipping holidays and counting 调休 days', () => {
    // 国庆 2026: 10/1–10/7 off, 10/10 (Sat) worked.
    expect(workingDaysLeft(calendar, '2026-09-30', '2026-10-09')).toBe(2);
    expect(workingDaysLeft(calendar, '2026-09-30', '2026-10-10')).toBe(3);
    expect(workingDaysLeft(calendar, '2026-12-04', '2026-12-07')).toBe(1); // Fri → Mon
  });

  it('is 0 on and after the deadline', () => {
    expect(workingDaysLeft(calendar, '2026-12-07', '2026-12-07')).toBe(0);
    expect(workingDaysLeft(calendar, '2026-12-08', '2026-12-07')).toBe(0);
  });

  it('estimates with Monday–Friday, never throws, when the deadline is in a year the calendar does not cover', () => {
    expect(workingDaysLeft(calendar, '2026-12-30', '2027-01-04')).toBe(3); // 12/31, 1/1, 1/4 counted as weekdays
    expect(workingDaysLeft(calendar, '2026-12-01', '2027-03-01')).toBeGreaterThan(3);
  });
});
