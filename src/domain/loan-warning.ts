/**
 * The "321" warning of the 重点企业金融风险 document (二(一)1): 3 months before a registered
 * bank loan falls due the financial regulator reviews the ledger and warns, 2 months before the
 * bank makes the enterprise draw up a repayment plan, 1 month before the enterprise should have
 * the money on its account.
 *
 * Stages are counted in days — 90 / 60 / 30 — as DESIGN §4 says, not in calendar months:
 * "3 months before 5月31日" has no clean answer (2月31日?), while a day count is the same for every
 * loan, easy to explain ("还有90天到期") and differs from the month count by at most two days.
 */
import { daysBetween } from './calendar/civil.ts';

export type LoanStage = 90 | 60 | 30;

/** Earliest first. */
export const LOAN_STAGES: readonly LoanStage[] = [90, 60, 30];

/** What each stage asks of whom (003 二(一)1), for the reminder texts. */
export const LOAN_STAGE_ACTIONS: Readonly<Record<LoanStage, { months: 3 | 2 | 1; who: string; action: string }>> = {
  90: { months: 3, who: '金融监管部门', action: '梳理汇总到期银行贷款台账，进行风险预警' },
  60: { months: 2, who: '属地银行机构', action: '督促企业制定还款计划，落实资金来源' },
  30: { months: 1, who: '企业', action: '提前在账上备足还款资金' },
};

/** Days from `today` to `dueDate` (0 on the due day, negative once past). */
export function daysUntilDue(dueDate: string, today: string): number {
  return daysBetween(today, dueDate);
}

/**
 * The most advanced stage a loan has reached on `today`: 90 when 60 < days left ≤ 90, 60 when
 * 30 < days left ≤ 60, 30 from 30 days left up to the due day itself. Undefined when more than 90
 * days are left or the loan is already past due (an overdue loan is no longer a 321 warning —
 * it is a default, which a unit reports with 登记).
 */
export function loanStage(dueDate: string, today: string): LoanStage | undefined {
  const left = daysUntilDue(dueDate, today);
  if (left < 0) return undefined;
  return [...LOAN_STAGES].reverse().find((s) => left <= s);
}

/**
 * For the scheduler: every open loan and the stage it has reached today, soonest due first.
 *
 * "Reached", not "falls exactly on today": a stage whose day was a holiday, or passed while the
 * service was down, still shows up on the next run. A loan registered late (45 days before it
 * falls due) starts at the stage it is in (60) — the earlier one is superseded, not sent late.
 * The caller sends each (loan, stage) once — key it as `loan:${loan.id}:${stage}` in its ledger.
 * A renewed loan is a new entry with its own id, so its stages start afresh.
 */
export function loanWarningsDue<L extends { dueDate: string; state: string }>(loans: Iterable<L>, today: string): { loan: L; stage: LoanStage }[] {
  const out: { loan: L; stage: LoanStage }[] = [];
  for (const loan of loans) {
    if (loan.state !== 'open') continue;
    const stage = loanStage(loan.dueDate, today);
    if (stage !== undefined) out.push({ loan, stage });
  }
  return out.sort((a, b) => a.loan.dueDate.localeCompare(b.loan.dueDate));
}
