import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { escapeDeep } from './escape.ts';

/**
 * Message templates live in `templates/*.hbs` so the wording can be read and changed without
 * touching code. Data is escaped for chat markdown before rendering (see escape.ts), and the
 * output is trimmed of the blank lines that block helpers leave.
 */
const TEMPLATE_DIR = new URL('../../templates/', import.meta.url);
const hbs = Handlebars.create();
const cache = new Map<string, Handlebars.TemplateDelegate>();

hbs.registerHelper('inc', (n: number) => n + 1);
hbs.registerHelper('join', (list: unknown[], sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : '、') : ''));
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

export function render(name: string, data: object): string {
  let tpl = cache.get(name);
  if (!tpl) {
    const source = readFileSync(new URL(`${name}.hbs`, TEMPLATE_DIR), 'utf8');
    tpl = hbs.compile(source, { noEscape: true, strict: false });
    cache.set(name, tpl);
  }
  return tpl(escapeDeep(data))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
