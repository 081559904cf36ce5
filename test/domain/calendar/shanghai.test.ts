import { describe, expect, it } from 'vitest';
import {
  dayOfWeek, parseHhmm, shanghaiDateTime, shanghaiDayOfWeek, shanghaiStartOfDay, toShanghaiDate, toShanghaiTime,
} from '../../../src/domain/calendar/shanghai.ts';

describe('Shanghai time', () => {
  it('puts an instant on the Shanghai calendar day, not the UTC one', () => {
    expect(toShanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(toShanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(toShanghaiTime(new Date('2026-12-31T16:00:00Z'))).toBe('00:00');
    expect(toShanghaiTime(new Date('2026-12-03T07:05:00Z'))).toBe('15:05');
  });

  it('builds the instant of a Shanghai wall-clock time (UTC+8, no DST in summer either)', () => {
    expect(shanghaiDateTime('2026-12-03', '15:00').toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(shanghaiDateTime('2026-07-01', '9:30').toISOString()).toBe('2026-07-01T01:30:00.000Z');
    expect(shanghaiDateTime('2027-01-01', '00:00').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(shanghaiStartOfDay('2026-10-01').toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  it('round-trips', () => {
    const at = shanghaiDateTime('2026-02-14', '23:59');
    expect(toShanghaiDate(at)).toBe('2026-02-14');
    expect(toShanghaiTime(at)).toBe('23:59');
  });

  it('rejects impossible input', () => {
    expect(() => shanghaiDateTime('2026-02-30', '10:00')).toThrow(RangeError);
    expect(() => shanghaiDateTime('2026-02-03', '24:00')).toThrow(RangeError);
    expect(() => shanghaiDateTime('2026-02-03', '10:60')).toThrow(RangeError);
    expect(() => toShanghaiDate(new Date('nope'))).toThrow(RangeError);
    expect(parseHhmm('7:05')).toEqual({ hour: 7, minute: 5 });
    expect(parseHhmm('715')).toBeNull();
  });

  it('gives the Shanghai day of the week', () => {
    // Sunday 20:00 UTC is already Monday 04:00 in Shanghai.
    expect(shanghaiDayOfWeek(new Date('2026-01-04T20:00:00Z'))).toBe(1);
    expect(dayOfWeek('2026-01-04')).toBe(0);
  });
});
