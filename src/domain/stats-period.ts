import { UserError } from './errors.ts';
import { parseDay } from './day-input.ts';

export const STATS_USAGE = '统计 [从:<开始日期>] [至:<结束日期>]';

/** The period of 统计 (chat and dashboard): this year up to today unless given; one sentence when wrong. */
export function statsPeriod(fromText: string | undefined, toText: string | undefined, today: string): { from: string; to: string } {
  const from = fromText ? day(fromText, today, '从') : `${today.slice(0, 4)}-01-01`;
  const to = toText ? day(toText, today, '至') : today;
  if (from > to) throw new UserError(`开始日期 ${from} 晚于结束日期 ${to}，请对调。写法：${STATS_USAGE}`);
  return { from, to };
}

function day(text: string, today: string, label: string): string {
  const r = parseDay(text, today, 'thisYear');
  if (!r.ok) throw new UserError(`“${label}”：${r.reason}`);
  return r.date;
}
