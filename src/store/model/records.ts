/** Tiers and outcomes, credit repair, the 321 loan ledger (000 art. 5–7, 10; 003 二(一)1). */
import type { Enterprise, Outcome, TierNumber } from './roster.ts';

/**
 * One departure from the roster (移出) with its figures. Kept as its own record, not only in
 * `Enterprise.outcome`, because an enterprise can leave, come back and leave again, and the
 * headline figures must count each outcome in its own period. 恢复 revokes the latest one.
 */
export interface OutcomeRecord {
  /** OC1, OC2 … (internal, nobody types it). */
  id: string;
  enterpriseId: string;
  kind: Outcome;
  reason?: string;
  /** Keys of src/domain/outcome-figures.ts: debtWan, workers, wagesWan, assetsWan, landMu, buildingSqm. */
  figures: Record<string, number>;
  /** The enterprise's tier when it left, for the figures by tier. */
  tier?: TierNumber;
  at: string;
  by: string;
  revokedAt?: string;
  revokedBy?: string;
}

/** 信用修复 after the court approved a 重整计划 or recognised a 和解协议 (000 art. 10). */
export interface CreditRepair {
  /** Short chat id: C3. */
  id: string;
  enterpriseId: string;
  ruling: '重整计划' | '和解协议';
  /** 'YYYY-MM-DD' of the court's ruling. */
  rulingDate: string;
  /** 'YYYY-MM-DD' the enterprise applied; not before the ruling. */
  requestDate: string;
  /** The unit that received the request ("谁认定、谁修复"), when a liaison recorded it. */
  unitId?: string;
  requestedBy: string;
  /** 'YYYY-MM-DD' the 信用修复证明 was issued. */
  certificateDate?: string;
  certifiedBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** 贷款到期台账: one bank loan of a listed enterprise, for the 321 warning (90/60/30 days). */
export interface Loan {
  /** Short chat id: L3. */
  id: string;
  enterpriseId: string;
  bank: string;
  amountWan: number;
  /** 'YYYY-MM-DD' the loan falls due. */
  dueDate: string;
  /** The reporting unit (人民银行, 金融监管 or a bank). */
  unitId: string;
  by: string;
  state: 'open' | 'repaid' | 'renewed';
  createdAt: string;
  closedAt?: string;
  closedBy?: string;
  /** A renewal (续贷) with a new due date: the new open entry, and on it the one it replaced. */
  renewedTo?: string;
  renewedFrom?: string;
}
