import type Router from '@koa/router';
import type { Bot } from '../../core/bot.ts';
import type { WecomAibotEnv, WecomAppEnv } from '../../config/env.ts';
import type { Store } from '../../store/store.ts';
import type { ChannelSender } from '../channel.ts';
import { wecomAibotRoutes } from './aibot-callback.ts';
import { WecomApiClient } from './api-client.ts';
import { wecomAppRoutes } from './app-callback.ts';
import { wecomTaskId } from './render.ts';
import { WecomSender } from './sender.ts';
import { WecomWebhookClient } from './webhook-client.ts';

export interface WecomSetup {
  sender: ChannelSender;
  api: WecomApiClient;
  routes: (router: Router) => void;
}

/**
 * Connects the WeCom transport to the bot: the app and 智能机器人 callbacks, and the sender.
 * A card click is mapped back to the command of the button that was clicked, found in the
 * outbox item that carried the card.
 */
export function setupWecom(options: {
  bot: Bot;
  store: Store;
  app?: WecomAppEnv;
  aibot?: WecomAibotEnv;
  onKfEvent?: (event: { token: string; openKfId: string }) => void | Promise<void>;
}): WecomSetup | undefined {
  const { bot, store, app, aibot } = options;
  if (!app) return undefined;
  const api = new WecomApiClient({ baseUrl: app.apiBase, corpId: app.corpId, secret: app.secret, agentId: String(app.agentId) });
  const webhook = new WecomWebhookClient({ baseUrl: app.apiBase });
  const sender = new WecomSender({ api, webhook });
  const commandForButton = (taskId: string, key: string): string | undefined => {
    for (const item of store.values('outbox')) {
      const card = item.message.card;
      if (card && (card.cardId === taskId || wecomTaskId(card.cardId) === taskId)) {
        const button = card.buttons.find((b) => b.key === key);
        if (button) return button.command;
      }
    }
    return undefined;
  };
  const routes = (router: Router) => {
    wecomAppRoutes(router, {
      token: app.token,
      encodingAESKey: app.aesKey,
      corpId: app.corpId,
      handle: bot.handle,
      commandForButton,
      sendLate: (inbound, replies, firstIndex) => bot.sendRepliesLater(inbound, replies, firstIndex),
      defer: (inbound) => bot.defer(inbound, { repliesViaOutbox: true }),
      api,
      ...(options.onKfEvent ? { onKfEvent: options.onKfEvent } : {}),
    });
    if (aibot?.mode === 'http') {
      wecomAibotRoutes(router, {
        token: aibot.token,
        encodingAESKey: aibot.aesKey,
        handle: bot.handle,
        commandForButton,
        defer: (inbound) => bot.defer(inbound, { repliesViaOutbox: false }),
        api,
      });
    }
  };
  return { sender, api, routes };
}
