import type { Command } from 'commander';
import { createApp } from '../../app.ts';
import type { ChannelSender } from '../../outbox/sender.ts';
import { readChannelEnv } from '../../config/env.ts';
import { loadConfig } from '../../config/load.ts';
import { UserError } from '../../domain/errors.ts';
import { describeRun } from '../../scheduler/describe.ts';
import { runDue } from '../../scheduler/run-due.ts';
import { buildSenders } from '../senders.ts';

/** '2026-12-01T09:00:00+08:00'; a time without a zone is Shanghai time, a date alone its midnight. */
export function parseTickTime(text: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/iu.exec(text.trim());
  const zone = m?.[3]?.replace(/^([+-]\d{2})(\d{2})$/u, '$1:$2');
  const at = m ? new Date(`${m[1]}T${m[2] ?? '00:00'}${zone ?? '+08:00'}`) : undefined;
  if (!at || Number.isNaN(at.getTime())) {
    throw new UserError(`看不懂时间“${text}”，请写成 2026-12-01T09:00:00+08:00 的形式（不写时区按北京时间）。`);
  }
  return at;
}

/**
 * `tick --at <time>`: runs every scheduled job due at that instant (simulated time, DESIGN §6)
 * on the data directory, with the same ledger as the service — so ticking the same instant twice
 * sends nothing the second time, and ticking after a gap catches up once. Messages go through
 * the configured channels; with none, they are printed to stdout.
 */
export function registerTick(program: Command): void {
  program
    .command('tick')
    .description('模拟时间：运行某一时刻到期的全部定时任务（提醒、排查、简报），经已配置的渠道发出；未配置平台时打印到屏幕')
    .requiredOption('--at <time>', '时刻，如 2026-12-01T09:00:00+08:00（不写时区按北京时间）')
    .option('-c, --config <file>', '配置文件（默认 FUYUAN_CONFIG 或 config/demo.yaml）')
    .action(async (opts: { at: string; config?: string }) => {
      const at = parseTickTime(opts.at);
      const config = loadConfig(opts.config);
      const env = readChannelEnv();
      const senders: ChannelSender[] = [];
      const app = await createApp({ config, dataDir: env.dataDir, senders, clock: () => at });
      const built = buildSenders(app, env);
      senders.push(...built.senders);
      try {
        for (const w of app.store.warnings) process.stdout.write(`⚠ ${w}\n`);
        const report = await runDue(app, at);
        const delivered = await app.outbox.runOnce();
        const waiting = app.store.lookup('outbox', 'state', 'pending').length;
        for (const line of describeRun(report)) process.stdout.write(`${line}\n`);
        const where = built.consoleOnly ? '（未配置平台，已打印在上面）' : '';
        process.stdout.write(`送出${delivered}条消息${where}${waiting ? `，${waiting}条待重试（服务启动后继续发送）` : ''}。\n`);
      } finally {
        await built.stop();
        await app.close();
      }
    });
}
