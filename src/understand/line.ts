/**
 * Building a command line from understood parts, in the exact form the parser reads, and the
 * leftover words of a message that become a 说明 / 理由.
 */
import type { Role, Unit } from '../domain/types.ts';
import type { Entities } from './entities.ts';

/** Who is speaking: what they may run decides what may be proposed to them. */
export interface Speaker {
  roles: readonly Role[];
  /** The member unit a liaison speaks for. */
  unit?: Unit;
}

/** A value as the parser reads it back: quoted when it holds a space. */
export function quoted(value: string): string {
  if (!/\s/u.test(value)) return value;
  return value.includes('"') ? `“${value}”` : `"${value}"`;
}

/** `label:value`, or nothing when there is no value. */
export function field(label: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : `${label}:${quoted(value)}`;
}

/** The command line from its word and parts; empty parts are left out. */
export function line(word: string, ...parts: (string | undefined)[]): string {
  return [word, ...parts.filter((p): p is string => !!p)].join(' ');
}

const FILLER = /^(那个|就是|麻烦|帮忙|帮我|我们|这边|目前|现在|已经|因为|由于|原因是|理由是|理由|原因|说明|情况是)+/u;

/**
 * The clauses that say something beyond what was already understood: those matching none of
 * `used` (the words that chose the command, ids, units, days), joined; filler words at the start
 * of each clause are dropped. Empty when nothing is left.
 */
export function leftover(e: Entities, used: readonly RegExp[]): string {
  const ids = Object.values(e.ids).flat();
  return e.clauses
    .map((c) => ids.reduce((s, id) => s.replace(new RegExp(`${id}(?!\\d)`, 'iu'), ''), c).replace(e.uscc ?? '\u0000', '').trim())
    .filter((c) => c.length > 1 && !used.some((r) => r.test(c)))
    .map((c) => c.replace(FILLER, '').replace(/^[：:\s]+/u, '').trim())
    .filter((c) => c.length > 1)
    .join('，');
}

/**
 * Whatever follows the first match of `marker` in the message, up to the clause's end (or, with
 * `toEnd`, the whole rest: a reason or an answer may run over several clauses).
 */
export function after(e: Entities, marker: RegExp, toEnd = false): string | undefined {
  const m = marker.exec(e.text);
  if (!m) return undefined;
  const tail = e.text.slice(m.index + m[0].length).replace(/^[\s:：是为]+/u, '');
  // Half-width commas between clauses go back to Chinese ones (the text was folded to half width).
  const value = (toEnd ? tail.replace(/[。！!]+$/u, '').replace(/,/gu, '，') : tail.split(/[，,。；;！!？?\n]/u)[0]!).trim();
  return value.length > 0 ? value : undefined;
}

/** A unit as commands take it: its full name. */
export function unitNames(units: readonly Unit[]): string {
  return units.map((u) => u.name).join(',');
}

export function has(speaker: Speaker, role: Role): boolean {
  return speaker.roles.includes(role);
}
