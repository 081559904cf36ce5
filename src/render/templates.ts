import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Eta } from 'eta';
import { PACKAGE_ROOT } from '../package-root.ts';
import { SafeText, escapeChatText } from './escape.ts';

/**
 * Message templates live in `templates/*.eta` so the wording can be read and changed without
 * touching code. Each is compiled once to a plain function. Every `<%= value %>` is escaped for
 * chat markdown (escape.ts) unless it is a SafeText section we rendered ourselves; the output is
 * trimmed of the blank lines that conditional lines leave.
 *
 * A line holding only a control tag ends with `-%>` so that the line itself disappears.
 */
const TEMPLATE_DIR = new URL('templates/', pathToFileURL(`${PACKAGE_ROOT}/`));

/** What templates may call besides plain JavaScript (`has(it.list)`, `join(it.units, '、')`). */
const TEMPLATE_HELPERS = {
  /** "Is there something to show": false for empty, zero, and an empty list. */
  has: (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value)),
  join: (list: unknown, separator: string): string => (Array.isArray(list) ? list.join(separator) : ''),
};

/** Eta with our helpers on the instance, where the compiled functions find them (`this`). */
class ChatTemplates extends Eta {
  readonly helpers = TEMPLATE_HELPERS;
}

function toChatText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof SafeText) return value.text;
  return escapeChatText(String(value));
}

const eta = new ChatTemplates({
  autoEscape: true,
  escapeFunction: toChatText,
  autoTrim: false,
  useWith: false,
  varName: 'it',
  functionHeader: 'const { has, join } = this.helpers;',
});

type Compiled = ReturnType<Eta['compile']>;
const cache = new Map<string, Compiled>();

function compiled(name: string): Compiled {
  let fn = cache.get(name);
  if (!fn) {
    fn = eta.compile(readFileSync(new URL(`${name}.eta`, TEMPLATE_DIR), 'utf8'));
    cache.set(name, fn);
  }
  return fn;
}

export function render(name: string, data: object): string {
  return compiled(name)
    .call(eta, data)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
