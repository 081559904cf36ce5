import { type HeadlineStats, headlineStats } from '../domain/headline-stats.ts';
import type { StateReader } from './tx.ts';

/** The headline figures of a period, from the committed state. */
export function periodStats(tx: StateReader, period: { from: string; to: string }): HeadlineStats {
  // The tasks collection belongs to another feature; headline-stats reads it by probing fields.
  const tasks: unknown[] = [...tx.values('tasks')];
  return headlineStats({
    period,
    enterprises: tx.values('enterprises'),
    outcomes: tx.values('outcomes'),
    creditRepairs: tx.values('creditRepairs'),
    ...(tasks.length > 0 ? { tasks } : {}),
  });
}
