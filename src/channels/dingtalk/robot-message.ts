import { z } from 'zod';
import type { InboundMessage } from '../../domain/types.ts';
import { ChannelAttachment } from '../attachment.ts';
import type { RobotApi } from './api-client.ts';

/**
 * The robot message DingTalk posts to the HTTP callback and pushes as `data` on the Stream topic
 * (reference §5.1). Only what we read is required; unknown fields are dropped.
 */
export const robotMessageSchema = z.object({
  msgtype: z.string().min(1),
  msgId: z.string().min(1),
  createAt: z.number().optional(),
  conversationType: z.enum(['1', '2']),
  conversationId: z.string().min(1),
  conversationTitle: z.string().optional(),
  /** Encrypted and per-robot: never use it as the user id. */
  senderId: z.string().optional(),
  senderNick: z.string().optional(),
  senderCorpId: z.string().optional(),
  /** The userid we bind people to. Absent for senders outside the organisation. */
  senderStaffId: z.string().optional(),
  sessionWebhook: z.string().url().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
  isAdmin: z.boolean().optional(),
  chatbotCorpId: z.string().optional(),
  chatbotUserId: z.string().optional(),
  isInAtList: z.boolean().optional(),
  atUsers: z.array(z.object({ dingtalkId: z.string().optional(), staffId: z.string().optional() })).optional(),
  robotCode: z.string().optional(),
  text: z.object({ content: z.string() }).optional(),
  /** msgtype "file": what the robot API needs to download it. */
  content: z.object({ downloadCode: z.string().optional(), fileName: z.string().optional() }).passthrough().optional(),
});

export type RobotMessage = z.infer<typeof robotMessageSchema>;

/** Short answers (Chinese: people read them) for messages the bot cannot act on. */
export const ANSWER_NOT_TEXT = '目前只能识别文字消息，请直接输入文字命令，例如“帮助”。';
export const ANSWER_NO_STAFF_ID = '无法识别您的身份（仅限本单位通讯录成员使用），请联系管理员。';

/**
 * Leading @mentions (“@府院联动助手 ”, also of other people) are addressing, not command text.
 * `\s` covers U+2005, the space DingTalk puts after a mention, and the full-width U+3000.
 */
const LEADING_MENTIONS = /^\s*(?:@\S+\s*)*/u;

export function stripLeadingMentions(text: string): string {
  return text.replace(LEADING_MENTIONS, '').trim();
}

/** What to do with a validated robot message: hand it over, or answer it directly. */
export type Interpretation = { kind: 'inbound'; inbound: InboundMessage } | { kind: 'answer'; text: string };

/**
 * `files` downloads what a person sent (the robot API's messageFiles/download); with it, a file
 * message becomes `导入` with the file attached — the core decides whether it takes it.
 */
export function interpret(msg: RobotMessage, receivedAt: Date, files?: Pick<RobotApi, 'downloadMessageFile'>): Interpretation {
  const code = msg.msgtype === 'file' ? msg.content?.downloadCode : undefined;
  const download = files?.downloadMessageFile?.bind(files);
  if (code && download && msg.senderStaffId) {
    const inbound = toInbound({ ...msg, text: { content: '导入' } } as TextRobotMessage, receivedAt);
    return { kind: 'inbound', inbound: { ...inbound, attachment: new ChannelAttachment(msg.content?.fileName || '名单.xlsx', () => download(code)) } };
  }
  if (msg.msgtype !== 'text' || !msg.text) return { kind: 'answer', text: ANSWER_NOT_TEXT };
  if (!msg.senderStaffId) return { kind: 'answer', text: ANSWER_NO_STAFF_ID };
  return { kind: 'inbound', inbound: toInbound(msg as TextRobotMessage, receivedAt) };
}

export type TextRobotMessage = RobotMessage & { text: { content: string }; senderStaffId: string };

export function toInbound(msg: TextRobotMessage, receivedAt: Date): InboundMessage {
  return {
    channel: 'dingtalk',
    messageId: msg.msgId,
    chatKind: msg.conversationType === '2' ? 'group' : 'single',
    // domain/types.ts: "the group's id, or for single chats the sender's id". A single chat's
    // conversationId is per robot and per person and means nothing to the core.
    chatId: msg.conversationType === '2' ? msg.conversationId : msg.senderStaffId,
    senderId: msg.senderStaffId,
    text: stripLeadingMentions(msg.text.content),
    receivedAt,
  };
}
