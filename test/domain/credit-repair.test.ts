import { describe, expect, it } from 'vitest';
import {
  checkCertificateDate, checkRequestDates, parseRuling, REPAIR_TARGET_DAYS, repairDays, withinTarget,
} from '../../src/domain/credit-repair.ts';

describe('credit repair after 重整 / 和解', () => {
  it('reads the two rulings of 鹤岗 第十条', () => {
    expect(parseRuling('重整计划')).toBe('重整计划');
    expect(parseRuling('重整')).toBe('重整计划');
    expect(parseRuling('认可和解协议')).toBe('和解协议');
    expect(parseRuling('清算')).toBeUndefined();
  });

  it('needs the ruling first, then the request, not in the future', () => {
    expect(checkRequestDates('2026-11-10', '2026-11-12', '2026-11-23')).toBeUndefined();
    expect(checkRequestDates('2026-11-10', '2026-11-10', '2026-11-23')).toBeUndefined();
    expect(checkRequestDates('2026-11-13', '2026-11-12', '2026-11-23')).toContain('晚于申请日期');
    expect(checkRequestDates('2026-11-10', '2026-11-24', '2026-11-23')).toContain('还没到');
  });

  it('needs the certificate after the request and not in the future', () => {
    expect(checkCertificateDate('2026-11-12', '2026-11-18', '2026-11-23')).toBeUndefined();
    expect(checkCertificateDate('2026-11-12', '2026-11-11', '2026-11-23')).toContain('早于申请日期');
    expect(checkCertificateDate('2026-11-12', '2026-11-30', '2026-11-23')).toContain('还没到');
  });

  it('measures calendar days against 东莞’s week', () => {
    expect(REPAIR_TARGET_DAYS).toBe(7);
    expect(repairDays('2026-11-12', '2026-11-18')).toBe(6);
    expect(withinTarget(7)).toBe(true);
    expect(withinTarget(8)).toBe(false);
  });
});
