/**
 * One year's holiday arrangement in the shape the calendar works with: the weekday dates that
 * are off (放假) and the weekend dates that are worked (调休上班). Every other day follows the
 * Mon–Fri rule. Values are the festival's Chinese name when known ('国庆节'), else ''.
 */
export interface YearTable {
  year: number;
  holidays: ReadonlyMap<string, string>;
  workdays: ReadonlyMap<string, string>;
  /** Where the table came from, for messages and the admin view. */
  source: 'chinese-days' | 'override';
}
