import { UserError } from '../domain/errors.ts';
import type { CreditRepair } from './model.ts';
import type { StateReader } from './tx.ts';

/** 信用修复 requests: by chat id (C3), by enterprise, and those still waiting for a certificate. */

export const REPAIR_ID = /^[Cc]\d{1,7}$/u;

export function findCreditRepair(reader: StateReader, ref: string): CreditRepair {
  const id = ref.trim().toUpperCase();
  const c = reader.get('creditRepairs', id);
  if (!c) throw new UserError(`没有编号为 ${id} 的信用修复申请。发“信用修复”查看待出证的申请。`);
  return c;
}

/** Requests without a certificate yet, oldest first. */
export function openCreditRepairs(reader: StateReader): CreditRepair[] {
  return [...reader.values('creditRepairs')]
    .filter((c) => !c.certificateDate)
    .sort((a, b) => a.requestDate.localeCompare(b.requestDate) || Number(a.id.slice(1)) - Number(b.id.slice(1)));
}

export function creditRepairsOf(reader: StateReader, enterpriseId: string): CreditRepair[] {
  return reader.lookup('creditRepairs', 'enterprise', enterpriseId).sort((a, b) => a.requestDate.localeCompare(b.requestDate));
}
