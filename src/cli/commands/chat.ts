import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createApp } from '../../app.ts';
import { ConsoleSender } from '../../channels/console/console-sender.ts';
import { runConsoleChat } from '../../channels/console/console-chat.ts';
import { readChannelEnv } from '../../config/env.ts';
import { loadConfig } from '../../config/load.ts';
import { SettableClock, systemClock } from '../../domain/clock.ts';
import { rehearsal } from '../rehearsal.ts';
import { parseTickTime } from './tick.ts';

export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('本地控制台：以任何已配置的人员身份与助手对话（终端或管道输入）')
    .option('-c, --config <file>', '配置文件（默认 FUYUAN_CONFIG 或 config/demo.yaml）')
    .option('--at <time>', '演练：时钟从这一时刻开始（如 2026-12-01T09:00），用 /time 向前拨；数据放在单独的演练目录，除非设置了 DATA_DIR')
    .action(async (opts: { config?: string; at?: string }) => {
      const config = loadConfig(opts.config);
      const clock = opts.at ? new SettableClock(parseTickTime(opts.at)) : undefined;
      // A rehearsal never writes into the office's real data unless DATA_DIR says so.
      const dataDir = clock && !process.env.DATA_DIR ? mkdtempSync(join(tmpdir(), 'fuyuan-rehearsal-')) : readChannelEnv().dataDir;
      const app = await createApp({ config, dataDir, senders: [new ConsoleSender()], clock: clock?.now ?? systemClock });
      try {
        await app.bot.recoverPending();
        const rehearse = clock ? rehearsal(app, clock) : undefined;
        if (rehearse) {
          process.stdout.write(`演练：数据目录 ${dataDir}（与正式数据分开）。\n`);
          for (const line of await rehearse.start()) process.stdout.write(`${line}\n`);
        }
        await runConsoleChat({
          config,
          handle: app.bot.handle,
          clock: app.clock,
          ...(rehearse ? { slashCommands: { time: rehearse.time } } : {}),
          afterMessage: () => app.outbox.runOnce(),
        });
      } finally {
        await app.close();
      }
    });
}
