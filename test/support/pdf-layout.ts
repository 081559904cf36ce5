import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

/** LibreOffice and poppler's pdftotext: CI installs both (.ci/run); a developer without them skips. */
export const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
export const pdftotext = spawnSync('sh', ['-c', 'command -v pdftotext'], { encoding: 'utf8' }).stdout.trim();

/**
 * Converts files with LibreOffice into a new folder, with a profile of its own (a shared one would make
 * runs wait). The import filter is forced: without it LibreOffice takes a damaged file for plain text.
 */
export function convertWithLibreOffice(files: string[], how = { filter: 'MS Word 2007 XML', to: 'pdf' }): string {
  const out = mkdtempSync(join(tmpdir(), 'fuyuan-pdf-'));
  const profile = pathToFileURL(mkdtempSync(join(tmpdir(), 'fuyuan-lo-profile-'))).href;
  execFileSync(soffice || 'soffice', [`-env:UserInstallation=${profile}`, '--headless', `--infilter=${how.filter}`, '--convert-to', how.to, '--outdir', out, ...files], {
    stdio: 'pipe',
    timeout: 120_000,
  });
  return out;
}

/** A line of text as laid out, in millimetres from the page's top-left corner. */
export interface PdfLine {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const PT = 25.4 / 72;
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Every page's lines, read with `pdftotext -bbox-layout` (poppler-utils). */
export function pdfPages(pdf: string): PdfLine[][] {
  const html = execFileSync(pdftotext || 'pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', textNodeName: 'text' }).parse(html.replace(/<!DOCTYPE[^>]*>/u, ''));
  type Word = { text: string | number };
  type Line = { xMin: string; xMax: string; yMin: string; yMax: string; word: Word | Word[] };
  type Page = { flow?: { block: { line: Line | Line[] } | { line: Line | Line[] }[] } | { block: { line: Line | Line[] } | { line: Line | Line[] }[] }[] };
  return list<Page>(doc.html.body.doc.page).map((page) =>
    list(page.flow).flatMap((f) => list(f.block)).flatMap((b) => list(b.line)).map((l) => ({
      text: list(l.word).map((w) => String(w.text)).join(''),
      x0: Number(l.xMin) * PT,
      x1: Number(l.xMax) * PT,
      y0: Number(l.yMin) * PT,
      y1: Number(l.yMax) * PT,
    })).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0));
}
