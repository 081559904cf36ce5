import type { ChannelSender, SendTarget } from './sender.ts';
import type { Config } from '../config/config.ts';
import type { PlatformFamily, Recipient } from '../domain/types.ts';

export interface Route {
  sender: ChannelSender;
  target: SendTarget;
}

/**
 * Picks the channel for a recipient: the first sender (in the configured order of preference)
 * on whose platform the person or group has an id or a webhook. A person with ids on both WeCom
 * and DingTalk is reached on the preferred one only, never twice.
 */
export function resolveTarget(to: Recipient, config: Config, senders: readonly ChannelSender[], via?: PlatformFamily): Route | undefined {
  // A reply goes back on the platform the person wrote on, when that platform can reach them.
  const ordered = via ? [...senders.filter((s) => s.family === via), ...senders.filter((s) => s.family !== via)] : senders;
  for (const sender of ordered) {
    const family = sender.family;
    if (to.kind === 'person') {
      const person = config.personById(to.personId);
      // The console prints for everyone, with or without a console handle.
      const platformUserId = person?.ids[family] ?? (family === 'console' ? person?.id : undefined);
      if (person && platformUserId) return { sender, target: { kind: 'person', person, platformUserId } };
    } else if (to.kind === 'group') {
      const group = config.groupById(to.groupId);
      if (!group) return undefined;
      const chatId = group.ids[family];
      const hasWebhook =
        family === 'wecom' ? Boolean(group.webhook?.wecomKey) : family === 'dingtalk' ? Boolean(group.webhook?.dingtalkToken) : family === 'console';
      if (chatId || hasWebhook) return { sender, target: { kind: 'group', group, ...(chatId ? { platformChatId: chatId } : {}) } };
    } else if (to.kind === 'external' && (sender.accepts?.('external') || family === 'console')) {
      return { sender, target: { kind: 'external', externalUserId: to.externalUserId, openKfId: to.openKfId } };
    }
  }
  return undefined;
}
