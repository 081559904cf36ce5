import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertWithLibreOffice, pdfPages, pdftotext, type PdfLine, soffice } from '../support/pdf-layout.ts';
import type { TestBot } from '../support/transcript.ts';
import { sentFile, workingBot } from './fixture.ts';

/**
 * The 纪要, 督办通报 and 工作简报 as LibreOffice lays them out (PDF read back with `pdftotext -bbox-layout`),
 * checked against GB/T 9704-2012: 28 characters a line and 22 lines a page in the 156 × 225 mm block,
 * "— N —" outside and 7 mm below the block, titles broken between words, 版头 and 版记 where they belong.
 * Short content (one meeting) and long content (a dozen 议定事项, thirty new enterprises).
 */
const skip = (!soffice || !pdftotext) && !process.env.CI;
const BLOCK = { left: 28, right: 184, top: 37, bottom: 262 };
const WORDS = ['会议', '企业', '纪要', '通报', '情况'];

async function documents(t: TestBot): Promise<Record<'minutes' | 'report' | 'briefing', string>> {
  const file = async (who: string, command: string) => {
    await t.say(who, 'single', command);
    return sentFile(t.takePushes(), who).path;
  };
  t.clock.set('2026-12-28T09:00:00+08:00');
  return {
    minutes: await file('区税务局联络员', '纪要 M1 文档'),
    report: await file('办公室主任', '导出 通报 2026Q4'),
    briefing: await file('办公室主任', '导出 简报'),
  };
}

/** A long 纪要 (M2 with a dozen items) and a long 简报 (thirty enterprises listed this period). */
async function longContent(t: TestBot): Promise<void> {
  await t.say('区税务局联络员', 'single', '申请会议 议题:职工安置和资产处置的协调 单位:人社局、法院 企业:E1 时间:"2026-12-08 15:00"');
  await t.say('区人社局联络员', 'single', '会议 M2 接受');
  await t.say('区法院联络员', 'single', '会议 M2 接受');
  t.clock.set('2026-12-09T09:00:00+08:00');
  const items = Array.from({ length: 12 }, (_, i) => `议定：第${i + 1}项，各成员单位按照职责分工，协同推进企业职工安置、资产处置、债权申报和信用修复等工作，及时报告进展情况`);
  await t.say('区税务局联络员', 'single', ['纪要 M2', '地点：区法院第三会议室', ...items].join('\n'));
  for (let i = 0; i < 30; i++) {
    await t.say('区市场监管局联络员', 'single', `登记 城区第${i + 1}机械制造有限公司 情形:D类`);
  }
  t.takePushes();
}

const isBody = (l: PdfLine) => l.y1 - l.y0 > 6.5 && l.y1 - l.y0 < 8 && l.x0 >= BLOCK.left - 1 && l.y0 > BLOCK.top - 2 && l.y1 < BLOCK.bottom + 2;
const isTitle = (l: PdfLine) => l.y1 - l.y0 > 9 && l.y1 < BLOCK.bottom;

function expectGbLayout(pages: PdfLine[][], name: string): void {
  const all = pages.flat();
  // 28 a line: a left-aligned run of Chinese characters (the last line of a paragraph) measures the pitch.
  const plain = all.filter((l) => isBody(l) && l.x1 < BLOCK.right - 20 && /^[\p{Script=Han}，、。；]{8,}$/u.test(l.text));
  expect(plain.length, `${name}: no plain line to measure`).toBeGreaterThan(0);
  for (const l of plain) expect(Math.floor((BLOCK.right - BLOCK.left) / ((l.x1 - l.x0) / [...l.text].length)), `${name}: ${l.text}`).toBe(28);
  pages.forEach((page, i) => {
    // Body lines sit on the 22-line grid of the block: 225 mm / 22.
    const rows = new Set(page.filter(isBody).map((l) => Math.round((l.y0 - BLOCK.top) / (225 / 22))));
    expect(Math.max(...rows), `${name} page ${i + 1}`).toBeLessThan(22);
    // "— N —" outside: odd pages right, even pages left, one character in, 7 mm below the block.
    const number = page.find((l) => l.text === `—${i + 1}—`);
    expect(number, `${name} page ${i + 1} has no page number`).toBeDefined();
    expect(number!.y0 - BLOCK.bottom).toBeGreaterThan(6);
    expect(number!.y0 - BLOCK.bottom).toBeLessThan(8);
    if ((i + 1) % 2) expect(BLOCK.right - number!.x1, `${name} page ${i + 1}`).toBeCloseTo(4.9, 0);
    else expect(number!.x0 - BLOCK.left, `${name} page ${i + 1}`).toBeCloseTo(4.9, 0);
  });
  // Titles break between words.
  const titles = all.filter(isTitle);
  for (let i = 1; i < titles.length; i++) {
    const joint = `${titles[i - 1]!.text.slice(-1)}${titles[i]!.text.slice(0, 1)}`;
    expect(WORDS, `${name}: title broken inside ${joint}`).not.toContain(joint);
  }
}

