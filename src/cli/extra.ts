import type { Command } from 'commander';

/**
 * Commands that later features add (the scheduler's `tick` and `calendar`, document export and
 * import). Kept in one list so index.ts does not change for each of them.
 */
const extras: ((program: Command) => void)[] = [];

export function registerExtra(program: Command): void {
  for (const register of extras) register(program);
}
