/**
 * Holiday arrangements an admin entered (`calendar set`), kept in the store's settings as
 * `calendar:<year>` so they survive restarts and backups and are journaled like any change. At
 * start they are added to the calendar after the config's `calendarOverrides`, so the later act
 * of an admin wins; each is validated again, and one that no longer passes is reported, not used.
 */
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import type { YearTable } from '../domain/calendar/year-table.ts';
import type { Setting } from '../store/model.ts';

export const ARRANGEMENT_PREFIX = 'calendar:';

export interface StoredArrangement {
  year: number;
  /** Festival name ('' when not given) → the dates off. */
  holidays: Record<string, string[]>;
  workdays: string[];
  enteredAt: string;
  enteredBy: string;
}

export function arrangementId(year: number): string {
  return `${ARRANGEMENT_PREFIX}${year}`;
}

function isArrangement(s: Readonly<Setting>): boolean {
  return /^calendar:\d{4}$/u.test(s.id) && typeof s.value === 'object' && s.value !== null;
}

/** Every stored arrangement, by year. */
export function storedArrangements(reader: { values(c: 'settings'): Iterable<Readonly<Setting>> }): StoredArrangement[] {
  return [...reader.values('settings')]
    .filter(isArrangement)
    .map((s) => s.value as StoredArrangement)
    .sort((a, b) => a.year - b.year);
}

/** Adds the stored arrangements to the calendar; returns a warning per one that failed. */
export function loadStoredArrangements(reader: { values(c: 'settings'): Iterable<Readonly<Setting>> }, calendar: WorkingCalendar): string[] {
  const warnings: string[] = [];
  for (const a of storedArrangements(reader)) {
    try {
      calendar.addOverride({ year: a.year, holidays: a.holidays, workdays: a.workdays });
    } catch (err) {
      warnings.push(`已录入的${a.year}年节假日安排未能使用：${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return warnings;
}

/** The form a validated table is stored in (dates grouped by festival). */
export function toStored(table: YearTable, enteredBy: string, enteredAt: Date): StoredArrangement {
  const holidays: Record<string, string[]> = {};
  for (const [date, name] of [...table.holidays].sort((a, b) => a[0].localeCompare(b[0]))) (holidays[name] ??= []).push(date);
  return { year: table.year, holidays, workdays: [...table.workdays.keys()].sort(), enteredAt: enteredAt.toISOString(), enteredBy };
}