const fullPages = (pages: PdfLine[][]) =>
  pages.slice(1, -1).map((p) => new Set(p.filter(isBody).map((l) => Math.round(l.y0))).size);

describe('documents laid out by LibreOffice follow GB/T 9704-2012', () => {
  it.skipIf(skip)('纪要, 督办通报 and 工作简报, short and long: 28 × 22, page numbers outside, titles whole, 版头 and 版记', async () => {
    const short = await workingBot();
    const long = await workingBot();
    try {
      const docs = await documents(short);
      await longContent(long);
      const longDocs = await documents(long);
      const longMinutes = await (async () => {
        await long.say('区税务局联络员', 'single', '纪要 M2 文档');
        return sentFile(long.takePushes(), '区税务局联络员').path;
      })();
      const files = [...Object.values(docs), longDocs.report, longDocs.briefing, longMinutes];
      const out = convertWithLibreOffice(files);
      const pdf = (f: string) => pdfPages(join(out, basename(f).replace(/\.docx$/u, '.pdf')));
      for (const f of files) expectGbLayout(pdf(f), basename(f));

      // A full page holds 22 lines (the long 简报's middle pages).
      expect(fullPages(pdf(longDocs.briefing))).toContain(22);

      const text = (f: string) => pdf(f).map((p) => p.map((l) => l.text).join('\n'));
      // 通报: 版头 (发文机关标志, 发文字号 with 六角括号 under it, the red line) on page 1; 版记 at the end.
      const report = text(docs.report);
      expect(report[0]!.split('\n').slice(0, 2)).toEqual(['城区企业破产处置府院联动机制办公室', '府院联办〔2026〕1号']);
      expect(report.at(-1)).toContain('抄送：联席会议总召集人、召集人。');
      expect(report.at(-1)).toContain('2026年12月28日印发');
      // The long content's bot has its own store: its first 通报 is 1号 too (numbering: docx.test.ts).
      expect(text(longDocs.report)[0]).toContain('府院联办〔2026〕1号');
      // 纪要: its 标志 whole on one line group, the year in its number, 版记 at the end.
      const minutes = text(docs.minutes);
      expect(minutes[0]).toContain('（2026年第1号）');
      expect(minutes.at(-1)).toMatch(/分送：联席会议总召集人、召集人，各成员单位。/u);
      expect(minutes.at(-1)).toContain('印发');
      // 简报: 报尾.
      expect(text(docs.briefing).join('\n')).toMatch(/报：联席会议总召集人、召集人[\s\S]*（共印\d+份）/u);
    } finally {
      await short.close();
      await long.close();
    }
  }, 300_000);
});

describe('the roster opens in a spreadsheet program', () => {
  it.skipIf(skip)('LibreOffice Calc reads the 名册 .xlsx: its first sheet as CSV has the header and the row', async () => {
    const t = await workingBot();
    try {
      await t.say('办公室主任', 'single', '导出 名册');
      const xlsx = sentFile(t.takePushes(), '办公室主任').path;
      const out = convertWithLibreOffice([xlsx], { filter: 'Calc MS Excel 2007 XML', to: 'csv:Text - txt - csv (StarCalc):44,34,76' });
      const csv = readFileSync(join(out, basename(xlsx).replace(/\.xlsx$/u, '.csv')), 'utf8');
      expect(csv.split('\n')[0]).toMatch(/^编号,企业名称,统一社会信用代码,地区,/u);
      expect(csv.split('\n')[0]).toMatch(/,列入日期,最近变动\s*$/u);
    } finally {
      await t.close();
    }
  }, 180_000);
});
