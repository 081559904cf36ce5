import type { CollectionName } from '../../src/store/model.ts';
import type { TestBot } from './transcript.ts';

/**
 * The documents of some collections as one JSON string, to show that a refused command changed
 * nothing (the journal still grows: the refusal itself is recorded for retries).
 */
export function stateOf(t: TestBot, collections: CollectionName[] = ['enterprises', 'loans', 'creditRepairs', 'outcomes', 'counters']): string {
  const out: Record<string, unknown[]> = {};
  for (const c of collections) {
    out[c] = [...t.app.store.values(c)].sort((a, b) => String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)));
  }
  return JSON.stringify(out);
}

/** A refusal is one Chinese line (the dispatcher may add the command's written form to it). */
export const ONE_LINE_CHINESE = /^[^\n]*[\u4e00-\u9fa5][^\n]*$/u;
