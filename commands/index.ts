import type { CommandDef } from '../src/core/command.ts';
import cases from './cases.ts';
import creditRepair from './credit-repair.ts';
import enterprise from './enterprise.ts';
import help from './help.ts';
import loan from './loan.ts';
import matters from './matters.ts';
import register from './register.ts';
import remove from './remove.ts';
import restore from './restore.ts';
import roster from './roster.ts';
import statistics from './statistics.ts';
import tier from './tier.ts';
// File sections for tiers, outcomes, loans and credit repairs (registered on import).
import '../src/store/tier-outcome-sections.ts';

/** The bot's whole chat vocabulary, in the order the help lists it. */
export const COMMANDS: readonly CommandDef[] = [help, register, enterprise, roster, cases, tier, remove, restore, statistics, creditRepair, loan, matters] as readonly CommandDef[];
