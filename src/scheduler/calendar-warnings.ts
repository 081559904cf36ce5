/**
 * Warnings about holiday data that is missing. The State Council publishes next year's
 * arrangement in November (the 2026 one on 2025-11-04); until an admin enters it (or the
 * calendar package catches up), days of that year are not working days nor holidays — they are
 * unknown, and everything counted in working days pauses there. The service says so at start,
 * and the director's daily digest says so from November on.
 */
import { yearOf } from '../domain/calendar/civil.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';

/** The month from which the daily digest warns about next year. */
export const WARN_FROM_MONTH = 11;

export function enterCommand(year: number): string {
  return `npm run cli -- calendar set ${year} --holidays "…" --workdays "…"`;
}

export function calendarWarnings(calendar: WorkingCalendar, today: string, ahead: 'always' | 'fromNovember' = 'fromNovember'): string[] {
  const year = yearOf(today);
  const out: string[] = [];
  if (!calendar.isCovered(year)) {
    out.push(`${year}年节假日安排尚未录入：按工作日的提醒、简报和期限计算已暂停。请管理员按国务院办公厅的放假通知录入（${enterCommand(year)}）。`);
  }
  const month = Number(today.slice(5, 7));
  if (!calendar.isCovered(year + 1) && (ahead === 'always' || month >= WARN_FROM_MONTH)) {
    out.push(`${year + 1}年节假日安排尚未录入（放假通知一般在11月发布）。发布后请管理员及时录入：${enterCommand(year + 1)}；录入前，${year + 1}年的日期无法按工作日计算，相关提醒将暂停。`);
  }
  return out;
}
