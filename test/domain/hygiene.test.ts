import { describe, expect, it } from 'vitest';
import { hasInvisible, stripInvisible } from '../../src/domain/hygiene.ts';

describe('input hygiene', () => {
  it.each([
    ['NUL', 'A\u0000B'],
    ['ESC sequence', '\u001b[31m红色\u001b[0m'],
    ['right-to-left override', '某某\u202Egpj.exe'],
    ['zero-width space', '某某\u200B机械'],
    ['zero-width joiner', '某某\u200D机械'],
    ['byte-order mark', '\uFEFF某某机械'],
    ['bidi isolate', '某某\u2066机械\u2069'],
  ])('finds and strips %s', (_what, text) => {
    expect(hasInvisible(text)).toBe(true);
    expect(hasInvisible(stripInvisible(text))).toBe(false);
  });

  it('keeps full-width punctuation, line breaks and tabs as typed', () => {
    const text = '拖欠工资，涉及42人；“紧急”（需协调）：是！\n第二行\t备注。';
    expect(hasInvisible(text)).toBe(false);
    expect(stripInvisible(text)).toBe(text);
  });
});
