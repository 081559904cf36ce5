/**
 * Byte-aware text helpers. WeCom limits count UTF-8 bytes (a Chinese character is 3), and a message
 * cut in the middle of a character shows as garbage, so every cut lands on a code point boundary and
 * preferably on a line boundary.
 */
import { splitByLines, utf8Bytes } from '../../render/split.ts';

export const utf8Length = utf8Bytes;

/**
 * Splits `text` into pieces of at most `maxBytes` UTF-8 bytes each, on line boundaries where possible;
 * a single line longer than the limit is cut between code points. Blank text gives no pieces.
 */
export function splitByBytes(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new Error('maxBytes must fit one code point');
  if (!text.trim()) return [];
  return splitByLines(text, maxBytes, utf8Bytes);
}

/** Keeps at most `maxBytes` bytes, ending with "…" when something was cut. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  const ellipsis = '…';
  const budget = maxBytes - utf8Length(ellipsis);
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const b = utf8Length(ch);
    if (bytes + b > budget) break;
    out += ch;
    bytes += b;
  }
  return out + ellipsis;
}

/** Keeps at most `maxChars` code points, ending with "…" when something was cut. */
export function truncateChars(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}

/** The first non-blank line, e.g. a short state for a card button after a click. */
export function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}
