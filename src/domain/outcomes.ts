/**
 * How an enterprise leaves the dynamic roster (鹤岗 第五条: 动态化的危困中小微企业名册). The kinds
 * fall into the two results the mechanism reports (东莞: firms rescued vs "僵尸企业"出清) and a
 * plain removal (listed by mistake, moved away, no longer distressed for another reason).
 */

export const OUTCOME_KINDS = ['脱困', '重整成功', '和解成功', '清算出清', '注销', '移出'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export type OutcomeCategory = 'helped' | 'cleared' | 'removed';

const CATEGORY: Record<OutcomeKind, OutcomeCategory> = {
  脱困: 'helped',
  重整成功: 'helped',
  和解成功: 'helped',
  清算出清: 'cleared',
  注销: 'cleared',
  移出: 'removed',
};

export function outcomeCategory(kind: OutcomeKind): OutcomeCategory {
  return CATEGORY[kind];
}

export const HELPED_KINDS = OUTCOME_KINDS.filter((k) => CATEGORY[k] === 'helped');
export const CLEARED_KINDS = OUTCOME_KINDS.filter((k) => CATEGORY[k] === 'cleared');

export function isOutcomeKind(text: string): text is OutcomeKind {
  return (OUTCOME_KINDS as readonly string[]).includes(text);
}

/**
 * A plain 移出 says nothing about why the enterprise left, so it needs a reason; the other kinds
 * are their own reason.
 */
export function outcomeNeedsReason(kind: OutcomeKind): boolean {
  return kind === '移出';
}
