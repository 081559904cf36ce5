import { expect } from 'vitest';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { createTestBot, type Push, type TestBot } from '../support/transcript.ts';
import { DEMO_MINUTES } from '../support/minutes.ts';

/**
 * A small mechanism at work: E1 flagged by two units (税务 and 人社), tiered 二档, with case counts,
 * a 业务会议 M1 held on 2026-12-03 with its 纪要 (T1, T2); E2 flagged by 市场监管; E3 on the watch
 * list (on the roster with no active signal). The clock stands on 2026-12-04 09:00.
 */
export async function workingBot(): Promise<TestBot> {
  const t = await createTestBot();
  const ok = async (person: string, text: string, expected: string | RegExp) => {
    const reply = await t.say(person, 'single', text);
    if (typeof expected === 'string') expect(reply).toContain(expected);
    else expect(reply).toMatch(expected);
  };
  await ok('区税务局联络员', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税 说明:"欠税8个月" 行业:工业 人数:120 营收:5000万 资产:8000万 地区:北街街道', '已列入名册：E1');
  await ok('区人社局联络员', '登记 E1 情形:欠薪 说明:拖欠3个月工资', '已登记：E1');
  await ok('办公室主任', '分档 E1 档:2 理由:有订单 措施:预重整', 'E1');
  await ok('区法院联络员', '案件 E1 诉讼:8 执行:4', 'E1');
  await ok('区市场监管局联络员', '登记 小米科技有限责任公司 代码:91110108551385082Q 情形:D类', '已列入名册：E2');
  await ok('区税务局联络员', '申请会议 议题:解除查封 单位:人社局、法院 企业:E1 时间:"2026-12-03 15:00"', 'M1');
  await ok('区人社局联络员', '会议 M1 接受', '接受');
  await ok('区法院联络员', '会议 M1 接受', '会议已确认');
  t.clock.set('2026-12-04T09:00:00+08:00');
  await ok('区税务局联络员', DEMO_MINUTES, '已记录纪要（第1号）');
  await t.app.store.transact({ actor: 'test', action: 'watch' }, (tx) => {
    const at = t.clock.now.toISOString();
    tx.put('enterprises', {
      id: tx.nextId('E'), names: ['某某商贸有限公司'], uscc: '91440300708461136T', signals: [], tierHistory: [], status: 'active',
      history: [], createdAt: at, updatedAt: at,
    });
  });
  t.takePushes();
  return t;
}

/** The file a command sent to the asker, from the pushes (the outbox item carries it). */
export function sentFile(pushes: readonly Push[], to: string): { name: string; path: string; text: string } {
  const p = pushes.find((x) => x.to === to && x.message.file);
  if (!p) throw new Error(`no file pushed to ${to}: ${pushes.map((x) => x.to).join(', ')}`);
  return { ...p.message.file!, text: p.text };
}

/** word/document.xml of a .docx, and its text without the XML. */
export async function docxXml(path: string): Promise<{ xml: string; text: string; zip: JSZip }> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/gu)].map((m) => m[1] ?? '\t').join(''))
    .join('\n');
  return { xml, text, zip };
}

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}
