import { z } from 'zod';
import { checkUscc } from '../domain/uscc.ts';
import { parseCount, parseWan } from '../domain/money.ts';

/**
 * zod fields for what people type, with Chinese messages. They take the raw string and give
 * typed values, so handlers never parse text themselves.
 */
export const usccField = z.string().transform((s, ctx) => {
  const r = checkUscc(s);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  }
  return r.code;
});

export const wanField = z.string().transform((s, ctx) => {
  const n = parseWan(s);
  if (n === null) {
    ctx.addIssue({ code: 'custom', message: `“${s}”不是金额，请写成 500万 或 1.2亿 的形式` });
    return z.NEVER;
  }
  return n;
});

export const countField = z.string().transform((s, ctx) => {
  const n = parseCount(s);
  if (n === null) {
    ctx.addIssue({ code: 'custom', message: `“${s}”不是整数，请写成 35 这样的数字` });
    return z.NEVER;
  }
  return n;
});

export const textField = (max = 500) =>
  z.string().trim().min(1, '不能为空').max(max, `太长了（最多${max}个字）`);
