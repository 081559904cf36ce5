import { distance } from 'fastest-levenshtein';
import type { CommandDef } from './command.ts';

/**
 * "Did you mean": the closest command name or alias. Chinese command words are two or three
 * characters, so one wrong character is already a third of the word; accept distance 1 only
 * (2 for names of four characters or more). A word glued to its argument ("企业E12") is caught
 * by the prefix check.
 */
export function suggestCommand(word: string, commands: readonly CommandDef[]): { def: CommandDef; rest?: string } | undefined {
  if (!word) return undefined;
  const names = commands.flatMap((def) => [def.name, ...(def.aliases ?? [])].map((name) => ({ name, def })));
  const glued = names
    .filter(({ name }) => word.startsWith(name) && word.length > name.length)
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (glued) return { def: glued.def, rest: word.slice(glued.name.length) };
  let best: { def: CommandDef; d: number } | undefined;
  for (const { name, def } of names) {
    const d = distance(word, name);
    const limit = name.length >= 4 ? 2 : 1;
    if (d <= limit && (!best || d < best.d)) best = { def, d };
  }
  return best ? { def: best.def } : undefined;
}

export function findCommand(word: string, commands: readonly CommandDef[]): CommandDef | undefined {
  return commands.find((c) => c.name === word || c.aliases?.includes(word));
}
