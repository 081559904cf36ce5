/**
 * User text (enterprise names, details, notes) goes into platform markdown. Angle brackets would
 * let it @-mention everyone (`<@all>`) or inject tags in WeCom markdown, and `[x](url)` would make
 * links, so those characters are swapped for look-alike full-width forms. Line breaks inside a
 * value are flattened so a value cannot forge lines of the message.
 */
const NEEDS_ESCAPE = /[<>[\]\r\n]/;

export function escapeChatText(text: string): string {
  // Most values contain none of these: one test instead of four replacements (hot path).
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/[<>]/g, (c) => (c === '<' ? '＜' : '＞'))
    .replace(/\[/g, '［')
    .replace(/\]/g, '］')
    .replace(/[\r\n]+/g, ' ');
}

/**
 * A user's multi-line text (an answer to an enterprise) shown as its own lines: each line escaped,
 * and a line may not start a markdown heading or quote (`#`, `>` is already swapped above).
 */
export function escapeChatLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => escapeChatText(line).replace(/^(\s*)#/, '$1＃'))
    .join('\n');
}

/** Text already rendered by us (a section of a message): passed through unescaped. */
export class SafeText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export const safe = (text: string): SafeText => new SafeText(text);
