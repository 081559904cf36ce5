import { expect } from 'vitest';
import { toShanghaiDate, toShanghaiTime } from '../../src/domain/calendar/shanghai.ts';
import type { WorkingCalendar } from '../../src/domain/calendar/working-days.ts';
import { type RunDueReport, runDue } from '../../src/scheduler/run-due.ts';
import type { Push, TestBot } from '../support/transcript.ts';

/** A push with the Shanghai day and time it went out (the fake clock when the outbox ran). */
export interface SentPush extends Push {
  day: string;
  time: string;
  key: string;
}

/** Runs the scheduler at `iso` (the fake clock moves there), delivers the outbox, returns what went out. */
export async function tick(t: TestBot, iso: string | Date): Promise<{ report: RunDueReport; sent: SentPush[] }> {
  t.clock.set(typeof iso === 'string' ? iso : iso.toISOString());
  const report = await runDue(t.app, t.clock.now);
  await t.app.outbox.runOnce();
  const day = toShanghaiDate(t.clock.now);
  const time = toShanghaiTime(t.clock.now);
  return { report, sent: t.takePushes().map((p) => ({ ...p, day, time, key: p.message.idempotencyKey })) };
}

/** Scheduler pushes only (idempotency keys `job:…`). */
export function fromJobs(sent: readonly SentPush[]): SentPush[] {
  return sent.filter((p) => p.key.startsWith('job:'));
}

/** The notice part of a key: 'job:task-soon:T1:2026-09-30#tax-liaison' → 'task-soon:T1:2026-09-30'. */
export function noticeOf(p: Pick<SentPush, 'key'>): string {
  return p.key.slice(4, p.key.lastIndexOf('#'));
}

export function expectNoDuplicates(sent: readonly SentPush[]): void {
  const byKey = new Map<string, number>();
  for (const p of sent) byKey.set(p.key, (byKey.get(p.key) ?? 0) + 1);
  expect([...byKey].filter(([, n]) => n > 1)).toEqual([]);
  const seen = new Map<string, number>();
  for (const p of sent) seen.set(`${p.to}|${p.day}|${p.text}`, (seen.get(`${p.to}|${p.day}|${p.text}`) ?? 0) + 1);
  expect([...seen].filter(([, n]) => n > 1).map(([k]) => k.slice(0, 80))).toEqual([]);
}

export function expectWorkingDays(calendar: WorkingCalendar, sent: readonly SentPush[]): void {
  const bad = sent.filter((p) => !calendar.isWorkingDay(p.day)).map((p) => `${p.day} ${p.time} ${noticeOf(p)}`);
  expect(bad).toEqual([]);
}
