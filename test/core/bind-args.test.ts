import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { bindArgs } from '../../src/core/bind-args.ts';
import { defineCommand } from '../../src/core/command.ts';
import { UserError } from '../../src/domain/errors.ts';
import { parseCommand } from '../../src/core/parser.ts';
import { countField, usccField } from '../../src/core/zod-fields.ts';

const def = defineCommand({
  name: '测试',
  summary: 's',
  usage: '测试 <企业> 代码:<信用代码> [人数:<n>] [方式:甲|乙]',
  examples: [],
  audience: ['everyone'],
  params: {
    name: { label: '企业', positional: true, hint: '企业名称' },
    code: { label: '代码', aliases: ['信用代码'], hint: '18位统一社会信用代码' },
    count: { label: '人数', hint: '整数' },
    mode: { label: '方式', hint: '甲或乙' },
  },
  schema: z.object({ name: z.string(), code: usccField, count: countField.optional(), mode: z.enum(['甲', '乙']).optional() }),
  run() {},
});

const bind = (text: string) => bindArgs(def, parseCommand(text));
const errorOf = (text: string) => {
  try {
    bind(text);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a UserError');
};

describe('bindArgs', () => {
  it('gives typed arguments, joining bare words into the positional parameter', () => {
    expect(bind('测试 某某 机械 有限公司 信用代码:91440300192317458F 人数:42人')).toEqual({ name: '某某 机械 有限公司', code: '91440300192317458F', count: 42 });
  });

  it('names a missing argument with its hint and the right form', () => {
    expect(errorOf('测试 某某公司')).toBe('缺少“代码”（18位统一社会信用代码）。写法：测试 <企业> 代码:<信用代码> [人数:<n>] [方式:甲|乙]');
  });

  it('says which key it does not know and which it does', () => {
    expect(errorOf('测试 某某公司 代码:91440300192317458F 金额:5')).toMatch(/^不认识“金额:”。「测试」可用的是：代码、人数、方式。写法/);
  });

  it('passes on the domain reason of a bad 信用代码', () => {
    expect(errorOf('测试 某某公司 代码:914403001922038217')).toMatch(/^“代码”：统一社会信用代码校验位不符.*写法：/);
  });

  it('lists the allowed values of a choice', () => {
    expect(errorOf('测试 某某公司 代码:91440300192317458F 方式:丙')).toMatch(/^“方式”只能是 甲、乙。/);
  });

  it('refuses a key written twice and lines it does not take', () => {
    expect(errorOf('测试 甲 代码:1 代码:2')).toMatch(/^“代码”写了两次/);
    expect(errorOf('测试 甲 代码:91440300192317458F\n第二行')).toMatch(/只需要一行/);
  });
});
