import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../src/log/mask.ts';

/** Every common way a phone, ID or bank-card number is written, and what the log may show of it. */
const CORPUS: [string, string][] = [
  ['联系电话13912345678', '联系电话139****5678'],
  ['+8613912345678', '+86139****5678'],
  ['+86 139 1234 5678', '+86 139****5678'],
  ['0086-139-1234-5678', '0086-139****5678'],
  ['8613912345678', '86139****5678'],
  ['139-1234-5678', '139****5678'],
  ['139 1234 5678', '139****5678'],
  ['电话：010-65521234', '电话：010-****1234'],
  ['(0755) 8888 1234', '(0755) ****1234'],
  ['0571-8765432', '0571-****5432'],
  // Without a separator the area code is ambiguous (021 or 0216): either way the middle is hidden.
  ['02165521234', '0216****1234'],
  ['身份证110101199003071234', '身份证110***********1234'],
  ['11010119900307123X', '110***********123X'],
  ['110101 19900307 123x', '110***********123x'],
  ['卡号6222021234567890123', '卡号****0123'],
  ['6222 0212 3456 7890', '****7890'],
  ['6222-0212-3456-7890-123', '****0123'],
];

/** Numbers that are not personal and must stay readable in a log. */
const KEEP = [
  '2026-11-23T09:00:00.000Z',
  'msgId 1733456789012',
  '代码:91440300192317458F',
  '金额 1200000 元',
  'T31 E12 Q7',
];

describe('maskPersonalData', () => {
  it.each(CORPUS)('masks %s', (input, masked) => {
    expect(maskPersonalData(input)).toBe(masked);
  });

  it('leaves no run of the original digits longer than four in any masked form', () => {
    for (const [input] of CORPUS) {
      const digits = input.replace(/\D/g, '');
      const out = maskPersonalData(input).replace(/\D/g, '');
      for (let i = 0; i + 8 <= digits.length; i++) expect(out).not.toContain(digits.slice(i, i + 8));
    }
  });

  it.each(KEEP)('leaves %s alone', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('hides secrets in URLs', () => {
    expect(maskPersonalData('https://qyapi.weixin.qq.com/cgi-bin/message/send?access_token=abc123&debug=1')).toBe('https://qyapi.weixin.qq.com/cgi-bin/message/send?access_token=***&debug=1');
  });
});
