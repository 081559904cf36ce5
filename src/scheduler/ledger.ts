/**
 * The schedule ledger (collection `schedule`): one entry per occurrence of a job, and the keys
 * of the notices each run sent. It is what makes the scheduler restart-safe — node-cron keeps
 * nothing across restarts — and what an admin reads to see what ran, what was skipped and why.
 */
import type { ScheduleEntry, Setting } from '../store/model.ts';

/** What the ledger reads: the store itself or a transaction. */
export interface LedgerReader {
  get(c: 'settings', id: string): Readonly<Setting> | undefined;
  lookup(c: 'schedule', index: string, key: string): readonly Readonly<ScheduleEntry>[];
}

/** A failed occurrence is tried this many times in all, then left as failed for the admin. */
export const MAX_ATTEMPTS = 3;

/** settings id: the instant of the last scheduler run (the start of the next catch-up window). */
export const LAST_RUN_SETTING = 'scheduler:lastRun';

export function entryId(job: string, slot: string): string {
  return `${job}@${slot}`;
}

/** Whether an entry is settled: it will not run again, whatever happens. */
export function isFinal(e: Pick<ScheduleEntry, 'state' | 'reason' | 'attempts'>): boolean {
  if (e.state === 'planned') return false;
  if (e.state === 'failed') return (e.attempts ?? 0) >= MAX_ATTEMPTS;
  if (e.state === 'skipped') return e.reason !== 'uncovered-year';
  return true;
}

/** Entries to look at again (planned, failed with tries left, waiting for a year's holidays). */
export function openEntries(reader: LedgerReader): Readonly<ScheduleEntry>[] {
  return reader.lookup('schedule', 'open', 'open').filter((e) => !isFinal(e));
}

/** Whether a notice has been sent by any run so far. */
export function noticeSent(reader: LedgerReader, key: string): boolean {
  return reader.lookup('schedule', 'notice', key).length > 0;
}

export function lastRun(reader: LedgerReader): Date | undefined {
  const v = reader.get('settings', LAST_RUN_SETTING)?.value;
  return typeof v === 'string' ? new Date(v) : undefined;
}

export const STATE_LABELS: Readonly<Record<ScheduleEntry['state'], string>> = {
  planned: '待运行',
  sent: '已发送',
  'caught-up': '已补发',
  skipped: '跳过',
  failed: '失败',
};

export const REASON_LABELS: Readonly<Record<NonNullable<ScheduleEntry['reason']>, string>> = {
  holiday: '节假日',
  weekend: '周末',
  'uncovered-year': '该年节假日安排尚未录入',
  'nothing-to-say': '无新内容',
  superseded: '停机期间错过，已由最近一次代替',
  expired: '已过时效',
  disabled: '按配置不运行',
  'no-longer-due': '已不再需要',
};
