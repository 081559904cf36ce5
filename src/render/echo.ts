import { escapeChatText } from './escape.ts';

/**
 * What a person typed, quoted back in an answer ("没有“…”这个命令"). Whatever they sent — twenty
 * thousand characters, markup — the quote stays short and inert: cut to a few words with "…" and
 * escaped like any user text. Counted in characters (code points), so a CJK word is not split.
 */
export const ECHO_MAX_CHARS = 20;

export function echoText(text: string, max = ECHO_MAX_CHARS): string {
  const chars = [...text];
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return escapeChatText(cut);
}
