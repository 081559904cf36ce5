import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { suggestCommand } from '../../src/core/suggest.ts';

const meant = (word: string) => suggestCommand(word, COMMANDS)?.def.name;

describe('suggestCommand', () => {
  it('prefers the command that sounds the same (what a pinyin input method gets wrong) over one a character away', () => {
    expect(meant('等级')).toBe('登记'); // dengji, not 升级
    expect(meant('名策')).toBe('名册');
  });

  it('still finds a one-character slip and suggests nothing for an unrelated word', () => {
    expect(meant('升纪')).toBe('升级');
    expect(meant('天气')).toBeUndefined();
  });
});
