/**
 * The holiday data of the `chinese-days` package as per-year tables.
 *
 * The package's functions (isWorkday, findWorkday …) fall back to Mon–Fri for a year they do not
 * know (`isWorkday('2027-01-01') === true`, though it is 元旦), and none of its exports tells which
 * years it covers. Its raw tables are shipped as `dist/chinese-days.json`
 * ({ holidays, workdays, inLieuDays }: date → "English,中文,days"), so we read those and take a
 * year as covered exactly when the table lists holidays for it (2004–2026 in 1.5.7).
 */
import raw from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { YearTable } from './year-table.ts';

interface PackageTables {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** "National Day,国庆节,3" → "国庆节". */
function chineseName(value: string): string {
  return value.split(',')[1]?.trim() ?? '';
}

function byYear(entries: Record<string, string>): Map<number, Map<string, string>> {
  const out = new Map<number, Map<string, string>>();
  for (const [date, value] of Object.entries(entries)) {
    const year = Number(date.slice(0, 4));
    if (!out.has(year)) out.set(year, new Map());
    out.get(year)!.set(date, chineseName(value));
  }
  return out;
}

/** Builds the tables from data shaped like the package's JSON (exported for tests). */
export function tablesFromPackageData(data: PackageTables): YearTable[] {
  const holidays = byYear(data.holidays);
  const workdays = byYear(data.workdays);
  return [...holidays.keys()]
    .sort((a, b) => a - b)
    .map((year) => ({
      year,
      holidays: holidays.get(year)!,
      workdays: workdays.get(year) ?? new Map<string, string>(),
      source: 'chinese-days' as const,
    }));
}

let cached: YearTable[] | undefined;

/** The package's tables, built once. */
export function packageYearTables(): readonly YearTable[] {
  cached ??= tablesFromPackageData(raw as PackageTables);
  return cached;
}
