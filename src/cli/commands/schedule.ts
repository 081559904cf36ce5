import type { Command } from 'commander';
import { createApp } from '../../app.ts';
import { readChannelEnv } from '../../config/env.ts';
import { loadConfig } from '../../config/load.ts';
import { UserError } from '../../domain/errors.ts';
import { addDays, isIsoDate } from '../../domain/calendar/civil.ts';
import { shanghaiStartOfDay, toShanghaiDate } from '../../domain/calendar/shanghai.ts';
import { outcomeLine } from '../../scheduler/describe.ts';
import { JOBS } from '../../scheduler/jobs/index.ts';
import { lastRun } from '../../scheduler/ledger.ts';
import { systemClock } from '../../domain/clock.ts';

/**
 * `schedule [--from <date>] [--days <n>]`: the schedule ledger for a few days — what ran, what
 * was skipped and why, what is planned — so an admin can answer "was the reminder sent?".
 */
export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description('查看定时任务台账：某几天各项提醒、简报是否已发送、为何跳过、接下来安排了什么')
    .option('--from <date>', '起始日期，如 2026-12-01（默认昨天）')
    .option('--days <n>', '天数（默认 4）', '4')
    .option('-c, --config <file>', '配置文件')
    .action(async (opts: { from?: string; days: string; config?: string }) => {
      const today = toShanghaiDate(systemClock());
      const from = opts.from ?? addDays(today, -1);
      const days = Number(opts.days);
      if (!isIsoDate(from)) throw new UserError(`日期写成 2026-12-01 的形式，您写的是“${from}”。`);
      if (!Number.isInteger(days) || days < 1 || days > 92) throw new UserError('天数应为 1 到 92 之间的整数。');
      const config = loadConfig(opts.config);
      const app = await createApp({ config, dataDir: readChannelEnv().dataDir, senders: [], clock: systemClock });
      try {
        const start = shanghaiStartOfDay(from).toISOString();
        const end = shanghaiStartOfDay(addDays(from, days)).toISOString();
        const labels = new Map(JOBS.map((j) => [j.id, j.label]));
        const entries = [...app.store.values('schedule')].filter((e) => e.dueAt >= start && e.dueAt < end).sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
        const last = lastRun(app.store);
        process.stdout.write(`定时任务台账 ${from} 起 ${days} 天，共${entries.length}项；上次运行：${last ? last.toISOString() : '从未运行'}\n`);
        for (const e of entries) {
          process.stdout.write(`${outcomeLine({ id: e.id, job: e.job, label: labels.get(e.job) ?? e.job, slot: e.slot, dueAt: e.dueAt, state: e.state, messages: e.messages ?? 0, ...(e.reason ? { reason: e.reason } : {}), ...(e.note ?? e.error ? { note: e.note ?? e.error! } : {}) })}\n`);
        }
      } finally {
        await app.close();
      }
    });
}
