/** The scheduler's runs in words, for the start-up lines and the `tick` command. */
import { toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import { formatOfficialDateOf, formatShortDate } from '../domain/dates.ts';
import { REASON_LABELS, STATE_LABELS } from './ledger.ts';
import type { RunDueReport, RunOutcome } from './run-due.ts';

function when(iso: string): string {
  const d = new Date(iso);
  return `${formatShortDate(toShanghaiDate(d))} ${toShanghaiTime(d)}`;
}

export function outcomeLine(o: RunOutcome): string {
  const what = o.state === 'skipped' && o.reason ? `跳过（${REASON_LABELS[o.reason]}${o.note && o.reason !== 'nothing-to-say' ? `：${o.note}` : ''}）` : STATE_LABELS[o.state];
  const count = o.messages ? `，${o.messages}条消息` : '';
  const note = o.note && o.state !== 'skipped' ? `；${o.note}` : '';
  return `· ${o.label}（${when(o.dueAt)}）${what}${count}${note}`;
}

/** Lines describing a run. `onlyActivity` leaves out the quiet skips (weekends, nothing new). */
export function describeRun(r: RunDueReport, options: { onlyActivity?: boolean } = {}): string[] {
  const quiet = new Set(['holiday', 'weekend', 'nothing-to-say', 'no-longer-due']);
  const shown = options.onlyActivity ? r.outcomes.filter((o) => !(o.state === 'skipped' && o.reason && quiet.has(o.reason))) : r.outcomes;
  const lines = [`定时任务 ${formatOfficialDateOf(r.at)} ${toShanghaiTime(r.at)}：${r.outcomes.length ? `处理${r.outcomes.length}项，发出${r.messages}条消息` : '没有到期的任务'}${r.waiting ? `；${r.waiting}项在非工作日或夜间到期，等下一个工作日的白天再运行（提醒不在休息时间发出）` : ''}。`];
  if (options.onlyActivity && shown.length === 0) return r.messages || r.waiting ? lines : [];
  return [...lines, ...shown.map(outcomeLine)];
}
