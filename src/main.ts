import type { Server } from 'node:http';
import { createApp } from './app.ts';
import type { ChannelSender } from './channels/channel.ts';
import { runConsoleChat } from './channels/console/console-chat.ts';
import { ConsoleSender } from './channels/console/console-sender.ts';
import { setupDingtalk } from './channels/dingtalk/setup.ts';
import { WecomScheduleApi } from './channels/wecom/schedule-api.ts';
import { setupWecom } from './channels/wecom/setup.ts';
import { describeChannels } from './config/describe.ts';
import { readChannelEnv } from './config/env.ts';
import { loadConfig } from './config/load.ts';
import { logger } from './core/log.ts';
import { createHttpApp } from './http/app.ts';
import { setupKfIntake } from './intake/setup.ts';
import { exitCodeFor } from './cli/run.ts';
import { CalendarSync } from './meetings/calendar/sync.ts';
import { startServices } from './services.ts';
import './scheduler/register.ts';
import './store/housekeeping-service.ts';
import './store/backup-service.ts';

/**
 * `npm start`: the service. Loads the config, opens the store (refusing a damaged or locked data
 * directory), turns on the channels whose credentials are in the environment, serves the HTTP
 * callbacks and /healthz, runs the outbox and the scheduler, and — in a terminal — the local
 * console. With no platform account every message is printed to stdout instead of sent.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const env = readChannelEnv();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`府院联动助手 启动：${config.mechanism.name}（配置 ${config.source}，数据目录 ${env.dataDir}）`);
  for (const line of describeChannels(env)) out(`  ${line}`);
  for (const p of env.problems) out(`  ⚠ ${p}`);
  for (const w of config.warnings) out(`  ⚠ ${w}`);

  const senders: ChannelSender[] = [];
  const app = await createApp({ config, dataDir: env.dataDir, senders });
  for (const w of app.store.warnings) out(`  ⚠ ${w}`);

  const kf = env.wecomKf ? setupKfIntake({ app, kf: env.wecomKf }) : undefined;
  const wecom = setupWecom({
    bot: app.bot,
    store: app.store,
    ...(env.wecomApp ? { app: env.wecomApp } : {}),
    ...(env.wecomAibot ? { aibot: env.wecomAibot } : {}),
    ...(kf ? { kf: kf.wecom } : {}),
  });
  const dingtalk = await setupDingtalk({ bot: app.bot, ...(env.dingtalk ? { env: env.dingtalk } : {}) });
  if (wecom) senders.push(wecom.sender);
  if (dingtalk) senders.push(dingtalk.sender);
  if (senders.length === 0) {
    senders.push(new ConsoleSender());
    out('  未开启任何平台渠道：所有要发出的消息都打印在这里。');
  }

  const http = createHttpApp({
    store: app.store,
    routes: [wecom?.routes, dingtalk?.routes].filter((r) => r !== undefined),
    channels: { wecomApp: Boolean(env.wecomApp), wecomAibot: Boolean(env.wecomAibot), dingtalk: Boolean(env.dingtalk) },
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = http.listen(env.port, () => resolve(s)).on('error', reject);
  });
  const address = server.address();
  out(`  HTTP 服务：http://0.0.0.0:${typeof address === 'object' && address ? address.port : env.port}（/healthz）`);

  const services = await startServices(app, out);
  app.outbox.start();
  // Fixed meetings into calendars: WeCom schedules, .ics files on DingTalk (src/meetings/calendar/).
  const calendars = new CalendarSync({
    store: app.store,
    config,
    ...(wecom?.api ? { schedules: new WecomScheduleApi(wecom.api) } : {}),
    ics: Boolean(dingtalk),
    onOutbox: () => app.outbox.wake(),
  });
  calendars.start();
  const recovered = await app.bot.recoverPending();
  if (recovered) out(`  已处理停机前收到但未处理完的 ${recovered} 条消息。`);
  // 微信客服 messages whose callbacks came while the service was down are pulled now.
  if (kf) void kf.intake.catchUp().catch((err: unknown) => logger.error({ err }, 'kf catch-up failed'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    server.close();
    await services.stop();
    await calendars.stop();
    await wecom?.stop();
    await dingtalk?.stop();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (process.stdin.isTTY) {
    await runConsoleChat({ config, handle: app.bot.handle, afterMessage: () => app.outbox.runOnce() });
    await stop('console closed');
  }
}

main().catch((err: unknown) => {
  const code = exitCodeFor(err);
  process.stderr.write(`启动失败：${err instanceof Error ? (code === 1 ? err.stack : err.message) : String(err)}\n`);
  process.exit(code);
});
