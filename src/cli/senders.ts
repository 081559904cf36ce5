/**
 * The outbound side of the channels for a one-shot CLI command (`tick`): the senders of the
 * platforms whose credentials are in the environment, or — with none — the console sender, which
 * prints every message (recipient and full text) to stdout, as DESIGN §6 asks. Inbound parts are
 * not started: DingTalk is set up in HTTP mode so no Stream connection is opened.
 */
import type { App } from '../app.ts';
import type { ChannelSender } from '../channels/channel.ts';
import { ConsoleSender } from '../channels/console/console-sender.ts';
import { setupDingtalk } from '../channels/dingtalk/setup.ts';
import { setupWecom } from '../channels/wecom/setup.ts';
import type { ChannelEnv } from '../config/env.ts';

export function buildSenders(app: Pick<App, 'bot' | 'store'>, env: ChannelEnv): { senders: ChannelSender[]; consoleOnly: boolean } {
  const senders: ChannelSender[] = [];
  const wecom = setupWecom({ bot: app.bot, store: app.store, ...(env.wecomApp ? { app: env.wecomApp } : {}) });
  if (wecom) senders.push(wecom.sender);
  const dingtalk = setupDingtalk({ bot: app.bot, ...(env.dingtalk ? { env: { ...env.dingtalk, mode: 'http' as const } } : {}) });
  if (dingtalk) senders.push(dingtalk.sender);
  if (senders.length > 0) return { senders, consoleOnly: false };
  return { senders: [new ConsoleSender()], consoleOnly: true };
}
