import { z } from 'zod';
import { checkUscc } from '../domain/uscc.ts';
import { parseCount, parseWan } from '../domain/money.ts';
import { type FigureKey, parseFigure } from '../domain/outcome-figures.ts';
import { parseTier } from '../domain/tiers.ts';

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
    const negative = /^\s*[-－−]\s*\d/u.test(s);
    ctx.addIssue({ code: 'custom', message: negative ? `“${s}”是负数，这里要写 0 或正整数，如 35` : `“${s}”不是整数，请写成 35 这样的数字` });
    return z.NEVER;
  }
  return n;
});

export const textField = (max = 500) =>
  z.string().trim().min(1, '不能为空').max(max, `太长了（最多${max}个字）`);

/** 档:2 / 二档 / 帮 / 一档（保） → 1 | 2 | 3 (src/domain/tiers.ts parseTier). */
export const tierField = z.string().transform((s, ctx) => {
  const r = parseTier(s);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.reason });
    return z.NEVER;
  }
  return r.tier.n;
});

/** One outcome figure (化解债务:500万, 职工:42, 土地:30亩, 厂房:5000平方米) in its stored unit. */
export const figureField = (key: FigureKey) =>
  z.string().transform((s, ctx) => {
    const r = parseFigure(key, s);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.reason });
      return z.NEVER;
    }
    return r.value;
  });
