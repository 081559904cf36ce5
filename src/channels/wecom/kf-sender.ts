import type { ChannelSender, SendTarget } from '../../outbox/sender.ts';
import { PlatformError } from '../../outbox/platform-error.ts';
import { logger } from '../../log/log.ts';
import type { OutboundMessage } from '../../domain/types.ts';
import { KF_SESSION_STATE_INVALID, type KfApi } from './kf-api.ts';
import { CUSTOMER_TEXT_LIMIT_BYTES, type KfServiceState, kfMsgIdFor } from '../../intake/customer-service.ts';
import { utf8Length } from './text-split.ts';

/**
 * The 微信客服 outbound side: plain text to an external WeChat customer through kf/send_msg.
 *
 * The intake only queues what the platform allows (48 h after the customer's last message, at most
 * 5 messages, session state 0/1), so a refusal here means something changed in between — the
 * session was taken by a human servicer or ended, or the window closed while the item waited.
 * A session still in state 0 is moved to 1 (智能助手) and the message tried once more; anything
 * else is not retried by the outbox (it would only fail again) but handed to `onUndeliverable`,
 * which keeps the reply for the customer's next message and tells staff.
 */

/**
 * Codes assumed for "outside the 48-hour window" and "5 messages already sent": they are the
 * 公众号 客服消息 codes; WeCom's own kf codes for these two are unconfirmed (protocols §8), so
 * any other non-retryable refusal is reported the same way, with the platform's message.
 */
export const KF_WINDOW_CLOSED = 45015;
export const KF_LIMIT_REACHED = 45047;

const STATE_REASONS: Record<KfServiceState, string> = {
  0: '会话未处理',
  1: '会话由智能助手接待',
  2: '会话在待接入池排队，等待人工客服接入',
  3: '会话正由人工客服在企业微信中接待',
  4: '会话已结束，需等企业再次发消息',
};

export interface WecomKfSenderDeps {
  api: Pick<KfApi, 'sendText' | 'getServiceState' | 'transServiceState'>;
  /** A message the platform refused for good; the reason is one Chinese clause for staff. */
  onUndeliverable?: (msg: OutboundMessage, reason: string) => void | Promise<void>;
}

export class WecomKfSender implements ChannelSender {
  readonly family = 'wecom' as const;

  constructor(private readonly deps: WecomKfSenderDeps) {}

  accepts(kind: 'external'): boolean {
    return kind === 'external';
  }

  async send(msg: OutboundMessage, target: SendTarget): Promise<void> {
    if (target.kind !== 'external') {
      throw new PlatformError('微信客服只能发给外部微信客户', { platform: 'wecom', retryable: false });
    }
    if (utf8Length(msg.text) > CUSTOMER_TEXT_LIMIT_BYTES) {
      return this.#refused(msg, `消息超过 ${CUSTOMER_TEXT_LIMIT_BYTES} 字节`);
    }
    const body = { touser: target.externalUserId, open_kfid: target.openKfId, content: msg.text, msgid: kfMsgIdFor(msg.idempotencyKey) };
    try {
      await this.deps.api.sendText(body);
    } catch (err) {
      if (!(err instanceof PlatformError) || err.details.retryable) throw err;
      if (err.details.code !== KF_SESSION_STATE_INVALID) return this.#refused(msg, reasonFor(err));
      const who = { open_kfid: target.openKfId, external_userid: target.externalUserId };
      const state = await this.deps.api.getServiceState(who);
      if (state !== 0) return this.#refused(msg, STATE_REASONS[state] ?? `会话状态 ${state} 不允许发送`);
      // A new session nobody took up yet: the bot takes it as 智能助手, then may send.
      await this.deps.api.transServiceState({ ...who, service_state: 1 });
      await this.deps.api.sendText(body);
    }
  }

  async #refused(msg: OutboundMessage, reason: string): Promise<never> {
    try {
      await this.deps.onUndeliverable?.(msg, reason);
    } catch (err) {
      logger.error({ err, id: msg.idempotencyKey }, 'kf undeliverable hook failed');
    }
    throw new PlatformError(`微信客服未能发送：${reason}`, { platform: 'wecom', code: 'kf_refused', retryable: false });
  }
}

function reasonFor(err: PlatformError): string {
  if (err.details.code === KF_WINDOW_CLOSED) return '企业最后一条消息已超过48小时';
  if (err.details.code === KF_LIMIT_REACHED) return '企业上次发消息后已发满5条';
  return err.message;
}
