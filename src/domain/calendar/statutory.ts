/**
 * The statutory holidays (法定节假日) of a year under 《全国年节及纪念日放假办法》 as amended with
 * effect from 2025-01-01: 元旦 1, 春节 4 (除夕 + 初一…初三), 清明 1, 劳动节 2, 端午 1, 中秋 1,
 * 国庆 3 — 13 days. These are days off whatever the yearly 调休 notice says, so an admin-entered
 * arrangement that makes one of them a working day is a typing mistake.
 *
 * Lunar dates and the 清明 solar term come from `chinese-days`' tables (1900–2100).
 */
import chineseDays from 'chinese-days';
import { addDays, formatYmd } from './civil.ts';

/** The first year the 2024 amendment (13 days, 除夕 off) applies to. */
export const STATUTORY_RULES_SINCE = 2025;

export interface StatutoryDay {
  date: string;
  name: string;
}

function lunarToSolar(year: number, month: number, day: number): string {
  return chineseDays.getSolarDateFromLunar(formatYmd(year, month, day)).date;
}

/** The 13 statutory days of `year` (≥ 2025), in date order. */
export function statutoryHolidays(year: number): StatutoryDay[] {
  if (year < STATUTORY_RULES_SINCE) throw new RangeError(`statutory rules before ${STATUTORY_RULES_SINCE} differ`);
  const springFestival = lunarToSolar(year, 1, 1);
  const days: StatutoryDay[] = [
    { date: formatYmd(year, 1, 1), name: '元旦' },
    // 除夕 is the day before 初一, whether 腊月 has 29 or 30 days that year.
    ...[-1, 0, 1, 2].map((d) => ({ date: addDays(springFestival, d), name: '春节' })),
    { date: chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), name: '清明节' },
    { date: formatYmd(year, 5, 1), name: '劳动节' },
    { date: formatYmd(year, 5, 2), name: '劳动节' },
    { date: lunarToSolar(year, 5, 5), name: '端午节' },
    { date: lunarToSolar(year, 8, 15), name: '中秋节' },
    ...[1, 2, 3].map((d) => ({ date: formatYmd(year, 10, d), name: '国庆节' })),
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
