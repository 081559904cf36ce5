/**
 * 诉求类别: what an enterprise's request to the 纾困中心 is about. The six categories follow the
 * troubles the 东莞 center meets (004): bank accounts frozen by 保全/执行, machines sealed (查封,
 * "活封"), wage disputes of workers, credit records after a case (失信, 征信), and money (贷款, 续贷).
 *
 * The classifier only suggests: staff confirm or change it with 受理 Q12 类别:…
 */
import { compact } from './text.ts';

export const TICKET_CATEGORIES = ['账户冻结', '设备查封', '欠薪纠纷', '信用修复', '融资', '其他'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/**
 * Keywords per category, in the order categories win a tie: a frozen account that leaves wages
 * unpaid is first an account problem (unfreezing pays the wages), and a bad credit record that
 * blocks a loan is first a credit-repair problem (the 004 story of the 智能科技 company).
 */
const KEYWORDS: ReadonlyArray<readonly [TicketCategory, readonly string[]]> = [
  ['账户冻结', ['冻结', '冻住', '被冻', '扣划', '划扣', '划拨', '基本户', '对公账户', '银行账户', '账户']],
  ['设备查封', ['查封', '封存', '扣押', '封条', '贴封', '活封', '拍卖', '设备被封', '厂房被封', '解封']],
  ['欠薪纠纷', ['欠薪', '讨薪', '拖欠工资', '欠工资', '工资', '劳动仲裁', '劳资', '劳动争议', '工人', '社保']],
  ['信用修复', ['信用修复', '失信', '征信', '信用', '黑名单', '限高', '限制高消费', '被执行人名单', '不良记录']],
  ['融资', ['融资', '贷款', '续贷', '抽贷', '断贷', '授信', '过桥', '资金周转', '借款', '银行不贷']],
];

export interface CategorySuggestion {
  category: TicketCategory;
  /** The words that decided it (empty for 其他), shown to staff as the reason. */
  matched: string[];
}

/**
 * Suggests a category from the enterprise's own words: the category with the most distinct
 * keywords found wins; ties go to the earlier category; nothing found gives 其他.
 */
export function suggestCategory(text: string): CategorySuggestion {
  const t = compact(text);
  let best: CategorySuggestion = { category: '其他', matched: [] };
  for (const [category, words] of KEYWORDS) {
    // A longer keyword that contains a shorter one counts once ("拖欠工资" and "工资").
    const found = words.filter((w) => t.includes(w));
    const matched = found.filter((w) => !found.some((o) => o !== w && o.includes(w)));
    if (matched.length > best.matched.length) best = { category, matched };
  }
  return best;
}

/** Short words staff type for each category (类别:冻结). */
const ALIASES: Record<string, TicketCategory> = {
  冻结: '账户冻结',
  账户: '账户冻结',
  查封: '设备查封',
  设备: '设备查封',
  欠薪: '欠薪纠纷',
  工资: '欠薪纠纷',
  劳资: '欠薪纠纷',
  信用: '信用修复',
  征信: '信用修复',
  失信: '信用修复',
  贷款: '融资',
  续贷: '融资',
};

export type CategoryParse = { ok: true; category: TicketCategory } | { ok: false; reason: string };

export function parseTicketCategory(text: string): CategoryParse {
  const t = compact(text);
  const exact = TICKET_CATEGORIES.find((c) => c === t);
  if (exact) return { ok: true, category: exact };
  const alias = ALIASES[t];
  if (alias) return { ok: true, category: alias };
  return { ok: false, reason: `没有“${text}”这个诉求类别，可选：${TICKET_CATEGORIES.join('、')}。` };
}
