import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar/working-days.ts';
import { findWhen } from '../../src/understand/when.ts';

// Wednesday 2 December 2026, 10:00 in Shanghai.
const NOW = new Date('2026-12-02T10:00:00+08:00');
const calendar = new WorkingCalendar();
const when = (text: string, now = NOW) => findWhen(text, now, calendar)?.value;

describe('findWhen', () => {
  it('reads spoken days and hours relative to the message', () => {
    expect(when('明天下午3点开会')).toBe('2026-12-03 15:00');
    expect(when('下周三下午三点开个会')).toBe('2026-12-09 15:00');
    expect(when('后天上午九点半')).toBe('2026-12-04 09:30');
    expect(when('12月8日下午3点')).toBe('2026-12-08 15:00');
    expect(when('这周五下午4点')).toBe('2026-12-04 16:00');
  });

  it('reads limits: a day with 前, the end of the month or year on the working-day calendar', () => {
    expect(when('12月20日前办完')).toBe('2026-12-20');
    expect(when('月底前报上来')).toBe('2026-12-31');
    // 31 October 2026 is a Saturday: the month's last working day is Friday the 30th.
    expect(when('月底前', new Date('2026-10-12T10:00:00+08:00'))).toBe('2026-10-30');
    expect(when('年底前', new Date('2026-05-06T10:00:00+08:00'))).toBe('2026-12-31');
  });

  it('counts working days on the calendar, skipping weekends and holidays', () => {
    expect(when('10个工作日内完成')).toBe('2026-12-16');
    // From 28 September 2026: 29, 30 September, then 国庆 (1–7 October) is skipped, 8, 9 October
    // and the 调休 Saturday 10 October.
    expect(when('五个工作日', new Date('2026-09-28T10:00:00+08:00'))).toBe('2026-10-10');
  });

  it('keeps "N个工作日" as said when the calendar does not know the year yet', () => {
    expect(when('10个工作日内', new Date('2026-12-28T10:00:00+08:00'))).toBe('10个工作日');
  });

  it('does not read ids, codes, counts or durations as days', () => {
    expect(when('T31 办完了')).toBeUndefined();
    expect(when('登记 E12 91440300192317458F')).toBeUndefined();
    expect(when('欠税快两年了，拖欠3个月工资，涉及42人')).toBeUndefined();
  });
});
