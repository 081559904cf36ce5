import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';

/**
 * Dashboard pages are rendered on the server with Eta, like the chat messages, from
 * templates/dashboard/*.eta (a shared layout); every `<%= %>` is HTML-escaped.
 */
const eta = new Eta({
  views: fileURLToPath(new URL('../../templates/dashboard/', import.meta.url)),
  cache: true,
  autoEscape: true,
  useWith: false,
  varName: 'it',
});

export function renderPage(name: string, data: object): string {
  return eta.render(`./${name}`, data);
}
