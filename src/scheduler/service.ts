/**
 * The scheduler as a background service: node-cron wakes it every minute in Asia/Shanghai (so
 * the server's own time zone never matters), and each wake-up calls runDue with the current
 * time. Runs never overlap: a wake-up while a run is in progress is dropped (the next one covers
 * its window, since runDue works from the last run, not from the wake-up).
 */
import cron, { type ScheduledTask } from 'node-cron';
import { logger } from '../log/log.ts';
import { type RunDueReport, runDue, type SchedulerApp } from './run-due.ts';

export const CRON_EXPRESSION = '* * * * *';
export const TIME_ZONE = 'Asia/Shanghai';

export class SchedulerService {
  private running: Promise<RunDueReport | undefined> | undefined;
  private task: ScheduledTask | undefined;

  constructor(private readonly app: SchedulerApp, private readonly clock: () => Date) {}

  /** One run now (skipped if one is in progress). */
  tick(): Promise<RunDueReport | undefined> {
    if (this.running) return Promise.resolve(undefined);
    this.running = runDue(this.app, this.clock())
      .catch((err: unknown) => {
        logger.error({ err }, 'scheduler run failed');
        return undefined;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  start(): void {
    this.task = cron.schedule(CRON_EXPRESSION, () => this.tick(), { timezone: TIME_ZONE, name: 'fuyuan-scheduler', noOverlap: true });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.task?.destroy();
    this.task = undefined;
    await this.running;
  }
}
