import { distance } from 'fastest-levenshtein';
import { pinyin } from 'pinyin-pro';
import type { CommandDef } from './command.ts';

/**
 * "Did you mean": the closest command name or alias. Chinese command words are two or three
 * characters, so one wrong character is already a third of the word; accept distance 1 only
 * (2 for names of four characters or more). A word glued to its argument ("企业E12") is caught
 * by the prefix check. A word that sounds like a command ("等级" typed for 登记, both dengji) is
 * what a pinyin input method produces most often, so it wins over a word one character away (升级).
 */
export function suggestCommand(word: string, commands: readonly CommandDef[]): { def: CommandDef; rest?: string } | undefined {
  if (!word) return undefined;
  const names = commands.flatMap((def) => [def.name, ...(def.aliases ?? [])].map((name) => ({ name, def })));
  const glued = names
    .filter(({ name }) => word.startsWith(name) && word.length > name.length)
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (glued) return { def: glued.def, rest: word.slice(glued.name.length) };
  const sound = soundOf(word);
  const homophone = /\p{Script=Han}/u.test(word) ? names.find(({ name }) => soundOf(name) === sound) : undefined;
  if (homophone) return { def: homophone.def };
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

/** Toneless pinyin: "登记" and "等级" → "deng ji". */
function soundOf(text: string): string {
  return pinyin(text, { toneType: 'none' });
}
