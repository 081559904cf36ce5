import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { convertWithLibreOffice, soffice } from '../support/pdf-layout.ts';
import { sentFile, workingBot } from './fixture.ts';

/**
 * Renders every Word document the bot produces with LibreOffice (Debian's libreoffice-writer-nogui,
 * installed by .ci/run) and fails if one cannot be loaded. The Word import filter is forced: without
 * it LibreOffice would take a damaged file for plain text and "convert" it anyway.
 */
const skip = !soffice && !process.env.CI;
const name = skip
  ? 'renders the 纪要, 督办通报 and 工作简报 to PDF (SKIPPED: soffice is not installed here; CI installs it and runs this)'
  : 'renders the 纪要, 督办通报 and 工作简报 to PDF with LibreOffice, and a damaged .docx fails';

describe('documents open in a word processor', () => {
  it.skipIf(skip)(name, async () => {
    const t = await workingBot();
    try {
      t.clock.set('2026-12-28T09:00:00+08:00');
      const files: string[] = [];
      for (const [who, command] of [['区税务局联络员', '纪要 M1 文档'], ['办公室主任', '导出 通报 2026Q4'], ['办公室主任', '导出 简报']] as const) {
        await t.say(who, 'single', command);
        files.push(sentFile(t.takePushes(), who).path);
      }
      // A damaged copy of the 纪要: its document.xml cut off.
      const zip = await JSZip.loadAsync(readFileSync(files[0]!));
      const xml = await zip.file('word/document.xml')!.async('string');
      zip.file('word/document.xml', xml.slice(0, Math.floor(xml.length / 2)));
      const broken = join(mkdtempSync(join(tmpdir(), 'fuyuan-broken-')), 'broken.docx');
      writeFileSync(broken, await zip.generateAsync({ type: 'nodebuffer' }));

      const out = convertWithLibreOffice([...files, broken]);
      for (const f of files) {
        const pdf = join(out, basename(f).replace(/\.docx$/u, '.pdf'));
        expect(existsSync(pdf), `${basename(f)} did not render`).toBe(true);
        const bytes = readFileSync(pdf);
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(bytes.toString('latin1')).toMatch(/\/Type\s*\/Page\b/u);
      }
      expect(existsSync(join(out, 'broken.pdf'))).toBe(false);
    } finally {
      await t.close();
    }
  }, 180_000);
});
