/**
 * The rehearsal clock (演练): `npm run chat -- --at 2026-12-01T09:00` runs the console at that
 * instant, and `/time 2026-12-03 15:00` moves it forward. Moving forward steps through every
 * instant a scheduled job falls due (and each morning, when notices that waited for a working day
 * go out), running the scheduler and the outbox at each — as the service would have, minute by
 * minute — so a quarter can be rehearsed in an afternoon. Messages print as they do for `tick`.
 */
import type { App } from '../app.ts';
import type { ConsoleSlashCommand } from '../channels/console/console-chat.ts';
import { addDays } from '../domain/calendar/civil.ts';
import { shanghaiDateTime, toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import type { SettableClock } from '../domain/clock.ts';
import { formatOfficialDateOf } from '../domain/dates.ts';
import { describeRun } from '../scheduler/describe.ts';
import { JOBS } from '../scheduler/jobs/index.ts';
import { DELIVERY_HOURS, runDue } from '../scheduler/run-due.ts';
import { parseTickTime } from './commands/tick.ts';

export const REHEARSAL_HELP = '  /time <日期 时间>  演练：把时钟拨到以后某一时刻（如 /time 2026-12-03 15:00），其间到期的定时任务依次运行';

/** The instants in (from, to] at which the scheduler has something to look at, and `to` itself. */
export function stepsBetween(app: Pick<App, 'config' | 'calendar'>, from: Date, to: Date): Date[] {
  const env = { config: app.config, calendar: app.calendar };
  const steps = new Set<number>([to.getTime()]);
  const within = (ms: number) => ms > from.getTime() && ms <= to.getTime();
  for (const job of JOBS) {
    for (const slot of job.slots(env, from, to)) {
      const due = job.occurrence(env, slot)?.dueAt.getTime();
      if (due !== undefined && within(due)) steps.add(due);
    }
  }
  for (let day = toShanghaiDate(from); day <= toShanghaiDate(to); day = addDays(day, 1)) {
    const morning = shanghaiDateTime(day, DELIVERY_HOURS.from).getTime();
    if (within(morning)) steps.add(morning);
  }
  return [...steps].sort((a, b) => a - b).map((ms) => new Date(ms));
}

const stamp = (at: Date) => `${formatOfficialDateOf(at)} ${toShanghaiTime(at)}`;

export function rehearsal(app: App, clock: SettableClock): { start(): Promise<string[]>; time: ConsoleSlashCommand } {
  /** Runs what is due at `at` and delivers what it queued; the deliveries print themselves. */
  const runAt = async (at: Date): Promise<string[]> => {
    clock.set(at);
    const report = await runDue(app, at);
    await app.outbox.runOnce();
    return describeRun(report, { onlyActivity: true });
  };
  return {
    start: async () => [`演练时钟：现在是${stamp(clock.now())}。用 /time 拨到以后的时刻。`, ...(await runAt(clock.now()))],
    time: {
      help: REHEARSAL_HELP,
      async run(arg) {
        if (!arg.trim()) return [`演练时钟：现在是${stamp(clock.now())}。`];
        let to: Date;
        try {
          to = parseTickTime(arg);
        } catch (err) {
          return [err instanceof Error ? err.message : String(err)];
        }
        const now = clock.now();
        if (to <= now) return [`演练时钟只能向前拨：现在是${stamp(now)}，请写以后的时刻。`];
        const lines: string[] = [];
        for (const step of stepsBetween(app, now, to)) lines.push(...(await runAt(step)));
        lines.push(`演练时钟：现在是${stamp(to)}。`);
        return lines;
      },
    },
  };
}
