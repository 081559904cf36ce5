import type { Reply } from '../../domain/types.ts';
import type { JsonBody } from './api-client.ts';
import { shortHash } from './crypto.ts';
import { LIMITS, cardAsMarkdown, cardStateName, renderTemplateCard } from './render.ts';
import { splitByBytes, truncateBytes } from './text-split.ts';

/**
 * The 智能机器人's reply bodies (WeCom doc 101031, 101138): a finished stream message for the
 * passive reply, and one message for the single-use response_url.
 */

/** Derived from msgid so a second delivery of the same message gets the same stream id. */
export function aibotStreamId(msgid: string): string {
  return `s${shortHash(msgid)}`;
}

/** The replies as one markdown text, in order. */
function markdownOf(replies: readonly Reply[]): string {
  return replies
    .map((r) => r.text.trim())
    .filter(Boolean)
    .join('\n\n');
}

export interface AibotPlan {
  passive?: JsonBody;
  /** What did not fit the passive reply; it goes through the response_url afterwards (one call). */
  late?: Reply[];
}

/** In time: everything that fits goes into one finished stream, with the first card attached. */
export function planAibotReply(replies: readonly Reply[], streamId: string): AibotPlan {
  const card = replies.find((r) => r.card)?.card;
  const [head, ...tail] = splitByBytes(markdownOf(replies), LIMITS.stream);
  if (head === undefined && !card) return {};
  const stream = { id: streamId, finish: true, content: head ?? '' };
  const passive = card
    ? { msgtype: 'stream_with_template_card', stream, template_card: renderTemplateCard(card) }
    : { msgtype: 'stream', stream };
  const late = tail.length ? [{ text: tail.join('\n') }] : undefined;
  return { passive, late };
}

/**
 * Too late for the passive reply: one response_url message. A card alone goes as a card; with text
 * the card is spelled out in the markdown so nothing is lost in the single call.
 */
export function lateAibotBody(replies: readonly Reply[]): JsonBody | undefined {
  const card = replies.find((r) => r.card)?.card;
  const text = markdownOf(replies);
  if (!text && card) return { msgtype: 'template_card', template_card: renderTemplateCard(card) };
  const full = card ? `${text}\n\n${cardAsMarkdown(card)}` : text;
  return full ? markdownBody(full) : undefined;
}

function markdownBody(content: string): JsonBody {
  return { msgtype: 'markdown', markdown: { content: truncateBytes(content, LIMITS.stream) } };
}

/** The clicked card after a click: its title becomes the short state (e.g. 已接受). */
export function updatedCardBody(taskId: string, userId: string, replies: readonly Reply[]): JsonBody {
  return {
    response_type: 'update_template_card',
    userids: [userId],
    template_card: {
      card_type: 'text_notice',
      task_id: taskId,
      main_title: { title: cardStateName(replies[0]?.text ?? '') },
    },
  };
}
