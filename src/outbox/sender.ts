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
  send(msg: OutboundMessage, target: SendTarget, progress?: SendProgress): Promise<void>;
}

/**
 * How far a message that goes out in several parts got, kept durably by the outbox: after a
 * restart the message resumes at the part it stopped at instead of repeating the first ones.
 */
export interface SendProgress {
  /** Parts already delivered: sending starts after them. */
  readonly partsDone: number;
  /** Part `part` was accepted by the platform; resolves once that is recorded. */
  partDelivered(part: number): Promise<void>;
}
