import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleSender } from '../../src/channels/console/console-sender.ts';
import type { TestBot } from '../support/transcript.ts';
import { readWorkbook, sentFile, workingBot } from './fixture.ts';

let t: TestBot;
afterEach(async () => t?.close());

describe('导出 名册', () => {
  it('sends the director an Excel workbook: a sheet per tier, 未分档 and the watch list, a column per unit', async () => {
    t = await workingBot();
    const reply = await t.say('办公室主任', 'single', '导出 名册');
    expect(reply).toMatch(/^已生成困境企业名册（一档（保）0家，二档（帮）1家，三档（关）0家，未分档1家，观察名单1家）。文件《困境企业名册_2026-12-04_0900\d\d\.xlsx》随后发给您。$/u);
    const file = sentFile(t.takePushes(), '办公室主任');
    // Written under DATA_DIR/exports/, with the date in its name.
    expect(dirname(file.path)).toBe(join(t.dataDir, 'exports'));
    expect(basename(file.path)).toContain('2026-12-04');
    expect(existsSync(file.path)).toBe(true);

    const wb = await readWorkbook(file.path);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['一档（保）', '二档（帮）', '三档（关）', '未分档', '观察名单']);
    const sheet = wb.getWorksheet('二档（帮）')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    // The code under its legal name (GB 32100-2015).
    expect(header.slice(0, 6)).toEqual(['编号', '企业名称', '统一社会信用代码', '地区', '行业', '规模']);
    expect(header.slice(-6)).toEqual(['涉诉/涉执', '督办事项', '最近会议', '状态', '列入日期', '最近变动']);
    expect(header).toContain('区税务局');
    expect(header).toContain('区人社局');
    expect(header).toContain('区市场监管局');
    // Header bold and frozen (the first two columns too, so the name stays in view).
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    expect(sheet.getColumn(2).width).toBeGreaterThan(20);

    const cell = (key: string) => String(sheet.getRow(2).getCell(header.indexOf(key) + 1).value ?? '');
    expect(cell('编号')).toBe('E1');
    expect(cell('企业名称')).toBe('某某机械有限公司');
    expect(cell('统一社会信用代码')).toBe('91440300192317458F');
    // 列入日期 and 最近变动 are Excel dates (they sort and filter as dates), shown the official way.
    const dateCell = (key: string) => sheet.getRow(2).getCell(header.indexOf(key) + 1);
    expect(dateCell('列入日期').value).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect(dateCell('最近变动').value).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect(dateCell('列入日期').numFmt).toBe('yyyy"年"m"月"d"日"');
    expect(cell('地区')).toBe('北街街道');
    expect(cell('行业')).toBe('工业');
    expect(cell('规模')).toBe('小型');
    expect(cell('区税务局')).toBe('欠税时间较长、运营状态不佳：欠税8个月');
    expect(cell('区人社局')).toBe('长期欠薪：拖欠3个月工资');
    expect(cell('区法院')).toBe('');
    expect(cell('涉诉/涉执')).toBe('诉讼8件／执行4件（预警）');
    expect(cell('督办事项')).toBe('T1 解除对E1厂房的查封（2026年12月18日前）\nT2 申报税收债权（2026年12月21日前）');
    // Dates the official way: no zero padding.
    expect(cell('最近会议')).toBe('M1 业务会议 2026年12月3日');
    expect(cell('状态')).toBe('在册，2个单位预警；二档（帮）：预重整（2026年11月23日定）');
    expect(sheet.rowCount).toBe(2);

    const untiered = wb.getWorksheet('未分档')!;
    expect(untiered.getRow(2).getCell(1).value).toBe('E2');
    expect(String(untiered.getRow(2).getCell(header.indexOf('状态') + 1).value)).toBe('在册，1个单位预警，待分档');
    const watch = wb.getWorksheet('观察名单')!;
    expect(watch.getRow(2).getCell(1).value).toBe('E3');
    expect(wb.getWorksheet('一档（保）')!.rowCount).toBe(1);
  });

  it('is the office’s: a liaison is told so and nothing is sent', async () => {
    t = await workingBot();
    expect(await t.say('区税务局联络员', 'single', '导出 名册')).toBe('名册、督办通报和工作简报由办公室主任、召集人导出；会议发起人可以导出本会议的纪要（导出 纪要 M7）。');
    expect(t.takePushes()).toEqual([]);
    expect(await t.say('召集人', 'single', '导出 名册')).toContain('已生成困境企业名册');
    expect(await t.say('办公室主任', 'single', '导出 名单表')).toBe('看不懂“名单表”。写法：导出 名册 ｜ 导出 纪要 M7 ｜ 导出 通报 [2026Q4] ｜ 导出 简报 [第N期]');
  });

  it('asked in a group, goes to the single chat', async () => {
    t = await workingBot();
    const reply = await t.say('办公室主任', '联络员群', '导出 名册');
    expect(reply).toContain('已单独发到您与我的单聊');
    expect(sentFile(t.takePushes(), '办公室主任').name).toMatch(/\.xlsx$/u);
  });

  it('on the console, says where the file was written', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (d: Buffer) => (printed += d.toString()));
    const person = { id: 'director', name: '办公室主任', roles: ['director' as const], ids: {} };
    await new ConsoleSender(out).send(
      { to: { kind: 'person', personId: 'director' }, text: '困境企业名册', file: { name: '困境企业名册.xlsx', path: '/data/exports/困境企业名册.xlsx' }, idempotencyKey: 'k' },
      { kind: 'person', person, platformUserId: 'director' },
    );
    expect(printed).toContain('📎 文件《困境企业名册.xlsx》已写入：/data/exports/困境企业名册.xlsx');
  });
});
