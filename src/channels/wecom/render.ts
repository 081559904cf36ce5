import type { CardButton, CardSpec } from '../../domain/types.ts';
import { PlatformError } from '../../outbox/platform-error.ts';
import { shortHash } from './crypto.ts';
import { firstLine, splitByBytes, truncateBytes, truncateChars, utf8Length } from './text-split.ts';

/**
 * Turns the core's markdown-flavoured Chinese text and CardSpecs into WeCom message bodies within
 * the platform's byte limits. Limits are UTF-8 bytes (WeCom doc 90236, 99110).
 */

export const LIMITS = {
  appMarkdown: 2048,
  webhookMarkdown: 4096,
  text: 2048,
  /** aibot stream content. */
  stream: 20480,
  /** aibot_send_msg markdown: not documented; the group-robot markdown limit, to be safe. */
  aibotMarkdown: 4096,
  cardButtons: 6,
  buttonKey: 1024,
  taskId: 128,
} as const;

export function appMarkdownChunks(text: string): string[] {
  return splitByBytes(text, LIMITS.appMarkdown);
}

export function textChunks(text: string): string[] {
  return splitByBytes(text, LIMITS.text);
}

/**
 * Webhook markdown with `<@userid>` mentions (webhook markdown supports that syntax, markdown_v2 does
 * not). Mentions go on their own line in the first piece, so the people are notified once.
 */
export function webhookMarkdownChunks(text: string, mentionUserIds: readonly string[] = []): string[] {
  const mentionLine = mentionUserIds.map((id) => `<@${id}>`).join(' ');
  const budget = LIMITS.webhookMarkdown - (mentionLine ? utf8Length(mentionLine) + 1 : 0);
  const pieces = splitByBytes(text, Math.max(64, budget));
  if (!mentionLine) return pieces;
  if (pieces.length === 0) return [mentionLine];
  return [`${mentionLine}\n${pieces[0]}`, ...pieces.slice(1)];
}

/**
 * Markdown as plain text for places that render text only (passive replies, aibot welcome):
 * drops emphasis markers, heading hashes and font tags, keeps link targets readable.
 */
export function toPlainText(markdown: string): string {
  // Every passive reply goes through here: a pass runs only when its marker occurs at all.
  let text = markdown;
  if (text.includes('<font')) text = text.replace(/<font[^>]*>(.*?)<\/font>/gs, '$1');
  if (text.includes('](')) text = text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1（$2）');
  if (text.includes('**')) text = text.replace(/\*\*(.+?)\*\*/gs, '$1');
  if (text.includes('__')) text = text.replace(/__(.+?)__/gs, '$1');
  if (text.includes('#')) text = text.replace(/^#{1,6}\s+/gm, '');
  if (text.includes('>')) text = text.replace(/^>\s?/gm, '');
  if (text.includes('`')) text = text.replace(/`([^`\n]+)`/g, '$1');
  return text;
}

/**
 * WeCom task_id: [0-9a-zA-Z_-@], at most 128 bytes; the core gets this id back on a click. A valid
 * cardId is used as it is; otherwise the cleaned id gets a hash of the original, so two cardIds that
 * differ only in replaced characters (会议 / 审批) do not collide.
 */
export function wecomTaskId(cardId: string): string {
  if (/^[0-9a-zA-Z_\-@]{1,128}$/.test(cardId)) return cardId;
  const suffix = `-${shortHash(cardId).slice(0, 10)}`;
  return cardId.replace(/[^0-9a-zA-Z_\-@]/g, '_').slice(0, LIMITS.taskId - suffix.length) + suffix;
}

/** Button styles 1–4 per the template_card docs; which number is which colour is unconfirmed. */
const STYLE: Record<NonNullable<CardButton['style']>, number> = { primary: 1, default: 2, danger: 3 };

export interface WecomTemplateCard {
  card_type: 'button_interaction';
  task_id: string;
  main_title: { title: string };
  sub_title_text: string;
  button_list: Array<{ text: string; style: number; key: string }>;
}

/**
 * A CardSpec as a button_interaction card. Over-long keys are a bug in the caller and would be
 * rejected by WeCom anyway, so they fail here, not retryable. Text fields follow the documented
 * display suggestions (title 26, description 112, button 10 characters).
 */
export function renderTemplateCard(card: CardSpec): WecomTemplateCard {
  for (const b of card.buttons) {
    if (!b.key || utf8Length(b.key) > LIMITS.buttonKey) {
      throw new PlatformError(`卡片按钮 key 长度不合法（${card.cardId}）`, { platform: 'wecom', retryable: false });
    }
  }
  return {
    card_type: 'button_interaction',
    task_id: wecomTaskId(card.cardId),
    main_title: { title: truncateChars(card.title, 26) },
    sub_title_text: truncateChars(card.description, 112),
    button_list: card.buttons.slice(0, LIMITS.cardButtons).map((b) => ({
      text: truncateChars(b.text, 10),
      style: STYLE[b.style ?? 'default'],
      key: b.key,
    })),
  };
}

/**
 * The card for places without interactive cards (group webhooks, app groups): markdown that tells
 * the reader what to type instead of clicking.
 */
export function cardAsMarkdown(card: CardSpec): string {
  const lines = [`**${card.title}**`, card.description];
  if (card.buttons.length) {
    lines.push('', '可回复以下命令：');
    for (const b of card.buttons) lines.push(`> ${b.text}：${b.command}`);
  }
  return lines.join('\n');
}

/** A short state for the clicked card, e.g. "已接受"; WeCom shows it in place of the buttons. */
export function cardStateName(replyText: string): string {
  const line = firstLine(toPlainText(replyText)) || '已处理';
  return truncateBytes(truncateChars(line, 20), 60);
}
