import type Router from '@koa/router';
import type { DingtalkEnv } from '../../config/env.ts';
import type { Bot } from '../../core/bot.ts';
import { logger } from '../../log/log.ts';
import type { ChannelSender } from '../../outbox/sender.ts';
import { DingtalkApiClient } from './api-client.ts';
import { dingtalkRobotRoutes, type RobotCallbackRoutes } from './robot-callback.ts';
import { DingtalkSender } from './sender.ts';
import type { DingtalkStream } from './stream.ts';

export interface DingtalkSetup {
  sender: ChannelSender;
  api: DingtalkApiClient;
  /** Installs `POST /dingtalk/robot`. */
  routes: (router: Router) => void;
  /** Closes the Stream connection and waits for callbacks being handled. */
  stop(): Promise<void>;
}

/**
 * Connects the DingTalk transport to the bot. The HTTP callback route is installed in both modes
 * (it is a stable route and answers only signed requests); in `stream` mode the Stream connection
 * is opened as well, since that is where DingTalk then delivers.
 */
export function setupDingtalk(options: { bot: Bot; env?: DingtalkEnv }): DingtalkSetup | undefined {
  const { bot, env } = options;
  if (!env) return undefined;
  const api = new DingtalkApiClient({
    apiBase: env.apiBase, oapiBase: env.oapiBase, appKey: env.appKey, appSecret: env.appSecret, robotCode: env.robotCode,
  });
  // Mentions name people (Person.id) or are DingTalk staffIds already.
  const resolveMention = (id: string): string | undefined => {
    const person = bot.config.personById(id);
    return person ? person.ids.dingtalk : id;
  };
  const sender = new DingtalkSender({ api, customRobot: api.customRobotClient(), resolveMention });

  let callback: RobotCallbackRoutes | undefined;
  const routes = (router: Router): void => {
    callback = dingtalkRobotRoutes(router, {
      appSecret: env.appSecret,
      handle: bot.handle,
      defer: (msg) => bot.defer(msg, { repliesViaOutbox: false }),
      api,
      resolveMention,
    });
  };

  // The Stream SDK (and its axios and ws) is loaded only in stream mode.
  const stream: Promise<DingtalkStream> | undefined =
    env.mode === 'stream'
      ? import('./stream.ts').then(({ startDingtalkStream }) =>
          startDingtalkStream({ clientId: env.appKey, clientSecret: env.appSecret, apiBase: env.apiBase, handle: bot.handle, api, resolveMention }),
        )
      : undefined;
  logger.info({ mode: env.mode }, 'dingtalk channel on');

  return {
    sender,
    api,
    routes,
    async stop() {
      (await stream)?.stop();
      await callback?.idle();
    },
  };
}
