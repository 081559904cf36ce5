import type { GroupChat, OutboundMessage, Person } from '../domain/types.ts';

/** Where an outbound message goes, resolved from the config (platform ids, webhooks). */
export type SendTarget =
  | { kind: 'person'; person: Person; platformUserId: string }
  | { kind: 'group'; group: GroupChat; platformChatId?: string }
  | { kind: 'external'; externalUserId: string; openKfId: string };

/**
 * A platform's outbound side. `send` either delivers the message or throws a `PlatformError`
 * (retryable or not); the outbox does the retrying and the de-duplication.
 */
export interface ChannelSender {
  readonly family: 'console' | 'wecom' | 'dingtalk';
  /** Whether this sender can reach external WeChat customers (the 微信客服 sender can). */
  accepts?(kind: 'external'): boolean;
  send(msg: OutboundMessage, target: SendTarget): Promise<void>;
}
