import type Router from '@koa/router';
import type { Bot } from '../../core/bot.ts';
import type { WecomAibotEnv, WecomAppEnv } from '../../config/env.ts';
import type { OutboundMessage } from '../../domain/types.ts';
import type { Store } from '../../store/store.ts';
import type { ChannelSender } from '../../outbox/sender.ts';
import { wecomAibotRoutes } from './aibot-callback.ts';
import type { WecomAibotWs } from './aibot-ws.ts';
import { startWecomAibotWsOnDemand } from './aibot-ws-on-demand.ts';
import { WecomApiClient } from './api-client.ts';
import { wecomAppRoutes } from './app-callback.ts';
import { wecomTaskId } from './render.ts';
import type { KfApi } from './kf-api.ts';
import { WecomKfSender } from './kf-sender.ts';
import { WecomSender } from './sender.ts';
import { WecomWebhookClient } from './webhook-client.ts';

/** What the rescue-center intake (src/kf-intake.ts) hands to the WeCom transport. */
export interface WecomKfWiring {
  /** kf_msg_or_event arrived on /wecom/app: pull the account's messages. */
  onEvent: (event: { token: string; openKfId: string }) => void | Promise<void>;
  api: KfApi;
  /** A reply the platform refused for good (kf-sender.ts). */
  onUndeliverable?: (msg: OutboundMessage, reason: string) => void | Promise<void>;
}

export interface WecomSetup {
  sender: ChannelSender;
  /** The self-built app's API; absent when only the 智能机器人 long connection is configured. */
  api?: WecomApiClient;
  routes: (router: Router) => void;
  /** Closes the 智能机器人 long connection (if open) after the answers in flight. */
  stop(): Promise<void>;
}

/**
 * Connects the WeCom transport to the bot: the app and 智能机器人 callbacks, the 智能机器人 long
 * connection, and the sender. A card click is mapped back to the command of the button that was
 * clicked, found in the outbox item that carried the card. The long connection needs no public
 * address, so it also runs without the self-built app (then persons are reached through it too).
 */
export function setupWecom(options: {
  bot: Bot;
  store: Store;
  app?: WecomAppEnv;
  aibot?: WecomAibotEnv;
  onKfEvent?: (event: { token: string; openKfId: string }) => void | Promise<void>;
  /** 微信客服: the intake's event handler and the kf client for replies to WeChat customers. */
  kf?: WecomKfWiring;
}): WecomSetup | undefined {
  const { bot, store, app, aibot, kf } = options;
  const onKfEvent = kf?.onEvent ?? options.onKfEvent;
  const kfSender = kf ? new WecomKfSender({ api: kf.api, ...(kf.onUndeliverable ? { onUndeliverable: kf.onUndeliverable } : {}) }) : undefined;
  if (!app && aibot?.mode !== 'ws') return undefined;
  const api = app
    ? new WecomApiClient({ baseUrl: app.apiBase, corpId: app.corpId, secret: app.secret, agentId: String(app.agentId) })
    : undefined;
  const webhook = new WecomWebhookClient({ baseUrl: app?.apiBase ?? aibot!.apiBase });
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
  const ws: WecomAibotWs | undefined =
    aibot?.mode === 'ws'
      ? startWecomAibotWsOnDemand({
          botId: aibot.botId,
          secret: aibot.secret,
          wsUrl: aibot.wsUrl,
          handle: bot.handle,
          commandForButton,
          // Late answers travel on the connection (finished stream or aibot_send_msg), not the outbox.
          defer: (inbound) => bot.defer(inbound, { repliesViaOutbox: false }),
        })
      : undefined;
  // Mentions name people (Person.id), as the core writes them; WeCom needs their userids.
  const mentionUserId = (id: string): string | undefined => {
    const person = bot.config.personById(id);
    return person ? person.ids.wecom : id;
  };
  const sender = new WecomSender({ webhook, mentionUserId, ...(api ? { api } : {}), ...(ws ? { aibot: ws } : {}), ...(kfSender ? { kf: kfSender } : {}) });
  const routes = (router: Router) => {
    if (!app || !api) return;
    wecomAppRoutes(router, {
      token: app.token,
      encodingAESKey: app.aesKey,
      corpId: app.corpId,
      handle: bot.handle,
      commandForButton,
      sendLate: (inbound, replies, firstIndex) => bot.sendRepliesLater(inbound, replies, firstIndex),
      defer: (inbound) => bot.defer(inbound, { repliesViaOutbox: true }),
      api,
      ...(onKfEvent ? { onKfEvent } : {}),
    });
    if (aibot?.mode === 'http') {
      wecomAibotRoutes(router, {
        token: aibot.token,
        encodingAESKey: aibot.aesKey,
        handle: bot.handle,
        commandForButton,
        defer: (inbound) => bot.defer(inbound, { repliesViaOutbox: false }),
        sendLate: (inbound, replies, firstIndex) => bot.sendRepliesLater(inbound, replies, firstIndex),
        api,
      });
    }
  };
  return {
    sender,
    ...(api ? { api } : {}),
    routes,
    stop: async () => {
      await ws?.stop();
    },
  };
}
