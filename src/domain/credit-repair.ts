/**
 * 信用修复 after a 重整 or 和解 (鹤岗 第十条; domain-rules §2.5): the enterprise applies after the
 * court approved its 重整计划 or recognised its 和解协议. 东莞's 纾困中心 issued the 信用修复证明
 * "不到一周" after the request, which is the yardstick the bot measures against.
 */
import { daysBetween } from './calendar/civil.ts';
import { formatOfficialDate } from './dates.ts';
import { compact } from './text.ts';

export const RULINGS = ['重整计划', '和解协议'] as const;
export type Ruling = (typeof RULINGS)[number];

/** 东莞: "不到一周时间，法院就向企业出具了《信用修复证明》". */
export const REPAIR_TARGET_DAYS = 7;

const RULING_WORDS: Record<string, Ruling> = {
  重整计划: '重整计划', 重整: '重整计划', 批准重整计划: '重整计划', 裁定批准重整计划: '重整计划',
  和解协议: '和解协议', 和解: '和解协议', 认可和解协议: '和解协议', 裁定认可和解协议: '和解协议',
};

export function parseRuling(text: string): Ruling | undefined {
  return RULING_WORDS[compact(text)];
}

/** '法院裁定批准重整计划' / '法院裁定认可和解协议', as the rules word it. */
export function rulingPhrase(ruling: Ruling): string {
  return ruling === '重整计划' ? '法院裁定批准重整计划' : '法院裁定认可和解协议';
}

/** A reason (one Chinese sentence) when the dates of a request do not fit, else undefined. */
export function checkRequestDates(rulingDate: string, requestDate: string, today: string): string | undefined {
  if (requestDate > today) return `申请日期 ${requestDate} 还没到，请写已经提出申请的日期（不写即为今天）。`;
  if (rulingDate > requestDate) {
    return `裁定日期${formatOfficialDate(rulingDate)}晚于申请日期${formatOfficialDate(requestDate)}：信用修复要在法院裁定之后申请，请核对日期。`;
  }
  return undefined;
}

export function checkCertificateDate(requestDate: string, certificateDate: string, today: string): string | undefined {
  if (certificateDate > today) return `出证日期 ${certificateDate} 还没到，请在出具证明后再登记。`;
  if (certificateDate < requestDate) return `出证日期 ${certificateDate} 早于申请日期 ${requestDate}，请核对日期。`;
  return undefined;
}

/** Calendar days from the request to the certificate (the 东莞 "一周" is calendar days). */
export function repairDays(requestDate: string, certificateDate: string): number {
  return daysBetween(requestDate, certificateDate);
}

export function withinTarget(days: number): boolean {
  return days <= REPAIR_TARGET_DAYS;
}
