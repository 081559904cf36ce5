import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/domain/types.ts';
import { cliImport } from '../../src/imports/cli-import.ts';
import { readWorkbook, sentFile, workingBot } from '../documents/fixture.ts';
import type { TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

let seq = 0;

/** The person sends a file to the bot in single chat, as the WeCom/DingTalk channels hand it over. */
async function sendFile(person: string, name: string, bytes: Uint8Array, messageId = `file-${++seq}`): Promise<string> {
  const p = t.config.findPerson(person)!;
  const msg: InboundMessage = {
    channel: 'console', messageId, chatKind: 'single', chatId: p.ids.console ?? p.id, senderId: p.ids.console ?? p.id,
    text: '导入', receivedAt: t.clock.now, attachment: { name, fetch: async () => bytes },
  };
  const replies = await t.app.bot.handle(msg);
  await t.app.outbox.runOnce();
  return replies.map((r) => r.text).join('\n');
}

/** The unit's template, as `模板` sends it. */
async function template(person: string, command = '模板'): Promise<ExcelJS.Workbook> {
  await t.say(person, 'single', command);
  return readWorkbook(sentFile(t.takePushes(), person).path);
}

async function filled(wb: ExcelJS.Workbook, rows: (string | number)[][]): Promise<Uint8Array> {
  const sheet = wb.getWorksheet('名单')!;
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const NEW = ['某某建材有限公司', '91440300100012316L', '欠税时间较长、运营状态不佳', '欠税12个月', '南街街道', '零售', 30, 800, 500];
const ROWS: (string | number)[][] = [
  NEW,
  ['某某物流有限公司', '914403001922038217', '欠税', '', '', '', '', '', ''],
  ['某某食品有限公司', '91110000600037341L', '欠薪', '', '', '', '', '', ''],
  ['某某纺织有限公司', '9144030000000000G0', '', '', '', '', '', '', ''],
  NEW,
  ['小米科技有限责任公司', '91110108551385082Q', '欠税', '', '', '', '', '', ''],
  ['某某机械有限公司', '91440300192317458F', '欠税', '', '', '', '', '', ''],
  ['某某电子有限公司', 914403001922038216, '欠税', '', '', '', '', '', ''],
];

describe('模板', () => {
  it('sends the unit’s list template: the columns, and 预警情形 as a drop-down of that unit’s triggers', async () => {
    t = await workingBot();
    const reply = await t.say('区税务局联络员', 'single', '模板');
    expect(reply).toMatch(/^已生成区税务局的名单模板。文件《区税务局报送名单模板_2026-12-04_0900\d\d\.xlsx》随后发给您。\n可填的预警情形：欠税时间较长、运营状态不佳、其他情形。\n/u);
    const wb = await readWorkbook(sentFile(t.takePushes(), '区税务局联络员').path);
    expect(wb.keywords).toBe('fuyuan-list:tax');
    const sheet = wb.getWorksheet('名单')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['企业名称', '统一社会信用代码', '预警情形', '说明', '地区', '行业', '从业人数', '营业收入(万元)', '资产总额(万元)']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(validations.C2).toMatchObject({ type: 'list', formulae: ["'预警情形'!$A$2:$A$3"] });
    expect(validations.C1001).toMatchObject({ type: 'list' });
    const triggers = wb.getWorksheet('预警情形')!;
    expect([triggers.getCell('A2').value, triggers.getCell('A3').value]).toEqual(['欠税时间较长、运营状态不佳', '其他情形']);
    // The office fetches a unit's template by naming it; a liaison cannot fetch another unit's.
    expect(await t.say('办公室主任', 'single', '模板 人社局')).toContain('已生成区人社局的名单模板');
    expect(await t.say('区税务局联络员', 'single', '模板 人社局')).toBe('您是区税务局的联络员，只能以区税务局的名义操作。');
  });
});

describe('a list sent as a file', () => {
  it('answers with a preview — rows to add, signals to merge, rows refused and why — and changes nothing before 确认', async () => {
    t = await workingBot();
    const bytes = await filled(await template('区税务局联络员'), ROWS);
    const before = [...t.app.store.values('enterprises')].map((e) => structuredClone(e));
    const preview = await sendFile('区税务局联络员', '欠税企业名单.xlsx', bytes);
    expect(preview).toContain('名单导入预览 I1**（区税务局《欠税企业名单.xlsx》，读到8行）');
    expect(preview).toContain('将新增企业1家：\n· 第2行 某某建材有限公司（91440300100012316L）：欠税时间较长、运营状态不佳（欠税12个月）');
    expect(preview).toContain('将为已在册企业补充预警信号1家：\n· 第7行 E2 小米科技有限责任公司：欠税时间较长、运营状态不佳');
    expect(preview).toContain('不予导入6行：');
    expect(preview).toContain('· 第3行：统一社会信用代码校验位不符：按前17位计算，第18位应为“6”而不是“7”，请核对是否抄错。');
    expect(preview).toContain('· 第4行：“欠薪”是人力资源社会保障部门的预警情形，税务部门可用的情形有：欠税时间较长、运营状态不佳（可写“欠税”）、其他情形（可写“其他”）。');
    expect(preview).toContain('· 第5行：缺少预警情形。');
    expect(preview).toContain('· 第6行：与第2行重复（同一企业、同一预警情形）。');
    expect(preview).toContain('· 第8行：E1 某某机械有限公司已由区税务局以“欠税时间较长、运营状态不佳”登记（2026-11-23），无需重复导入。');
    expect(preview).toContain('· 第9行：统一社会信用代码被 Excel 存成了数字，末几位已经丢失。');
    expect(preview).toContain('确认后导入以上2行（一次完成，任何一行出错都不会导入）。不予导入的行请改正后另行发送。\n回复“确认”执行，回复“取消”放弃（10分钟内有效）。');
    // Nothing on the roster moved; the batch waits.
    expect([...t.app.store.values('enterprises')]).toEqual(before);
    expect(t.app.store.get('imports', 'I1')).toMatchObject({ unitId: 'tax', state: 'staged', fileName: '欠税企业名单.xlsx' });
    expect(t.takePushes()).toEqual([]);

    const done = await t.say('区税务局联络员', 'single', '确认');
    expect(done).toBe('已导入 I1《欠税企业名单.xlsx》：新增企业1家（E4），为1家已在册企业补充预警信号（E2）。\n不予导入6行，请改正后另行发送。\n查看：名册 单位:税务局');
    const e4 = t.app.store.get('enterprises', 'E4')!;
    expect(e4).toMatchObject({ names: ['某某建材有限公司'], uscc: '91440300100012316L', region: '南街街道', industry: '零售业', sizeClass: '小型', figures: { employees: 30, revenueWan: 800, assetsWan: 500 }, status: 'active' });
    expect(e4.signals).toMatchObject([{ unitId: 'tax', trigger: 'tax_arrears', detail: '欠税12个月', by: 'tax-liaison' }]);
    expect(e4.history.map((h) => h.text)).toEqual(['区税务局批量导入：欠税时间较长、运营状态不佳（欠税12个月）']);
    const e2 = t.app.store.get('enterprises', 'E2')!;
    expect(e2.signals.map((s) => s.unitId)).toEqual(['market', 'tax']);
    expect(e2.history.at(-1)!.text).toBe('区税务局批量导入：欠税时间较长、运营状态不佳');
    expect(t.app.store.get('imports', 'I1')).toMatchObject({ state: 'applied', result: { added: ['E4'], merged: ['E2'], refused: 6 } });
    expect(t.takePushes().map((p) => [p.to, p.text])).toEqual([['办公室主任', '【名册变动】区税务局批量导入名单《欠税企业名单.xlsx》：新增企业1家（E4），为1家已在册企业补充预警信号（E2）。\n查看：名册 单位:税务局']]);

    // Applied once: asking again changes nothing.
    expect(await t.say('区税务局联络员', 'single', '导入 I1')).toBe('I1《欠税企业名单.xlsx》已于2026-12-04导入，不能重复导入。');
  });

  it('取消 leaves the roster as it was', async () => {
    t = await workingBot();
    await sendFile('区税务局联络员', '名单.xlsx', await filled(await template('区税务局联络员'), [NEW]));
    expect(await t.say('区税务局联络员', 'single', '取消')).toBe('已取消，没有做任何更改。');
    expect(t.app.store.get('enterprises', 'E4')).toBeUndefined();
    expect(t.app.store.get('imports', 'I1')!.state).toBe('staged');
  });

  it('re-checks at 确认: if the roster moved since the preview, it shows the new preview and imports nothing', async () => {
    t = await workingBot();
    const bytes = await filled(await template('区税务局联络员'), [NEW, ROWS[5]!]);
    expect(await sendFile('区税务局联络员', '名单.xlsx', bytes)).toContain('将新增企业1家');
    // Meanwhile the enterprise is registered one by one (by the office, for the tax office).
    expect(await t.say('办公室主任', 'single', '登记 某某建材有限公司 代码:91440300100012316L 情形:欠税 单位:税务局')).toContain('已列入名册：E4');
    const reply = await t.say('区税务局联络员', 'single', '确认');
    expect(reply).toContain('· 第2行：E4 某某建材有限公司已由区税务局以“欠税时间较长、运营状态不佳”登记');
    expect(reply).toContain('名册在预览之后有了变化，以上是按现在的名册重新生成的预览，尚未导入。请再发“导入 I1”确认。');
    expect(t.app.store.get('enterprises', 'E2')!.signals).toHaveLength(1);
    // Asking again gives the fresh preview to confirm.
    expect(await t.say('区税务局联络员', 'single', '导入 I1')).toContain('确认后导入以上1行');
    expect(await t.say('区税务局联络员', 'single', '确认')).toContain('为1家已在册企业补充预警信号（E2）');
  });

  it('refuses another unit’s template, a file that is not .xlsx, and a list without the columns', async () => {
    t = await workingBot();
    const hrss = await filled(await template('区人社局联络员'), [NEW]);
    expect(await sendFile('区税务局联络员', '名单.xlsx', hrss)).toBe('这份表格是区人社局的模板，您是区税务局的联络员。请发“模板”获取本单位的表格填写。');
    expect(await sendFile('区税务局联络员', '名单.xls', new TextEncoder().encode('企业名称,信用代码'))).toBe('《名单.xls》不是 .xlsx 格式的表格。请用“模板”获取表格填写，或在 Excel/WPS 中“另存为 .xlsx”后再发送。');
    const own = new ExcelJS.Workbook();
    own.addWorksheet('Sheet1').addRow(['名称', '备注']);
    expect(await sendFile('区税务局联络员', '自制.xlsx', new Uint8Array(await own.xlsx.writeBuffer()))).toBe('《自制.xlsx》的表头缺少“统一社会信用代码”、“预警情形”列。请用“模板”获取表格填写。');
    expect([...t.app.store.values('imports')]).toEqual([]);
  });

  it('reads a unit’s own layout with the same headers, and the office may send a unit’s template', async () => {
    t = await workingBot();
    const own = new ExcelJS.Workbook();
    const s = own.addWorksheet('欠税名单');
    s.addRow(['区税务局欠税企业名单']);
    s.addRow(['序号', '企业名称', '信用代码', '情形', '备注']);
    s.addRow([1, '某某建材有限公司', '91440300100012316L', '欠税', '欠税12个月']);
    expect(await sendFile('区税务局联络员', '自制.xlsx', new Uint8Array(await own.xlsx.writeBuffer()))).toContain('· 第3行 某某建材有限公司（91440300100012316L）：欠税时间较长、运营状态不佳（欠税12个月）');
    const forTax = await filled(await template('办公室主任', '模板 税务局'), [NEW]);
    expect(await sendFile('办公室主任', '名单.xlsx', forTax)).toContain('名单导入预览 I2**（区税务局《名单.xlsx》');
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('x').addRow(['企业名称', '统一社会信用代码', '预警情形']);
    plain.getWorksheet('x')!.addRow(['某某建材有限公司', '91440300100012316L', '欠税']);
    expect(await sendFile('办公室主任', '名单.xlsx', new Uint8Array(await plain.xlsx.writeBuffer()))).toContain('名单由成员单位联络员报送');
  });

  it('a platform’s second delivery of the same file message makes no second batch', async () => {
    t = await workingBot();
    const bytes = await filled(await template('区税务局联络员'), [NEW]);
    const first = await sendFile('区税务局联络员', '名单.xlsx', bytes, 'same-message');
    expect(await sendFile('区税务局联络员', '名单.xlsx', bytes, 'same-message')).toBe(first);
    expect([...t.app.store.values('imports')].map((b) => b.id)).toEqual(['I1']);
    // Someone else cannot apply it.
    expect(await t.say('区人社局联络员', 'single', '导入 I1')).toBe('I1 是别人发送的名单，只有发送人或办公室主任可以导入。');
    expect(await t.say('区税务局联络员', 'single', '导入')).toContain('先发“模板”获取本单位的表格');
  });
});

describe('npm run cli -- import FILE --unit 税务局', () => {
  it('shows the preview and imports only when confirmed', async () => {
    t = await workingBot();
    const file = join(mkdtempSync(join(tmpdir(), 'fuyuan-import-')), '欠税企业名单.xlsx');
    writeFileSync(file, await filled(await template('区税务局联络员'), ROWS));
    const printed: string[] = [];
    const common = { store: t.app.store, config: t.config, file, unit: '税务局', out: (s: string) => printed.push(s), now: () => t.clock.now };
    expect(await cliImport({ ...common, yes: false })).toBeUndefined();
    expect(printed.join('\n')).toContain('名单导入预览 （命令行）（区税务局《欠税企业名单.xlsx》，读到8行）');
    expect(printed.at(-1)).toBe('没有确认，没有做任何更改（加 --yes 直接导入）。');
    expect(t.app.store.get('enterprises', 'E4')).toBeUndefined();
    expect(await cliImport({ ...common, yes: false, ask: async () => false })).toBeUndefined();
    expect(printed.at(-1)).toBe('已取消，没有做任何更改。');

    const result = await cliImport({ ...common, yes: true });
    expect(result).toEqual({ added: ['E4'], merged: ['E2'] });
    expect(printed.at(-1)).toBe('已导入：新增企业1家（E4），补充预警信号1家（E2）。');
    expect(t.app.store.get('enterprises', 'E4')!.history[0]!.text).toBe('区税务局批量导入：欠税时间较长、运营状态不佳（欠税12个月）');
    expect([...t.app.store.values('imports')]).toMatchObject([{ id: 'I1', unitId: 'tax', state: 'applied', by: 'cli' }]);
    await t.app.outbox.runOnce();
    expect(t.takePushes().map((p) => p.text)).toEqual(['【名册变动】管理员为区税务局批量导入名单《欠税企业名单.xlsx》：新增企业1家，补充预警信号1家。']);
    await expect(cliImport({ ...common, unit: '人社局', yes: true })).rejects.toThrow('《欠税企业名单.xlsx》是区税务局的模板，不是区人社局的；请核对 --unit。');
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});
