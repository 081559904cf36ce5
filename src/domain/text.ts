/**
 * Small text helpers shared by the domain parsers. People type on phones with Chinese input
 * methods, so digits, letters, colons and spaces often arrive in their full-width forms.
 */

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space become their half-width forms. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Half-width, no whitespace anywhere: the form used to compare short words such as aliases. */
export function compact(text: string): string {
  return toHalfWidth(text).replace(/\s+/gu, '');
}

const CHINESE_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/**
 * Parses a small non-negative integer written in Arabic digits (either width) or in Chinese
 * numerals up to 九十九 ("十", "十五", "二十", "三十五"). Returns null for anything else, so callers
 * can say what they expected instead of guessing.
 */
export function parseSmallInt(text: string): number | null {
  const s = compact(text);
  if (/^\d+$/u.test(s)) return Number(s);
  if (s.length === 1 && s in CHINESE_DIGITS) return CHINESE_DIGITS[s]!;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/u.exec(s);
  if (m) {
    const tens = m[1] ? CHINESE_DIGITS[m[1]]! : 1;
    const ones = m[2] ? CHINESE_DIGITS[m[2]]! : 0;
    return tens * 10 + ones;
  }
  return null;
}
