import type { OutcomeRecord } from './model.ts';
import type { StateReader } from './tx.ts';

/** An enterprise's departures from the roster, oldest first; revoked ones included. */
export function outcomesOf(reader: StateReader, enterpriseId: string): OutcomeRecord[] {
  return reader.lookup('outcomes', 'enterprise', enterpriseId).sort((a, b) => a.at.localeCompare(b.at));
}

/** The departure 恢复 would undo: the latest one not yet revoked. */
export function latestOutcome(reader: StateReader, enterpriseId: string): OutcomeRecord | undefined {
  return outcomesOf(reader, enterpriseId).filter((o) => !o.revokedAt).at(-1);
}
