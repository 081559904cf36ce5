import { usccCheckChar } from '../../../src/domain/uscc.ts';

/**
 * A valid 统一社会信用代码 for the n-th synthetic enterprise: 91 (企业) + a 6-digit region code +
 * a 9-character body from n, with the GB 32100 check character. Deterministic, so a test that
 * registers "the enterprise n" twice hits the same enterprise.
 */
export function usccFor(n: number, region = '140502'): string {
  const body = String(n).padStart(9, '0').slice(-9);
  const first17 = `91${region}${body}`;
  return first17 + usccCheckChar(first17)!;
}

/** A plausible, unique enterprise name for the n-th synthetic enterprise. */
export function enterpriseNameFor(n: number): string {
  const kinds = ['机械', '商贸', '建材', '食品', '纺织', '化工', '物流', '电子'];
  return `城区测试${kinds[n % kinds.length]}${n}号有限公司`;
}
