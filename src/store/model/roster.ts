/** The roster: enterprises, their signals (预警信号), tiers and file history. */

export interface HistoryEntry {
  at: string;
  by: string;
  /** One Chinese line for the enterprise's file, e.g. "区税务局登记：长期欠税". */
  text: string;
}

/** 预警信号: one unit's reason to list an enterprise. Several units may flag the same one. */
export interface Signal {
  unitId: string;
  trigger: string;
  detail: string;
  by: string;
  at: string;
  /** Set when the unit withdrew the signal. */
  withdrawnAt?: string;
}

export type TierNumber = 1 | 2 | 3;

export interface TierDecision {
  tier: TierNumber;
  reason: string;
  measures: string;
  by: string;
  at: string;
}

export type Outcome = '脱困' | '重整成功' | '和解成功' | '清算出清' | '注销' | '移出';

export interface Enterprise {
  /** Short chat id: E12. */
  id: string;
  /** 统一社会信用代码; absent when a unit listed it by name only. */
  uscc?: string;
  /** The first name is the current one; later names for the same code are recorded too. */
  names: string[];
  region?: string;
  industry?: string;
  sizeClass?: string;
  figures?: { employees?: number; revenueWan?: number; assetsWan?: number };
  signals: Signal[];
  tier?: TierDecision;
  tierHistory: TierDecision[];
  cases?: { litigation: number; enforcement: number; at: string; by: string; alerted: boolean };
  /** Active on the roster until it leaves with an outcome; it can come back. */
  status: 'active' | 'closed';
  outcome?: { kind: Outcome; reason?: string; at: string; by: string; figures?: Record<string, number> };
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}
