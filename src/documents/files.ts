/**
 * Where exported files go: DATA_DIR/exports/, named after what they are and when they were made
 * (困境企业名册_2026-11-23_093012.xlsx), so a director's folder sorts by date and a second export
 * on the same day does not replace a file the outbox may still be sending.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';

export function exportsDir(dataDir: string, sub?: string): string {
  const dir = sub ? join(dataDir, 'exports', sub) : join(dataDir, 'exports');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** '困境企业名册_2026-11-23_093012.xlsx' (Shanghai time). */
export function datedName(base: string, now: Date, ext: string): string {
  const time = toShanghaiTime(now).replace(':', '');
  const seconds = String(Math.floor(((now.getTime() % 60_000) + 60_000) % 60_000 / 1000)).padStart(2, '0');
  return `${safeName(base)}_${toShanghaiDate(now)}_${time}${seconds}.${ext}`;
}

/** A name that is safe on every file system (no path separators, no control characters). */
export function safeName(text: string): string {
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]/gu, '_').slice(0, 80);
}

export interface WrittenFile {
  name: string;
  path: string;
}

/** Writes the bytes under DATA_DIR/exports/ and returns the file as OutboundMessage.file wants it. */
export function writeExport(dataDir: string, name: string, bytes: Uint8Array, sub?: string): WrittenFile {
  const path = join(exportsDir(dataDir, sub), name);
  writeFileSync(path, bytes);
  return { name, path };
}
