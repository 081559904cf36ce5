/**
 * Starts the scheduler as a service of `npm start` (listed in src/services.ts). At start
 * it warns about holiday data that is missing, catches up on what was due while the service was
 * down — once — and then runs every minute.
 */
import type { Service } from '../core/service.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { calendarWarnings } from './calendar-warnings.ts';
import { describeRun } from './describe.ts';
import type { SchedulerApp } from './run-due.ts';
import { SchedulerService, TIME_ZONE } from './service.ts';

export async function startScheduler(app: SchedulerApp, out: (line: string) => void, clock: () => Date = app.clock, cron = true): Promise<Service> {
  for (const w of calendarWarnings(app.calendar, toShanghaiDate(clock()), 'always')) out(`  ⚠ ${w}`);
  const scheduler = new SchedulerService(app, clock);
  const r = app.config.rhythms;
  out(`  定时任务：按${TIME_ZONE}时间、中国工作日历运行（每日简报 ${r.dailyDigestAt}，周报 ${r.weeklyDigestAt}，提醒 ${r.remindersAt}）。`);
  const first = await scheduler.tick();
  if (first) for (const line of describeRun(first, { onlyActivity: true })) out(`  ${line}`);
  if (cron) scheduler.start();
  return { stop: () => scheduler.stop() };
}
