import { z } from 'zod';
import type { ChatKind, InboundMessage } from '../../domain/types.ts';
import { BadRequestError } from '../bad-request.ts';

/**
 * The decrypted 智能机器人 callback (WeCom doc 100719, 101027) and its mapping to InboundMessage.
 * Unknown fields are kept (loose) because WeCom adds fields without notice.
 */

const TextPart = z.object({ content: z.string() }).loose();

export const AibotPayload = z
  .object({
    msgid: z.string().min(1),
    aibotid: z.string().optional(),
    chatid: z.string().optional(),
    chattype: z.enum(['single', 'group']).optional(),
    from: z.object({ userid: z.string().min(1) }).loose().optional(),
    response_url: z.string().optional(),
    msgtype: z.string().min(1),
    text: TextPart.optional(),
    mixed: z
      .object({ msg_item: z.array(z.object({ msgtype: z.string(), text: TextPart.optional() }).loose()) })
      .loose()
      .optional(),
    stream: z.object({ id: z.string() }).loose().optional(),
    event: z
      .object({
        eventtype: z.string(),
        event_key: z.string().optional(),
        task_id: z.string().optional(),
        template_card_event: z.object({ event_key: z.string().optional(), task_id: z.string().optional() }).loose().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export type AibotPayload = z.infer<typeof AibotPayload>;

export function parseAibotPayload(json: string): AibotPayload {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new BadRequestError('智能机器人消息不是合法的 JSON', 400);
  }
  const parsed = AibotPayload.safeParse(data);
  if (!parsed.success) throw new BadRequestError('智能机器人消息格式不对', 400);
  return parsed.data;
}

/** In a group the text starts with "@机器人名 "; only the first mention is the bot's. */
export function stripLeadingMention(text: string): string {
  return text.replace(/^\s*@\S+\s*/, '');
}

/** The typed text of a text or mixed (text + images) message; undefined for other types. */
export function aibotText(p: AibotPayload): string | undefined {
  let text: string | undefined;
  if (p.msgtype === 'text') text = p.text?.content;
  else if (p.msgtype === 'mixed') {
    const parts = (p.mixed?.msg_item ?? []).filter((i) => i.msgtype === 'text').map((i) => i.text?.content ?? '');
    text = parts.length ? parts.join('\n') : undefined;
  }
  if (text === undefined) return undefined;
  return p.chattype === 'group' ? stripLeadingMention(text) : text;
}

/** The clicked card's task_id and button key: nested per the doc, flat per the official SDK. */
export function aibotCardClick(p: AibotPayload): { taskId: string; eventKey: string } | undefined {
  const ev = p.event;
  const taskId = (ev?.template_card_event?.task_id ?? ev?.task_id)?.trim();
  const eventKey = (ev?.template_card_event?.event_key ?? ev?.event_key)?.trim();
  return taskId && eventKey ? { taskId, eventKey } : undefined;
}

export function aibotUserId(p: AibotPayload): string {
  const userId = p.from?.userid.trim();
  if (!userId) throw new BadRequestError('智能机器人消息缺少 from.userid', 400);
  return userId;
}

export function aibotInbound(
  p: AibotPayload,
  text: string,
  receivedAt: Date,
  viaCard?: InboundMessage['viaCard'],
): InboundMessage {
  const senderId = aibotUserId(p);
  const chatKind: ChatKind = p.chattype === 'group' ? 'group' : 'single';
  const chatId = chatKind === 'group' ? p.chatid?.trim() : senderId;
  if (!chatId) throw new BadRequestError('群消息缺少 chatid', 400);
  return {
    channel: 'wecom-aibot',
    messageId: p.msgid,
    chatKind,
    chatId,
    senderId,
    text,
    receivedAt,
    ...(viaCard ? { viaCard } : {}),
  };
}
