import { afterEach, describe, expect, it } from 'vitest';
import { shanghaiDateTime } from '../../src/domain/calendar/shanghai.ts';
import type { Job } from '../../src/scheduler/job.ts';
import { dailyJob } from '../../src/scheduler/jobs/daily.ts';
import { directors } from '../../src/scheduler/recipients.ts';
import { runDue } from '../../src/scheduler/run-due.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';
import { fromJobs, noticeOf, tick } from './helpers.ts';

let t: TestBot;
afterEach(async () => {
  await t.close();
});

/** A job that says "hello" to the director at 09:00 on working days, and fails while `fail` is set. */
function helloJob(state: { fail: boolean; runs: number }, catchUp: 'latest' | 'each' = 'latest'): Job {
  return dailyJob({
    id: 'hello',
    label: '测试',
    catchUp,
    times: () => ['09:00'],
    run(ctx) {
      state.runs++;
      ctx.notify(`hello:${ctx.occurrence.slot}`, directors(ctx.config), `你好 ${ctx.occurrence.slot}`);
      if (state.fail) throw new Error('boom after queuing');
    },
  });
}

describe('catch-up after downtime', () => {
  it('sends an occurrence missed while the service was down once, marked caught up, and never again', async () => {
    t = await createTestBot({ at: '2026-12-01T07:00:00+08:00' });
    await tick(t, '2026-12-01T07:00:00+08:00');
    // Crash before the 08:30 digest and the 09:00 reminders; back at 11:00.
    await t.restart({ crash: true });
    const back = fromJobs((await tick(t, '2026-12-01T11:00:00+08:00')).sent);
    expect(back.map(noticeOf)).toContain('daily-digest:2026-12-01');
    expect(back.filter((p) => noticeOf(p).startsWith('screening-open:2026Q4:'))).toHaveLength(17);
    expect(t.app.store.get('schedule', 'daily-digest@2026-12-01')?.state).toBe('caught-up');
    expect(t.app.store.get('schedule', 'screening@2026-12-01')?.state).toBe('caught-up');
    // Another run at the same instant, a restart, a later run: nothing more.
    expect((await tick(t, '2026-12-01T11:00:00+08:00')).sent).toEqual([]);
    await t.restart({ crash: true });
    expect(fromJobs((await tick(t, '2026-12-01T11:30:00+08:00')).sent)).toEqual([]);
  });

  it('after several days down runs only the latest of a daily series (the older ones are recorded as superseded)', async () => {
    t = await createTestBot({ at: '2026-12-01T07:00:00+08:00' });
    const state = { fail: false, runs: 0 };
    const jobs = [helloJob(state)];
    await runDue(t.app, new Date('2026-12-01T07:00:00+08:00'), { jobs });
    const r = await runDue(t.app, new Date('2026-12-04T10:00:00+08:00'), { jobs });
    expect(r.outcomes.map((o) => `${o.slot}:${o.state}:${o.reason ?? ''}`)).toEqual([
      '2026-12-01:skipped:superseded', '2026-12-02:skipped:superseded', '2026-12-03:skipped:superseded', '2026-12-04:caught-up:',
    ]);
    expect(state.runs).toBe(1);
  });

  it('with the "each" policy runs every missed occurrence, once', async () => {
    t = await createTestBot({ at: '2026-12-01T07:00:00+08:00' });
    const state = { fail: false, runs: 0 };
    const jobs = [helloJob(state, 'each')];
    await runDue(t.app, new Date('2026-12-01T07:00:00+08:00'), { jobs });
    t.clock.set('2026-12-03T10:00:00+08:00');
    await runDue(t.app, t.clock.now, { jobs });
    await runDue(t.app, t.clock.now, { jobs });
    await t.app.outbox.runOnce();
    expect(t.takePushes().map((p) => p.text)).toEqual(['你好 2026-12-01', '你好 2026-12-02', '你好 2026-12-03']);
  });

  it('writes the ledger entry and the messages in one transaction: a run that fails queues nothing and is retried', async () => {
    t = await createTestBot({ at: '2026-12-01T09:00:00+08:00' });
    const state = { fail: true, runs: 0 };
    const jobs = [helloJob(state)];
    await runDue(t.app, new Date('2026-12-01T09:00:00+08:00'), { jobs });
    expect(t.app.store.get('schedule', 'hello@2026-12-01')).toMatchObject({ state: 'failed', attempts: 1, error: 'boom after queuing' });
    expect(t.app.store.lookup('outbox', 'state', 'pending')).toEqual([]);
    state.fail = false;
    await runDue(t.app, new Date('2026-12-01T09:01:00+08:00'), { jobs });
    t.clock.set('2026-12-01T09:02:00+08:00');
    await runDue(t.app, t.clock.now, { jobs });
    await t.app.outbox.runOnce();
    expect(t.takePushes().map((p) => p.text)).toEqual(['你好 2026-12-01']);
    expect(t.app.store.get('schedule', 'hello@2026-12-01')?.state).toBe('sent');
  });

  it('gives up on an occurrence after three failures and leaves it for the admin', async () => {
    t = await createTestBot({ at: '2026-12-01T09:00:00+08:00' });
    const state = { fail: true, runs: 0 };
    const jobs = [helloJob(state)];
    for (let m = 0; m < 5; m++) await runDue(t.app, new Date(shanghaiDateTime('2026-12-01', '09:00').getTime() + m * 60_000), { jobs });
    expect(state.runs).toBe(3);
    expect(t.app.store.get('schedule', 'hello@2026-12-01')).toMatchObject({ state: 'failed', attempts: 3 });
  });

  it('delivers what a run queued before a crash once the service is back, without queuing it again', async () => {
    t = await createTestBot({ at: '2026-12-01T08:30:00+08:00' });
    await runDue(t.app, t.clock.now);
    // Crash after the commit, before the outbox delivered anything.
    await t.restart({ crash: true });
    await t.app.outbox.runOnce();
    const first = t.takePushes();
    expect(first.map((p) => p.message.idempotencyKey)).toEqual(['job:daily-digest:2026-12-01#director']);
    expect((await tick(t, '2026-12-01T08:31:00+08:00')).sent).toEqual([]);
  });

  it('waits at night and on days off: a late occurrence goes out on a working day, not before its own time', async () => {
    t = await createTestBot({ at: '2026-12-03T07:00:00+08:00' });
    const state = { fail: false, runs: 0 };
    const jobs = [helloJob(state, 'each')];
    await runDue(t.app, new Date('2026-12-03T07:00:00+08:00'), { jobs });
    // Down on Thursday and Friday; back on Friday at 23:00, then Saturday, then Monday 08:00 and 09:00.
    const night = await runDue(t.app, new Date('2026-12-04T23:00:00+08:00'), { jobs });
    expect(night.waiting).toBe(2);
    expect(t.app.store.get('schedule', 'hello@2026-12-03')?.state).toBe('planned');
    expect((await runDue(t.app, new Date('2026-12-05T10:00:00+08:00'), { jobs })).messages).toBe(0);
    expect((await runDue(t.app, new Date('2026-12-07T08:00:00+08:00'), { jobs })).messages).toBe(0);
    const monday = await runDue(t.app, new Date('2026-12-07T09:00:00+08:00'), { jobs });
    expect(monday.outcomes.filter((o) => o.messages > 0).map((o) => o.slot)).toEqual(['2026-12-03', '2026-12-04', '2026-12-07']);
  });

  it('lets a newer run cover an older one still waiting: Friday\'s missed 14:00 run is superseded by Monday\'s 09:00', async () => {
    t = await createTestBot({ at: '2026-12-04T10:00:00+08:00' });
    const runs: string[] = [];
    const jobs = [dailyJob({ id: 'twice', label: '测试', times: () => ['09:00', '14:00'], run: (ctx) => void runs.push(ctx.occurrence.slot) })];
    await runDue(t.app, new Date('2026-12-04T10:00:00+08:00'), { jobs });
    const monday = await runDue(t.app, new Date('2026-12-07T09:30:00+08:00'), { jobs });
    expect(runs).toEqual(['2026-12-04T09:00', '2026-12-07T09:00']);
    expect(monday.waiting).toBe(0);
    expect(t.app.store.get('schedule', 'twice@2026-12-04T14:00')).toMatchObject({ state: 'skipped', reason: 'superseded' });
  });

  it('on its very first run looks back to midnight only, not to the beginning of time', async () => {
    t = await createTestBot({ at: '2026-12-02T15:00:00+08:00' });
    const r = await runDue(t.app, t.clock.now);
    expect(r.outcomes.every((o) => o.dueAt >= new Date('2026-12-02T00:00:00+08:00').toISOString())).toBe(true);
    // Today's opening of the screening (planned for 12/1, the first working day) still happens, late.
    expect(t.app.store.get('screenings', '2026Q4')).toMatchObject({ opensOn: '2026-12-02', openedLate: true, deadline: '2026-12-16' });
  });

  it('enters the next days in the ledger as planned', async () => {
    t = await createTestBot({ at: '2026-12-04T10:00:00+08:00' });
    await runDue(t.app, t.clock.now);
    expect(t.app.store.get('schedule', 'daily-digest@2026-12-07')).toMatchObject({ state: 'planned', dueAt: new Date('2026-12-07T08:30:00+08:00').toISOString() });
    expect(t.app.store.get('schedule', 'daily-digest@2026-12-05')).toBeUndefined();
  });
});

describe('describeRun', () => {
  it('explains why occurrences wait: due at night or on a day off, they run on the next working day in the daytime', async () => {
    const { describeRun } = await import('../../src/scheduler/describe.ts');
    const lines = describeRun({ at: new Date('2026-12-05T02:00:00Z'), outcomes: [], messages: 0, waiting: 1 } as never);
    expect(lines[0]).toBe('定时任务 2026年12月5日 10:00：没有到期的任务；1项在非工作日或夜间到期，等下一个工作日的白天再运行（提醒不在休息时间发出）。');
  });
});
