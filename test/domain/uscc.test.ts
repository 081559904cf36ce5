import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkUscc, looksLikeUscc, normalizeUscc, USCC_ALPHABET, usccCheckChar } from '../../src/domain/uscc.ts';

// Positive vectors of domain-rules §2.7 (check character recomputed there for every one).
const VALID = [
  '914403001922038216',
  '91110108551385082Q',
  '91440300192317458F',
  '9144030071526726XG',
  '91440300708461136T',
  '91100000100003962T',
  '91440300100012316L',
  '91110000600037341L',
  '9144030000000000G0', // weighted sum ≡ 0 → check '0' (the outer mod 31)
  '9144030000000000TY', // check value 30
];

// Codes seen in mocks that fail the check: they must never pass as real.
const MOCKS_THAT_FAIL = [
  '911000001000044477',
  '91110000710920838N',
  '91110108717809965C',
  '91110000800088421P',
  '9133010057462616XH',
  '91110108MA01712M9L',
];

describe('checkUscc', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, code });
  });

  it.each(MOCKS_THAT_FAIL)('rejects the mock code %s by its check character', (code) => {
    const r = checkUscc(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('校验位不符');
  });

  it('says which check character was expected', () => {
    const r = checkUscc('914403001922038217');
    expect(r).toEqual({
      ok: false,
      reason: '统一社会信用代码校验位不符：按前17位计算，第18位应为“6”而不是“7”，请核对是否抄错。',
    });
  });

  it('names the illegal letter, its position and the digit it may stand for', () => {
    const r = checkUscc('9I440300708461136T');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain('第2位“I”不合法');
      expect(r.reason).toContain('I、O、S、V、Z');
      expect(r.reason).toContain('数字“1”');
    }
    const o = checkUscc('91440300708461136O');
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.reason).toContain('第18位“O”不合法');
  });

  it('rejects characters outside the alphabet', () => {
    const r = checkUscc('91440300-08461136T');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('第9位“-”不合法');
  });

  it.each([
    ['9144030070846113', 16],
    ['91440300708461136', 17],
    ['91440300708461136T1', 19],
  ])('rejects %s for its length', (code, len) => {
    const r = checkUscc(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(`统一社会信用代码应为18位，您填写的“${code}”是${len}位，请核对后重新填写。`);
  });

  it('rejects an empty input with a sentence, not a crash', () => {
    const r = checkUscc('   ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^没有填写统一社会信用代码/);
  });

  it('requires digits in the region code (positions 3–8) but accepts 100000', () => {
    const r = checkUscc('91A4030071526726XG');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('第3至8位');
    expect(checkUscc('91100000100003962T').ok).toBe(true);
  });

  it('accepts what people type: spaces, full width, lower case', () => {
    expect(checkUscc(' 9144 0300 7152 6726xg ')).toEqual({ ok: true, code: '9144030071526726XG' });
    expect(checkUscc('９１４４０３００７１５２６７２６ＸＧ')).toEqual({ ok: true, code: '9144030071526726XG' });
  });

  it('holds for any 17 characters: the computed check passes, every other character fails', () => {
    const char = fc.constantFrom(...USCC_ALPHABET);
    const digit = fc.constantFrom(...'0123456789');
    const first17 = fc
      .tuple(fc.array(char, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 6, maxLength: 6 }), fc.array(char, { minLength: 9, maxLength: 9 }))
      .map(([a, b, c]) => [...a, ...b, ...c].join(''));
    fc.assert(
      fc.property(first17, char, (head, other) => {
        const check = usccCheckChar(head)!;
        expect(checkUscc(head + check).ok).toBe(true);
        if (other !== check) expect(checkUscc(head + other).ok).toBe(false);
      }),
    );
  });
});

describe('usccCheckChar', () => {
  it('computes the check of the edge vectors', () => {
    expect(usccCheckChar('9144030000000000G')).toBe('0');
    expect(usccCheckChar('9144030000000000T')).toBe('Y');
  });
  it('returns null for a wrong length or an illegal character', () => {
    expect(usccCheckChar('914403000000000')).toBeNull();
    expect(usccCheckChar('9144030000000000I')).toBeNull();
  });
});

describe('normalizeUscc', () => {
  it('trims, converts full width, strips inner spaces and upper-cases', () => {
    expect(normalizeUscc('\u3000９１４４ ０３００ 7152\t6726xg\n')).toBe('9144030071526726XG');
  });
});

describe('looksLikeUscc', () => {
  it('recognises a code even when its check character is wrong', () => {
    expect(looksLikeUscc('914403001922038217')).toBe(true);
    expect(looksLikeUscc('9144 0300 1922 0382 16')).toBe(true);
  });
  it('does not take a name, a short number or a code with I/O for a code', () => {
    expect(looksLikeUscc('某某机械有限公司')).toBe(false);
    expect(looksLikeUscc('E12')).toBe(false);
    expect(looksLikeUscc('91440300708461136')).toBe(false);
    expect(looksLikeUscc('9I440300708461136T')).toBe(false);
  });
});
