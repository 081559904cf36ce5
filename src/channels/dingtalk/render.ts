import type { CardSpec, ChatKind } from '../../domain/types.ts';
import { MSG_PARAM_MAX_BYTES, type RobotApiMessage } from './api-client.ts';
import { cardMarkdown } from './card.ts';
import { jsonStringBytes, splitByLines, utf8Bytes } from '../../render/split.ts';

/**
 * Outbound text → DingTalk markdown messages, sized for the path they take:
 * - `api`: robot API (groupMessages/send, oToMessages/batchSend); the whole msgParam JSON string
 *   must stay ≤ 15000 bytes, so the text is measured JSON-escaped.
 * - `webhook`: sessionWebhook and the custom robot. DingTalk documents no size for these; long
 *   markdown is reported truncated there, and the only figure we have for a group-robot markdown is
 *   WeCom's 4096 bytes, so we keep the text ≤ 4000 bytes, leaving room for the @-list we append.
 */
export type DeliveryPath = 'api' | 'webhook';

/** What a Reply or an OutboundMessage carries that DingTalk can show. */
export interface RenderInput {
  text: string;
  card?: CardSpec | undefined;
}

export interface RenderOptions {
  path: DeliveryPath;
  chatKind: ChatKind;
  /** DingTalk staffIds to @ (webhook path only: the robot API has no @ for sampleMarkdown). */
  atUserIds?: string[];
}

export interface DingtalkMarkdown {
  title: string;
  text: string;
  atUserIds: string[];
}

export const WEBHOOK_MARKDOWN_MAX_BYTES = 4000;
/** Room for the "（2/3）" part marker and rounding. */
const PART_RESERVE_BYTES = 64;
const TITLE_MAX_CHARS = 20;

export function renderMarkdown(input: RenderInput, opts: RenderOptions): DingtalkMarkdown[] {
  const body = composeBody(input, opts.chatKind);
  const title = titleOf(input.card?.title ?? body);
  const atUserIds = opts.path === 'webhook' ? [...new Set(opts.atUserIds ?? [])] : [];
  // DingTalk highlights an @ only when "@staffId" also appears in the text.
  const atLine = atUserIds.length > 0 ? `\n\n${atUserIds.map((id) => `@${id}`).join(' ')}` : '';
  const budget =
    opts.path === 'api'
      ? MSG_PARAM_MAX_BYTES - Buffer.byteLength(JSON.stringify({ title, text: '' }), 'utf8') - PART_RESERVE_BYTES
      : WEBHOOK_MARKDOWN_MAX_BYTES - utf8Bytes(atLine) - PART_RESERVE_BYTES;
  const parts = splitByLines(body, budget, opts.path === 'api' ? jsonStringBytes : utf8Bytes);
  return parts.map((text, i) => ({
    title,
    text: (parts.length > 1 ? `${text}\n\n（${i + 1}/${parts.length}）` : text) + (i === 0 ? atLine : ''),
    atUserIds: i === 0 ? atUserIds : [],
  }));
}

function composeBody(input: RenderInput, chatKind: ChatKind): string {
  const text = input.text.trim();
  if (!input.card) return hardBreaks(text);
  const card = cardMarkdown(input.card, chatKind);
  // The card's description often repeats the text; say it once.
  const lead = text && text !== input.card.description.trim() ? `${text}\n\n` : '';
  return hardBreaks(lead + card);
}

/**
 * DingTalk's markdown joins single newlines into one paragraph; a trailing double space keeps the
 * line structure of lists and digests the way the author wrote them.
 */
function hardBreaks(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' || line.endsWith('  ') ? line : `${line}  `))
    .join('\n')
    .trimEnd();
}

/** The title shows in notifications and the chat list: the first line, without markdown marks, ≤ 20 chars. */
export function titleOf(text: string): string {
  const first = text.split('\n').map(plain).find((l) => l.length > 0) ?? '';
  const chars = [...first];
  if (chars.length === 0) return '消息';
  return chars.length <= TITLE_MAX_CHARS ? first : `${chars.slice(0, TITLE_MAX_CHARS - 1).join('')}…`;
}

function plain(line: string): string {
  return line
    .replace(/^\s*(?:#{1,6}\s*|>\s*|[-*+]\s+|\d+\.\s+)/, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .trim();
}

/** The robot API's shape: msgKey + msgParam (a JSON string). */
export function toApiMessage(m: DingtalkMarkdown): RobotApiMessage {
  return { msgKey: 'sampleMarkdown', msgParam: JSON.stringify({ title: m.title, text: m.text }) };
}

/** The sessionWebhook / custom-robot shape. */
export function toWebhookBody(m: DingtalkMarkdown): Record<string, unknown> {
  return {
    msgtype: 'markdown',
    markdown: { title: m.title, text: m.text },
    at: { atUserIds: m.atUserIds, isAtAll: false },
  };
}
