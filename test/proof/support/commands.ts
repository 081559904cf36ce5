import { COMMANDS } from '../../../commands/index.ts';
import type { Audience, CommandDef } from '../../../src/core/command.ts';
import { parseCommand } from '../../../src/core/parser.ts';
import { routedCommand } from '../../../src/core/shared-word.ts';
import type { ChatKind } from '../../../src/domain/types.ts';

/**
 * Cases derived from the command table, so a command added to COMMANDS is covered by every proof
 * without touching the tests: each documented example, who may run it, where.
 */
export interface ExampleCase {
  command: CommandDef;
  text: string;
  /** Who may run this example: for a shared word (恢复 E12 / 恢复 M7), the command it routes to. */
  audience: Audience[];
  chat: ChatKind;
}

export function exampleCases(commands: readonly CommandDef[] = COMMANDS): ExampleCase[] {
  const out: ExampleCase[] = [];
  for (const def of commands) {
    for (const text of def.examples) {
      const first = parseCommand(text).positional[0]?.split(/\s+/u)[0] ?? '';
      const audience = routedCommand(def, first).audience;
      const chat: ChatKind = !def.chats || def.chats.includes('single') ? 'single' : 'group';
      if (!out.some((c) => c.text === text)) out.push({ command: def, text, audience, chat });
    }
  }
  return out;
}

/** The sentence the dispatcher (or a shared word's route) answers a role outside the audience with. */
export const DENIAL = /^「[^」]+」只有.+可以使用。发“帮助”看看您能用的命令。$/u;

/** The dispatcher's answer to a bug: never acceptable for any input. */
export const BUG_APOLOGY = /抱歉，处理“.*”时出了问题/u;

/** Short ids the examples refer to (E12, M7, T31, L3, C3, Q12 …): the highest number per prefix. */
export function referencedIds(commands: readonly CommandDef[] = COMMANDS): Map<string, number> {
  const max = new Map<string, number>();
  for (const def of commands) {
    for (const text of def.examples) {
      for (const m of text.matchAll(/(?<![A-Za-z0-9])([A-Z])(\d{1,4})(?![0-9])/gu)) {
        max.set(m[1]!, Math.max(max.get(m[1]!) ?? 0, Number(m[2])));
      }
    }
  }
  return max;
}
