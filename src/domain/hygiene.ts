/**
 * Characters a person cannot see but a machine acts on: C0/C1 control characters (NUL, ESC of a
 * terminal sequence …; tab and line breaks excepted), bidirectional overrides and isolates (U+202E
 * shows "gpj.exe" as "exe.jpg") and zero-width characters (U+200B makes two names that look the
 * same differ). In a name or an id they are refused — a stored name must be what people see — and
 * from free text they are removed. Full-width punctuation (，。：“”) is ordinary text and stays.
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

export function hasInvisible(text: string): boolean {
  return INVISIBLE.test(text);
}

export function stripInvisible(text: string): string {
  return hasInvisible(text) ? text.replace(INVISIBLE_ALL, '') : text;
}

/** The sentence for a name or id that carries such characters. */
export function invisibleRefusal(label: string): string {
  return `“${label}”里有看不见的控制字符（常见于从别处复制的文字），请删掉后重新输入。`;
}
