/**
 * 统一社会信用代码 (USCC, GB 32100-2015): 18 characters =
 * 登记管理部门代码 (1) + 机构类别代码 (1) + 登记管理机关行政区划码 (6) + 主体标识码 (9) + 校验码 (1).
 *
 * Positions 3–8 are only checked to be digits, never against a list of counties: nationally
 * registered firms carry `100000` there, and county codes change.
 */
import { toHalfWidth } from './text.ts';

/** The 31 characters of the code, in value order 0…30. I, O, S, V and Z are left out on purpose. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Letters the standard leaves out, and the digit a person most likely meant by them. */
const FORBIDDEN_LETTERS: Record<string, string | undefined> = { I: '1', O: '0', S: '5', V: undefined, Z: '2' };

/** Weight of position i (1-based) is 3^(i−1) mod 31. */
const WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

export type UsccCheck = { ok: true; code: string } | { ok: false; reason: string };

/** Trim, full-width → half-width, strip any inner whitespace, upper-case. */
export function normalizeUscc(input: string): string {
  return toHalfWidth(input).replace(/\s+/gu, '').toUpperCase();
}

/**
 * The check character for the first 17 characters of a code, or null when they are not 17
 * characters of the alphabet. Note the outer `mod 31`: a weighted sum ≡ 0 gives '0'.
 */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * Validates a code as a person typed it. The reason is one Chinese sentence that says what is
 * wrong and what the right form is, so the chat can show it as is.
 */
export function checkUscc(input: string): UsccCheck {
  const code = normalizeUscc(input);
  if (code.length === 0) {
    return { ok: false, reason: '没有填写统一社会信用代码，请填写18位的代码（数字和大写字母）。' };
  }
  const chars = [...code];
  if (chars.length !== 18) {
    return {
      ok: false,
      reason: `统一社会信用代码应为18位，您填写的“${code}”是${chars.length}位，请核对后重新填写。`,
    };
  }
  for (let i = 0; i < 18; i++) {
    const ch = chars[i]!;
    if (USCC_ALPHABET.includes(ch)) continue;
    const lookalike = FORBIDDEN_LETTERS[ch];
    const hint = ch in FORBIDDEN_LETTERS
      ? `代码中不使用字母 I、O、S、V、Z${lookalike ? `（可能是数字“${lookalike}”）` : ''}`
      : `代码只由数字和大写字母（不含 I、O、S、V、Z）组成`;
    return { ok: false, reason: `统一社会信用代码第${i + 1}位“${ch}”不合法：${hint}，请核对后重新填写。` };
  }
  if (!/^\d{6}$/u.test(code.slice(2, 8))) {
    return {
      ok: false,
      reason: `统一社会信用代码第3至8位是登记机关的行政区划码，应为6位数字，您填写的是“${code.slice(2, 8)}”，请核对。`,
    };
  }
  const expected = usccCheckChar(code.slice(0, 17))!;
  if (code[17] !== expected) {
    return {
      ok: false,
      reason: `统一社会信用代码校验位不符：按前17位计算，第18位应为“${expected}”而不是“${code[17]}”，请核对是否抄错。`,
    };
  }
  return { ok: true, code };
}

/**
 * True when the text has the shape of a code (18 characters of the alphabet after normalising),
 * whether or not its check character is right. Used to tell "登记 91440300…" from "登记 某某公司":
 * a mistyped code should get the check-digit message, not be taken for an enterprise name.
 */
export function looksLikeUscc(text: string): boolean {
  const code = normalizeUscc(text);
  return code.length === 18 && [...code].every((ch) => USCC_ALPHABET.includes(ch));
}
