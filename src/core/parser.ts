/**
 * Splits what a person typed into a command word, bare words and `key:value` pairs.
 *
 *   登记 某某机械有限公司 代码：91440300192317458F 情形:欠薪 说明:"拖欠 3 个月"
 *
 * People type on phones with Chinese input methods, so full-width punctuation is the norm:
 * `：` and `＝` work like `:`, full-width spaces separate words, and “”, 「」 and '' quote.
 * Lines after the first are kept as `body` (纪要 takes its decisions that way).
 */

export interface ParsedCommand {
  word: string;
  positional: string[];
  named: Map<string, string>;
  /** Keys given more than once (an error the caller reports). */
  repeated: string[];
  body: string[];
}

const OPEN_QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', "'": "'", '‘': '’', '『': '』' };

const WIDE = /[\uFF01-\uFF5E\u3000\u00A0]/;

export function normalizeWidth(text: string): string {
  // Most commands have nothing to fold: one test instead of three replacements (hot path).
  if (!WIDE.test(text)) return text;
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => {
      // Keep full-width quotes and brackets as they are; fold letters, digits, colon, equals.
      const half = String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
      return /[A-Za-z0-9:=\-_./@#+]/.test(half) ? half : ch;
    })
    .replace(/\u3000/g, ' ')
    .replace(/\u00A0/g, ' ');
}

/**
 * Splits on whitespace, keeping quoted runs (which may sit after `key:`) together. With
 * `keepQuotes` the quote marks stay in the tokens, so `key:value` can be recognised before they
 * are stripped.
 */
function scan(line: string, keepQuotes: boolean): string[] {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    const close = OPEN_QUOTES[ch];
    const end = close === undefined ? -1 : line.indexOf(close, i + 1);
    if (end !== -1) {
      current += keepQuotes ? line.slice(i, end + 1) : line.slice(i + 1, end);
      inToken = true;
      i = end;
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (inToken) tokens.push(current);
  return tokens;
}

export const tokenize = (line: string): string[] => scan(line, false);

const KEY_VALUE = /^([^:=\s]{1,12})[:=](.*)$/s;

export function parseCommand(text: string): ParsedCommand {
  const lines = normalizeWidth(text).split(/\r?\n/);
  const first = lines[0]?.trim() ?? '';
  const body = lines.slice(1).map((l) => l.trim()).filter((l) => l.length > 0);
  const tokens = tokenizeWithKeys(first);
  const word = tokens.shift()?.value ?? '';
  const positional: string[] = [];
  const named = new Map<string, string>();
  const repeated: string[] = [];
  for (const t of tokens) {
    if (t.key === undefined) positional.push(t.value);
    else if (named.has(t.key)) repeated.push(t.key);
    else named.set(t.key, t.value);
  }
  return { word, positional, named, repeated, body };
}

interface Token {
  key?: string;
  value: string;
}

/**
 * Recognises `key:value` before quotes are stripped, so `说明:"a:b"` keeps its colon in the value
 * and `"a:b"` on its own stays a bare word.
 */
function tokenizeWithKeys(line: string): Token[] {
  const out: Token[] = [];
  for (const raw of scan(line, true)) {
    const m = KEY_VALUE.exec(raw);
    if (m && !(m[1]![0]! in OPEN_QUOTES) && !/^\d+$/.test(m[1]!)) {
      out.push({ key: m[1]!, value: tokenize(m[2]!).join(' ') });
    } else {
      out.push({ value: tokenize(raw).join(' ') });
    }
  }
  return out;
}
