import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/parser.ts';

describe('parseCommand', () => {
  it('splits the command word, bare words and key:value pairs', () => {
    const p = parseCommand('登记 某某机械有限公司 代码:91440300192317458F 情形:欠薪');
    expect(p.word).toBe('登记');
    expect(p.positional).toEqual(['某某机械有限公司']);
    expect(Object.fromEntries(p.named)).toEqual({ 代码: '91440300192317458F', 情形: '欠薪' });
  });

  it('accepts the full-width colon, equals sign, digits and spaces of Chinese input methods', () => {
    const p = parseCommand('登记\u3000某某公司　代码：９１４４０３００１９２３１７４５８Ｆ 情形＝欠薪');
    expect(p.positional).toEqual(['某某公司']);
    expect(p.named.get('代码')).toBe('91440300192317458F');
    expect(p.named.get('情形')).toBe('欠薪');
  });

  it('keeps quoted values together, with straight or Chinese quotes', () => {
    const p = parseCommand('申请会议 议题:“解除 查封” 时间:"2026-12-03 15:00" 说明:「a:b」');
    expect(p.named.get('议题')).toBe('解除 查封');
    expect(p.named.get('时间')).toBe('2026-12-03 15:00');
    expect(p.named.get('说明')).toBe('a:b');
  });

  it('does not take a time of day or a quoted colon for a key', () => {
    const p = parseCommand('会议 M7 15:00 "甲:乙"');
    expect(p.positional).toEqual(['M7', '15:00', '甲:乙']);
    expect(p.named.size).toBe(0);
  });

  it('reports a key given twice', () => {
    expect(parseCommand('登记 甲 情形:欠薪 情形:欠税').repeated).toEqual(['情形']);
  });

  it('keeps the lines after the first as the body', () => {
    const p = parseCommand('纪要 M7\n议定：由税务局牵头\n\n任务：核查欠税 牵头:税务局 期限:2026-12-31');
    expect(p.word).toBe('纪要');
    expect(p.positional).toEqual(['M7']);
    expect(p.body).toEqual(['议定:由税务局牵头', '任务:核查欠税 牵头:税务局 期限:2026-12-31']);
  });

  it('gives an empty word for an empty message', () => {
    expect(parseCommand('   ').word).toBe('');
  });
});
