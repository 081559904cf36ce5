import type { Config } from '../config/config.ts';
import { safe, type SafeText } from './escape.ts';

/**
 * The dashboard's address for the digests' last line (mechanism.dashboardUrl), or '' when not
 * configured. Passed as SafeText: a URL's underscores must not be escaped as markdown.
 */
export function dashboardLink(config: Pick<Config, 'mechanism'>): SafeText | '' {
  const url = config.mechanism.dashboardUrl?.replace(/\/+$/u, '');
  return url ? safe(`${url}/`) : '';
}
