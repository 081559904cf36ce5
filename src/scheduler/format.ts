/** Wording shared by the scheduler's notices. */
import { weekdayLabel } from '../domain/calendar/civil.ts';
import { formatOfficialDate } from '../domain/dates.ts';

/** '2026年12月15日（星期二）' */
export function dayText(date: string): string {
  return `${formatOfficialDate(date)}（${weekdayLabel(date)}）`;
}
