import type { Reply } from '../../domain/types.ts';
import { PlatformError } from '../../outbox/platform-error.ts';
import { logger as rootLogger, type Logger } from '../../log/log.ts';
import { hostOf } from '../reply-url.ts';
import type { RobotApi } from './api-client.ts';
import { renderMarkdown, toApiMessage, toWebhookBody, type DingtalkMarkdown } from './render.ts';
import type { RobotMessage } from './robot-message.ts';
import { systemMillis } from '../../domain/clock.ts';

/** Sends the answers to one received robot message back to where it came from. */
export type Replier = (msg: RobotMessage, replies: Reply[]) => Promise<void>;

export interface ReplierDeps {
  api: RobotApi;
  now?: () => number;
  /** Reply.mentions → DingTalk staffIds; by default mentions already are staffIds. */
  resolveMention?: (id: string) => string | undefined;
  logger?: Logger;
}

/**
 * A sessionWebhook counts as expired this long before DingTalk's stated time, so a reply that takes a
 * moment to render and send does not arrive just after the deadline.
 */
const SESSION_MARGIN_MS = 60_000;

/**
 * Replies go through the message's sessionWebhook while it is valid (no token, the same
 * conversation, works for any sender); after that through the robot API: oToMessages/batchSend to
 * the sender in single chats, groupMessages/send to the conversation in groups.
 * Delivery failures are logged, never thrown: the message has been acted on, and the person can ask
 * again; replies do not go through the outbox.
 */
export function createReplier(deps: ReplierDeps): Replier {
  const now = deps.now ?? systemMillis;
  const log = deps.logger ?? rootLogger;
  const resolve = deps.resolveMention ?? ((id: string) => id);

  return async (msg, replies) => {
    let useWebhook = Boolean(msg.sessionWebhook && (msg.sessionWebhookExpiredTime ?? 0) - SESSION_MARGIN_MS > now());
    if (useWebhook && !deps.api.ownsSessionWebhook(msg.sessionWebhook!)) {
      // A forged callback naming its own collector: never post there (reply-url.ts).
      log.warn({ msgId: msg.msgId, host: hostOf(msg.sessionWebhook!) }, 'dingtalk sessionWebhook refused: not the configured oapi host');
      useWebhook = false;
    }
    const chatKind = msg.conversationType === '2' ? 'group' : 'single';
    for (const reply of replies) {
      const atUserIds = (reply.mentions ?? []).map(resolve).filter((id): id is string => Boolean(id));
      if (useWebhook) {
        try {
          for (const part of renderMarkdown(reply, { path: 'webhook', chatKind, atUserIds })) {
            await deps.api.sessionWebhookSend(msg.sessionWebhook!, toWebhookBody(part));
          }
          continue;
        } catch (err) {
          log.warn({ err, msgId: msg.msgId }, 'dingtalk sessionWebhook reply failed');
          // After a time-out DingTalk may have shown the reply; sending it again would double it.
          if (err instanceof PlatformError && err.details.code === 'timeout') continue;
          // Otherwise the session is gone or refused: the API path for this and the later replies.
          // (A multi-part reply may repeat the parts that did go through.)
          useWebhook = false;
        }
      }
      try {
        for (const part of renderMarkdown(reply, { path: 'api', chatKind })) await sendByApi(deps.api, msg, part);
      } catch (err) {
        log.error({ err, msgId: msg.msgId }, 'dingtalk robot API reply failed');
      }
    }
  };
}

async function sendByApi(api: RobotApi, msg: RobotMessage, part: DingtalkMarkdown): Promise<void> {
  if (msg.conversationType === '2') {
    await api.groupSend({ openConversationId: msg.conversationId, ...toApiMessage(part) });
    return;
  }
  if (!msg.senderStaffId) {
    throw new PlatformError('单聊发送者没有 staffId，无法通过机器人接口回复', { platform: 'dingtalk', retryable: false });
  }
  const result = await api.batchSendToUsers({ userIds: [msg.senderStaffId], ...toApiMessage(part) });
  if (result.invalidStaffIdList.length > 0 || result.flowControlledStaffIdList.length > 0) {
    throw new PlatformError('钉钉未投递单聊回复（无效用户或被限流）', { platform: 'dingtalk', retryable: false });
  }
}
