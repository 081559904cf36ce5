/**
 * The treatment tier of a listed enterprise. 鹤岗 (第六条) speaks of 一档/二档/三档, the 金融风险
 * document of 保/帮/关; they are two names of the same decision, so one value carries both:
 * 一档 ↔ 保 (still viable), 二档 ↔ 帮 (worth a 重整), 三档 ↔ 关 (no rescue possible).
 */
import type { UnitKind } from './types.ts';
import { compact } from './text.ts';

export type TierNumber = 1 | 2 | 3;
export type TierClass = '保' | '帮' | '关';

export interface Tier {
  n: TierNumber;
  /** 一档 / 二档 / 三档 */
  label: string;
  cls: TierClass;
  /** 重点保护类 / 重点帮扶类 / 退出市场类 */
  classLabel: string;
  /** Who belongs here (鹤岗 第六条). */
  definition: string;
  /** The standard treatment (鹤岗 第七条). */
  treatment: string;
  /** What the 金融风险 document adds for the class (二(二)). */
  financeMeasures: string;
  /** Unit kinds that carry the treatment. */
  unitKinds: readonly UnitKind[];
}

export const TIERS: readonly Tier[] = [
  {
    n: 1, label: '一档', cls: '保', classLabel: '重点保护类',
    definition: '陷入财务困难，但仍有发展前景，具备继续经营可能性的中小微企业',
    treatment: '人民银行、金融监管部门为企业提供商业银行的融资渠道，帮助企业尽快摆脱困境',
    financeMeasures: '暂时性资金周转困难时可使用应急周转资金；协调债权银行统一行动，尽量不抽贷、不压贷，灵活办理转贷',
    unitKinds: ['pboc', 'nfra', 'bank'],
  },
  {
    n: 2, label: '二档', cls: '帮', classLabel: '重点帮扶类',
    definition: '不能清偿到期债务，但具有重整价值和挽救可能的中小微企业',
    treatment: '法院积极运用预重整程序尽早救治，做好预重整与重整的有效衔接，可由破产管理人协会提供法律服务',
    financeMeasures: '暂时性资金周转困难时可使用应急周转资金；协调债权银行统一行动，尽量不抽贷、不压贷，灵活办理转贷',
    unitKinds: ['court'],
  },
  {
    n: 3, label: '三档', cls: '关', classLabel: '退出市场类',
    definition: '无力清偿到期债务且资不抵债、确无挽救可能的企业',
    treatment: '引导企业尽快进入破产清算程序，优化繁简分流、简案快审，促推企业快速出清（含税务、市场主体注销）',
    financeMeasures: '积极稳妥推行破产清算，发挥市场优胜劣汰功能',
    unitKinds: ['court', 'approval', 'market', 'tax'],
  },
];

export type TierParse = { ok: true; tier: Tier } | { ok: false; reason: string };

export function tierOf(n: TierNumber): Tier {
  return TIERS[n - 1]!;
}

export function tierOfClass(cls: TierClass): Tier {
  return TIERS.find((t) => t.cls === cls)!;
}

/** '一档（保）' — the form used in rosters, so both vocabularies are visible at once. */
export function tierDisplay(tier: Tier): string {
  return `${tier.label}（${tier.cls}）`;
}

/** '一档（保·重点保护类）' — both vocabularies in full, for the decision itself and its notices. */
export function tierFullDisplay(tier: Tier): string {
  return `${tier.label}（${tier.cls}·${tier.classLabel}）`;
}

const DIGITS: Record<string, TierNumber> = { '1': 1, '2': 2, '3': 3, 一: 1, 二: 2, 三: 3 };
const CLASS_WORDS: Record<string, TierClass> = {
  保: '保', 保类: '保', 重点保护: '保', 重点保护类: '保',
  帮: '帮', 帮类: '帮', 重点帮扶: '帮', 重点帮扶类: '帮',
  关: '关', 关类: '关', 退出市场: '关', 退出市场类: '关',
};

/**
 * Reads a tier as people write it: '1', '一档', '1档', '档1', '第二档', '保', '帮类', '关',
 * '一档（保）'. A tier number and a class that disagree ('一档（关）') are refused, not guessed.
 */
export function parseTier(input: string): TierParse {
  const s = compact(input).replace(/[()（）]/gu, ' ').trim();
  const parts = s.split(' ').filter((p) => p !== '');
  const found = new Set<TierNumber>();
  for (const part of parts) {
    const cls = CLASS_WORDS[part];
    if (cls) { found.add(tierOfClass(cls).n); continue; }
    const m = /^(?:第?([123一二三])档?|档([123一二三]))$/u.exec(part);
    if (m) { found.add(DIGITS[(m[1] ?? m[2])!]!); continue; }
    found.clear();
    break;
  }
  if (found.size === 1) return { ok: true, tier: tierOf([...found][0]!) };
  if (found.size > 1) {
    return { ok: false, reason: `“${input.trim()}”前后矛盾：一档对应保、二档对应帮、三档对应关，请只写一种。` };
  }
  return {
    ok: false,
    reason: `无法识别档次“${input.trim()}”，请写一档、二档、三档（也可写 1、2、3 或 保、帮、关）。`,
  };
}
