/**
 * 说人话: a message that is not a command, read deterministically against the command table's own
 * data, and — when configured — by a private model for what the rules cannot place. The answer is
 * one exact command line that the person may run; nothing here changes anything.
 */
import type { Config } from '../config/config.ts';
import { bindArgs } from '../core/bind-args.ts';
import type { CommandDef } from '../core/command.ts';
import { parseCommand } from '../core/parser.ts';
import { mayRun } from '../core/permissions.ts';
import { routedCommand } from '../core/shared-word.ts';
import { findCommand } from '../core/suggest.ts';
import type { Person } from '../domain/types.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { readEntities } from './entities.ts';
import type { Speaker } from './line.ts';
import type { Reading } from './rule.ts';
import { RULES } from './rules.ts';

export type { Reading } from './rule.ts';

export interface UnderstandDeps {
  config: Config;
  calendar: WorkingCalendar;
  commands: readonly CommandDef[];
  /** Asked only when the rules place nothing (the optional private model). */
  fallback?: (text: string, person: Person, now: Date) => Promise<string | undefined>;
}

/** Longer texts are not chat about one command (a pasted document); they are left alone. */
const MAX_LENGTH = 300;

/** The reading of `text` by the rules alone, already checked to be a command `person` may run. */
export function readByRules(text: string, person: Person, now: Date, deps: Omit<UnderstandDeps, 'fallback'>): Reading | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  const e = readEntities(text, deps.config, now, deps.calendar);
  const unit = person.unitId ? deps.config.unitById(person.unitId) : undefined;
  const speaker: Speaker = { roles: person.roles, ...(unit ? { unit } : {}) };
  for (const rule of RULES) {
    const reading = rule(e, speaker);
    if (reading && isRunnable(reading.line, person, deps.commands)) return reading;
  }
  return undefined;
}

/** Rules first; the model only for what they cannot place, and its line is proposed, never run. */
export function createUnderstander(deps: UnderstandDeps) {
  return async (text: string, person: Person, now: Date): Promise<Reading | undefined> => {
    const byRules = readByRules(text, person, now, deps);
    if (byRules || !deps.fallback || text.length > MAX_LENGTH) return byRules;
    const suggested = await deps.fallback(text, person, now);
    return suggested && isRunnable(suggested, person, deps.commands) ? { line: suggested, read: false } : undefined;
  };
}

/**
 * A line is proposed only when it is one line of a known command the person may run, whose
 * arguments bind: the same checks the dispatcher makes before running it.
 */
export function isRunnable(line: string, person: Person, commands: readonly CommandDef[]): boolean {
  if (/[\r\n]/u.test(line)) return false;
  const parsed = parseCommand(line);
  const def = findCommand(parsed.word, commands);
  if (!def || !mayRun(routedCommand(def, parsed.positional[0] ?? ''), person)) return false;
  try {
    bindArgs(def, parsed);
    return true;
  } catch {
    return false;
  }
}
