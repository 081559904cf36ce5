import { describe, expect, it } from 'vitest';
import { escapeChatText } from '../../src/render/escape.ts';

describe('escapeChatText', () => {
  it('swaps the characters that would mention everyone or make links for full-width look-alikes', () => {
    expect(escapeChatText('<@all> [点我](http://x)')).toBe('＜@all＞ ［点我］(http://x)');
  });

  it('flattens line breaks so a value cannot forge lines of the message', () => {
    expect(escapeChatText('第一行\r\n第二行\n第三行')).toBe('第一行 第二行 第三行');
  });
});
