import type { Command } from 'commander';
import { createApp } from '../../app.ts';
import { ConsoleSender } from '../../channels/console/console-sender.ts';
import { runConsoleChat } from '../../channels/console/console-chat.ts';
import { readChannelEnv } from '../../config/env.ts';
import { loadConfig } from '../../config/load.ts';
import { systemClock } from '../../domain/clock.ts';

export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('本地控制台：以任何已配置的人员身份与助手对话（终端或管道输入）')
    .option('-c, --config <file>', '配置文件（默认 FUYUAN_CONFIG 或 config/demo.yaml）')
    .action(async (opts: { config?: string }) => {
      const config = loadConfig(opts.config);
      const { dataDir } = readChannelEnv();
      const app = await createApp({ config, dataDir, senders: [new ConsoleSender()], clock: systemClock });
      try {
        await app.bot.recoverPending();
        await runConsoleChat({ config, handle: app.bot.handle, clock: app.clock, afterMessage: () => app.outbox.runOnce() });
      } finally {
        await app.close();
      }
    });
}
