import type { Command } from 'commander';
import { ConfigError } from '../config/config-error.ts';
import { CorruptJournalError } from '../store/journal.ts';
import { DataDirLockedError } from '../store/lock.ts';
import { CorruptSnapshotError } from '../store/snapshot.ts';
import { DataDirUnwritableError, FutureSchemaError } from '../store/store.ts';

/**
 * Runs the CLI and turns the errors an administrator can act on into one clear message and an
 * exit code; anything else is a bug and shows its stack.
 */
export async function runCli(program: Command): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
    process.stderr.write(`${err instanceof Error && process.exitCode !== 1 ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
  }
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof ConfigError) return 2;
  if (err instanceof DataDirLockedError) return 3;
  if (err instanceof CorruptJournalError || err instanceof CorruptSnapshotError) return 4;
  if (err instanceof FutureSchemaError) return 5;
  if (err instanceof DataDirUnwritableError) return 7;
  if (err instanceof Error && /^[\u4e00-\u9fa5]/.test(err.message)) return 6;
  return 1;
}
