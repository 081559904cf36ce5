import type { Command } from 'commander';
import { registerCalendar } from './commands/calendar.ts';
import { registerDocumentExports } from './commands/documents.ts';
import { registerExportTickets } from './commands/export-tickets.ts';
import { registerImport } from './commands/import.ts';
import { registerSchedule } from './commands/schedule.ts';
import { registerTick } from './commands/tick.ts';

/**
 * Commands that later features add (the scheduler's `tick` and `calendar`, document export and
 * import). Kept in one list so index.ts does not change for each of them.
 */
const extras: ((program: Command) => void)[] = [registerTick, registerCalendar, registerSchedule, registerExportTickets, registerDocumentExports, registerImport];

export function registerExtra(program: Command): void {
  for (const register of extras) register(program);
}
