/**
 * What a free-text message mentions, read with the project's own data: ids (E12, T31, M7, Q12,
 * L3, C3, I2), a 统一社会信用代码 anywhere in the text, member units by name or alias, a tier,
 * a day or time on the working-day calendar, and the clauses the rest is made of.
 */
import type { Config } from '../config/config.ts';
import type { Unit } from '../domain/types.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { toHalfWidth } from '../domain/text.ts';
import { checkUscc } from '../domain/uscc.ts';
import { findWhen, type When } from './when.ts';

export interface Entities {
  /** The message, half-width, trimmed. */
  text: string;
  /** Ids by their letter, upper-cased, in order: { E: ['E12'], T: ['T31'] }. */
  ids: Partial<Record<IdLetter, string[]>>;
  /** A valid 统一社会信用代码 found in the text. */
  uscc?: string;
  /** Member units named, in the order they appear (each once). */
  units: Unit[];
  when?: When;
  /** The text cut at Chinese and ASCII punctuation, ids, codes and the day phrase left in. */
  clauses: string[];
}

export const ID_LETTERS = ['E', 'T', 'M', 'Q', 'L', 'C', 'I'] as const;
export type IdLetter = (typeof ID_LETTERS)[number];

// Not preceded by a letter (so "CPU1" is not C-something) nor followed by a digit.
const ID = /(?<![A-Za-z])([ETMQLCIetmqlci])(\d{1,7})(?!\d)/gu;
const CODE = /(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])/gu;
const CLAUSE_BREAK = /[，,。；;！!？?、：:\n]+/u;

export function readEntities(raw: string, config: Config, now: Date, calendar: WorkingCalendar): Entities {
  const text = toHalfWidth(raw).trim();
  const uscc = [...text.matchAll(CODE)].map((m) => checkUscc(m[0])).find((c) => c.ok)?.code;
  const withoutCode = uscc ? text.replace(new RegExp(uscc, 'iu'), ' ') : text;
  const ids: Entities['ids'] = {};
  for (const m of withoutCode.matchAll(ID)) {
    const id = `${m[1]!.toUpperCase()}${m[2]}` as const;
    const letter = m[1]!.toUpperCase() as IdLetter;
    const list = (ids[letter] ??= []);
    if (!list.includes(id)) list.push(id);
  }
  const when = findWhen(text, now, calendar);
  return {
    text,
    ids,
    ...(uscc ? { uscc } : {}),
    units: unitsIn(text, config.units),
    ...(when ? { when } : {}),
    clauses: text.split(CLAUSE_BREAK).map((c) => c.trim()).filter((c) => c.length > 0),
  };
}

/**
 * Units named in the text, longest name first so "人社局" is not also read as "人社"; each unit
 * once, ordered by where it first appears.
 */
export function unitsIn(text: string, units: readonly Unit[]): Unit[] {
  const names = units.flatMap((u) => [u.name, ...u.aliases].map((name) => ({ name, unit: u }))).sort((a, b) => b.name.length - a.name.length);
  const taken: boolean[] = [];
  const found: { at: number; unit: Unit }[] = [];
  for (const { name, unit } of names) {
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
      if (taken.slice(at, at + name.length).some(Boolean)) continue;
      for (let i = at; i < at + name.length; i++) taken[i] = true;
      if (!found.some((f) => f.unit.id === unit.id)) found.push({ at, unit });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.unit);
}

/** The first id with this letter, if any. */
export function idOf(e: Entities, letter: IdLetter): string | undefined {
  return e.ids[letter]?.[0];
}
