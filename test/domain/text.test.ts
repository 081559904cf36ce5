import { describe, expect, it } from 'vitest';
import { compact, parseSmallInt, toHalfWidth } from '../../src/domain/text.ts';

describe('toHalfWidth / compact', () => {
  it('turns full-width ASCII and the ideographic space into half width, leaving Chinese alone', () => {
    expect(toHalfWidth('ＡＢＣ１２３：＝　（税务）')).toBe('ABC123:= (税务)');
    expect(toHalfWidth('２０２６年１２月')).toBe('2026年12月');
  });
  it('compact also removes all whitespace', () => {
    expect(compact(' 欠 薪\t３个月\u3000')).toBe('欠薪3个月');
  });
});

describe('parseSmallInt', () => {
  it.each([
    ['0', 0], ['12', 12], ['１２', 12], ['一', 1], ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['九十九', 99],
  ])('%j → %i', (text, n) => {
    expect(parseSmallInt(text)).toBe(n);
  });
  it.each(['', '十十', '一百', '三点五', '-1', '1.5', 'abc'])('%j → null', (text) => {
    expect(parseSmallInt(text)).toBeNull();
  });
});
