import { COMMANDS } from '../../commands/index.ts';
import type { CommandDef } from '../core/command.ts';
import { deniedMessage, mayRun } from '../core/permissions.ts';
import type { Person } from '../domain/types.ts';

/**
 * The dashboard decides nothing on its own: a page (or a section of 总览) is shown to a person
 * exactly when the chat command that shows the same data would run for them, and within it the
 * same scoping functions pick the rows (tasksInScope, meetingsVisibleTo, ticketsVisibleTo …).
 */
export type CommandName = '名册' | '企业' | '任务' | '会议' | '统计' | '排查' | '贷款' | '诉求' | '导出' | '议题';

function commandNamed(name: CommandName): CommandDef {
  const def = COMMANDS.find((c) => c.name === name);
  if (!def) throw new Error(`dashboard: no chat command ${name}`);
  return def;
}

export function mayOpen(person: Person, name: CommandName): boolean {
  return mayRun(commandNamed(name), person);
}

/** The chat's own refusal sentence, so both say the same. */
export function refusalFor(name: CommandName): string {
  return deniedMessage(commandNamed(name));
}
