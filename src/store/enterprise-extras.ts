import type { Config } from '../config/config.ts';
import type { Enterprise } from './model.ts';
import type { StateReader } from './tx.ts';

/**
 * Sections other features add to an enterprise's file (meetings, tasks, loans, tickets). Each
 * feature registers a function; the 企业 command shows what they return, in order.
 */
export type FileSection = (reader: StateReader, e: Enterprise, config: Config) => string | undefined;

const sections: FileSection[] = [];

export function addFileSection(section: FileSection): void {
  sections.push(section);
}

export function enterpriseFileExtras(reader: StateReader, e: Enterprise, config: Config): string {
  return sections
    .map((s) => s(reader, e, config))
    .filter((x): x is string => Boolean(x))
    .join('\n');
}
