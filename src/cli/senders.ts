/**
 * The outbound side of the channels for a one-shot CLI command (`tick`): the senders of the
 * platforms whose credentials are in the environment, or — with none — the console sender, which
 * prints every message (recipient and full text) to stdout, as DESIGN §6 asks. Inbound routes are
 * not served; DingTalk is set up in HTTP mode so no Stream connection is opened. (A WeCom
 * 智能机器人 in long-connection mode is the way persons are reached when there is no self-built
 * app, so its connection is opened; `stop` closes it.)
 */
import type { App } from '../app.ts';
import type { ChannelSender } from '../outbox/sender.ts';
import { ConsoleSender } from '../channels/console/console-sender.ts';
import { setupDingtalk } from '../channels/dingtalk/setup.ts';
import { setupWecom } from '../channels/wecom/setup.ts';
import type { ChannelEnv } from '../config/env.ts';

export interface CliSenders {
  senders: ChannelSender[];
  consoleOnly: boolean;
  stop(): Promise<void>;
}

export function buildSenders(app: Pick<App, 'bot' | 'store'>, env: ChannelEnv): CliSenders {
  const senders: ChannelSender[] = [];
  const wecom = setupWecom({
    bot: app.bot,
    store: app.store,
    ...(env.wecomApp ? { app: env.wecomApp } : {}),
    ...(env.wecomAibot?.mode === 'ws' ? { aibot: env.wecomAibot } : {}),
  });
  if (wecom) senders.push(wecom.sender);
  const dingtalk = setupDingtalk({ bot: app.bot, ...(env.dingtalk ? { env: { ...env.dingtalk, mode: 'http' as const } } : {}) });
  if (dingtalk) senders.push(dingtalk.sender);
  const stop = async () => {
    await wecom?.stop();
    await dingtalk?.stop();
  };
  if (senders.length > 0) return { senders, consoleOnly: false, stop };
  return { senders: [new ConsoleSender()], consoleOnly: true, stop };
}
