import { UserError } from '../domain/errors.ts';
import type { Person, Unit, UnitKind } from '../domain/types.ts';
import type { Loan } from './model.ts';
import type { StateReader } from './tx.ts';

/** The 321 loan ledger: lookups by chat id (L3), by enterprise and the open entries by due date. */

export const LOAN_ID = /^[Ll]\d{1,7}$/u;

export function findLoan(reader: StateReader, ref: string): Loan {
  const id = ref.trim().toUpperCase();
  const loan = reader.get('loans', id);
  if (!loan) throw new UserError(`没有编号为 ${id} 的贷款。发“贷款”查看未到期的贷款台账。`);
  return loan;
}

/** Open loans, soonest due first. */
export function openLoans(reader: StateReader): Loan[] {
  return reader.lookup('loans', 'state', 'open').sort(byDue);
}

export function loansOf(reader: StateReader, enterpriseId: string): Loan[] {
  return reader.lookup('loans', 'enterprise', enterpriseId).sort(byDue);
}

function byDue(a: Loan, b: Loan): number {
  return a.dueDate.localeCompare(b.dueDate) || Number(a.id.slice(1)) - Number(b.id.slice(1));
}

/** The units that keep the loan ledger: 人民银行, 金融监管, banks. */
export const LOAN_KINDS: readonly UnitKind[] = ['pboc', 'nfra', 'bank'];

/** Who reads and keeps the ledger (贷款, and the dashboard's loan section): the director and those units' liaisons. */
export function mayUseLoans(person: Person, unit: Unit | undefined): boolean {
  return person.roles.includes('director') || (unit !== undefined && LOAN_KINDS.includes(unit.kind));
}
