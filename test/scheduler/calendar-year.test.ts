import { afterEach, describe, expect, it } from 'vitest';
import { ArrangementError } from '../../src/domain/calendar/override.ts';
import { parseDateList, setArrangement } from '../../src/scheduler/calendar-admin.ts';
import { storedArrangements } from '../../src/scheduler/calendar-store.ts';
import { startScheduler } from '../../src/scheduler/register.ts';
import { HYPOTHETICAL_2027 } from '../domain/calendar/fixtures.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';
import { fromJobs, noticeOf, tick } from './helpers.ts';

/*
 * 2027's holidays were not published when this was written: the arrangement entered here is the
 * HYPOTHETICAL one of test/domain/calendar/fixtures.ts — made up for tests, not the real notice.
 */

let t: TestBot;
afterEach(async () => {
  await t.close();
});

describe('a year the holiday data does not cover (2027)', () => {
  it('is never treated as Mon–Fri: working-day jobs are skipped with the reason, and a weekly alert says why', async () => {
    t = await createTestBot({ at: '2027-01-04T07:00:00+08:00' });
    await t.say('办公室主任', 'single', '交办 内容:清理E1债权 牵头:税务局 期限:2027-01-06');
    t.takePushes();
    const { sent, report } = await tick(t, '2027-01-04T09:00:00+08:00');
    // Monday 1/4: only the alert to the director and the admin, nothing counted in working days.
    expect(fromJobs(sent).map((p) => `${p.to}:${noticeOf(p)}`).sort()).toEqual(['办公室主任:calendar-gap:2027-01-04', '系统管理员:calendar-gap:2027-01-04']);
    expect(fromJobs(sent)[0]!.text).toContain('2027年节假日安排尚未录入');
    expect(report.outcomes.find((o) => o.id === 'task-reminders@2027-01-04')).toMatchObject({ state: 'skipped', reason: 'uncovered-year' });
    expect(t.app.store.get('schedule', 'daily-digest@2027-01-04')).toMatchObject({ state: 'skipped', reason: 'uncovered-year' });
    // Tuesday: nothing at all (the alert is weekly).
    expect((await tick(t, '2027-01-05T09:00:00+08:00')).sent).toEqual([]);
  });

  it('is announced when the service starts', async () => {
    t = await createTestBot({ at: '2026-12-20T10:00:00+08:00' });
    const lines: string[] = [];
    const service = await startScheduler(t.app, (l) => lines.push(l), () => t.clock.now, false);
    await service.stop();
    expect(lines.join('\n')).toContain('2027年节假日安排尚未录入');
    expect(lines.join('\n')).toContain('定时任务：按Asia/Shanghai时间、中国工作日历运行');
  });

  it('refuses an arrangement with 7 working days in a row, and changes nothing', async () => {
    t = await createTestBot({ at: '2027-01-04T10:00:00+08:00' });
    const bad = { ...HYPOTHETICAL_2027, workdays: [...HYPOTHETICAL_2027.workdays, '2027-02-14'] };
    const err = await setArrangement(t.app, bad, 'admin-cli', t.clock.now).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArrangementError);
    expect((err as Error).message).toContain('2027-02-14 至 2027-02-20 连续工作7天');
    expect(storedArrangements(t.app.store)).toEqual([]);
  });

  it('once an admin enters it: deadlines on days off move, the jobs resume, and it survives a restart', async () => {
    t = await createTestBot({ at: '2027-01-04T07:00:00+08:00' });
    await t.say('办公室主任', 'single', '交办 内容:清理E1债权 牵头:税务局 协办:人社局 期限:2027-02-06');
    t.takePushes();
    await tick(t, '2027-01-04T09:00:00+08:00');
    t.clock.set('2027-01-04T11:00:00+08:00');
    const r = await setArrangement(t.app, HYPOTHETICAL_2027, 'admin-cli', t.clock.now);
    expect(r).toMatchObject({ year: 2027, moved: [{ id: 'T1', from: '2027-02-06', to: '2027-02-15' }] });
    await t.app.outbox.runOnce();
    const moved = t.takePushes();
    expect(moved.map((p) => p.to).sort()).toEqual(['区人社局联络员', '区税务局联络员']);
    expect(moved[0]!.text).toContain('期限2027年2月6日是春节假期，顺延至2027年2月15日');

    await t.restart({ crash: true });
    expect(t.app.calendar.isCovered(2027)).toBe(true);
    expect(t.app.calendar.isWorkingDay('2027-01-31')).toBe(true); // a made-up 调休 Sunday
    const { sent, report } = await tick(t, '2027-01-05T09:00:00+08:00');
    // Monday's skipped occurrences were looked at again and settled; Tuesday's ran.
    expect(t.app.store.get('schedule', 'task-reminders@2027-01-04')?.reason).toBe('superseded');
    expect(report.outcomes.find((o) => o.id === 'task-reminders@2027-01-05')?.state).toBe('skipped');
    expect(fromJobs(sent).some((p) => noticeOf(p).startsWith('calendar-gap'))).toBe(false);
    expect(t.app.store.get('tasks', 'T1')?.deadline).toBe('2027-02-15');
  });

  it('reads the admin\'s list form: named ranges and plain dates', () => {
    expect(parseDateList('元旦:2027-01-01..2027-01-03, 春节：2027-02-05..2027-02-12、2027-06-09')).toEqual({
      元旦: ['2027-01-01..2027-01-03'],
      春节: ['2027-02-05..2027-02-12'],
      '': ['2027-06-09'],
    });
  });
});
