import type { CardSpec, ChatKind } from '../../domain/types.ts';

/**
 * A CardSpec as DingTalk markdown with `dtmd://dingtalkclient/sendMessage?content=…` links.
 *
 * Why links and not buttons: DingTalk robot buttons (actionCard, sampleActionCard2–5) can only open a
 * URL and never call our server. A dtmd link makes the clicker's own client send the command text as a
 * message from the clicker, which comes back through the normal callback and runs exactly like the
 * typed command, permission check included. Nothing new to secure, nothing to sign.
 *
 * Why one markdown message and not sampleActionCard4-style buttons: the multi-button keys
 * (actionTitleN / actionURLN) are only known from third-party code, not the official page
 * (reference §8), and several of those projects report that dtmd works only inside markdown
 * messages; a markdown message is also the one shape all three send paths (robot API,
 * sessionWebhook, custom robot) carry identically.
 *
 * In a group the robot only receives messages that @ it, so a dtmd click there may not reach us
 * (unconfirmed); the typed fallback line says so.
 */
export function cardMarkdown(card: CardSpec, chatKind: ChatKind): string {
  const lines = [`#### ${oneLine(card.title)}`, '', card.description, ''];
  for (const button of card.buttons) {
    lines.push(`- [${escapeLinkText(button.text)}](${sendMessageLink(button.command)})`);
  }
  if (card.buttons.length > 0) {
    const commands = card.buttons.map((b) => b.command).join(' 或 ');
    const groupHint = chatKind === 'group' ? '（在群里请先 @机器人）' : '';
    lines.push('', `也可以直接回复：${commands}${groupHint}`);
  }
  return lines.join('\n');
}

/** The client-side "send this text" link. Parentheses are encoded too: they would end the markdown link. */
export function sendMessageLink(command: string): string {
  const content = encodeURIComponent(command).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `dtmd://dingtalkclient/sendMessage?content=${content}`;
}

function escapeLinkText(text: string): string {
  return oneLine(text).replace(/([[\]\\])/g, '\\$1');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
