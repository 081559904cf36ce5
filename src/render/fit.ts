/**
 * Digests must stay readable in one chat message: WeCom app messages take 2048 bytes of markdown,
 * group robots 4096 (domain-rules §4.6). The channels would split a longer text, but a digest
 * split in three is hard to read on a phone, so it is written to fit: lists are shortened and
 * the template says how many were left out and which command shows them all.
 */
import { utf8Bytes } from './split.ts';
import { render } from './templates.ts';

export const BYTE_LIMITS = {
  /** A message to a person (WeCom app markdown; DingTalk allows more). */
  person: 2048,
  /** A message to a group (WeCom group robot markdown). */
  group: 4096,
} as const;

export { utf8Bytes };

/** Cuts a text to at most `limit` bytes at a line (or character) boundary, saying so. */
export function truncateToBytes(text: string, limit: number, tail = '……（内容较长，已截断）'): string {
  if (utf8Bytes(text) <= limit) return text;
  const budget = limit - utf8Bytes(tail) - 1;
  let out = '';
  for (const line of text.split('\n')) {
    const next = out ? `${out}\n${line}` : line;
    if (utf8Bytes(next) > budget) break;
    out = next;
  }
  if (!out) {
    for (const ch of text) {
      if (utf8Bytes(out + ch) > budget) break;
      out += ch;
    }
  }
  return `${out}\n${tail}`;
}

/**
 * Renders `name` within `limit` bytes. While the text is too long, the longest of the `lists`
 * (array fields of `data`) loses half its rows, and `<list>More` tells the template how many
 * were left out. As a last resort the text is cut at a line.
 */
export function renderWithin(name: string, data: Record<string, unknown>, lists: readonly string[], limit: number): string {
  const d: Record<string, unknown> = { ...data };
  const full = new Map(lists.map((k) => [k, Array.isArray(data[k]) ? (data[k] as unknown[]) : []]));
  for (const k of full.keys()) d[`${k}More`] = 0;
  for (let i = 0; i < 64; i++) {
    const text = render(name, d);
    if (utf8Bytes(text) <= limit) return text;
    let longest: string | undefined;
    for (const k of lists) {
      const rows = d[k] as unknown[];
      if (rows.length > 0 && (!longest || rows.length > (d[longest] as unknown[]).length)) longest = k;
    }
    if (!longest) return truncateToBytes(text, limit);
    const rows = d[longest] as unknown[];
    const keep = Math.floor(rows.length / 2);
    d[longest] = rows.slice(0, keep);
    d[`${longest}More`] = full.get(longest)!.length - keep;
  }
  return truncateToBytes(render(name, d), limit);
}
