import type { InboundMessage } from '../../domain/types.ts';
import { BadRequestError } from '../bad-request.ts';
import type { WecomXmlMessage } from './xml.ts';

/**
 * Maps a decrypted app-callback message to the core's InboundMessage. A self-built app only
 * receives single chats, so the chat is the sender.
 */

export function senderOf(msg: WecomXmlMessage): string {
  const from = msg.FromUserName?.trim();
  if (!from) throw new BadRequestError('消息缺少 FromUserName', 400);
  return from;
}

/**
 * MsgId when there is one; events have none, and WeCom recommends FromUserName + CreateTime. A card
 * click also names its card and button: CreateTime is in seconds, and two cards clicked within the
 * same second are two clicks, while WeCom's retry of one click repeats all of these fields.
 */
export function appMessageId(msg: WecomXmlMessage): string {
  const msgId = msg.MsgId?.trim();
  if (msgId) return msgId;
  const taskId = msg.TaskId?.trim();
  const card = taskId ? `:${taskId}:${msg.EventKey?.trim() ?? ''}` : '';
  return `${senderOf(msg)}:${msg.CreateTime?.trim() ?? ''}:${msg.Event?.trim() ?? ''}${card}`;
}

export function appInbound(
  msg: WecomXmlMessage,
  text: string,
  receivedAt: Date,
  viaCard?: InboundMessage['viaCard'],
): InboundMessage {
  const from = senderOf(msg);
  return {
    channel: 'wecom',
    messageId: appMessageId(msg),
    chatKind: 'single',
    chatId: from,
    senderId: from,
    text,
    receivedAt,
    ...(viaCard ? { viaCard } : {}),
  };
}
