import type { CommandDef } from '../src/core/command.ts';
import cases from './cases.ts';
import enterprise from './enterprise.ts';
import help from './help.ts';
import register from './register.ts';
import roster from './roster.ts';

/** The bot's whole chat vocabulary, in the order the help lists it. */
export const COMMANDS: readonly CommandDef[] = [help, register, enterprise, roster, cases] as readonly CommandDef[];
