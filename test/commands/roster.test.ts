import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { defaultConfigPath, loadConfigText } from '../../src/config/load.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

async function seed() {
  t = await createTestBot();
  await t.say('区人社局联络员', 'single', '登记 甲机械有限公司 代码:91440300192317458F 情形:欠薪');
  await t.say('区税务局联络员', 'single', '登记 乙商贸有限公司 代码:914403001922038216 情形:欠税');
  await t.say('区税务局联络员', 'single', '登记 E1 情形:欠税');
  await t.say('区法院联络员', 'single', '案件 丙建筑有限公司 代码:91110108551385082Q 诉讼:2 执行:1');
}

describe('名册', () => {
  it('lists the active roster with the units that flagged each enterprise', async () => {
    await seed();
    expect(await t.say('办公室主任', 'single', '名册')).toBe('**困境企业名册**（共2家）\nE1 甲机械有限公司 — 区人社局、区税务局\nE2 乙商贸有限公司 — 区税务局');
  });

  it('filters by unit and by trigger, and shows the watch list', async () => {
    await seed();
    expect(await t.say('区人社局联络员', 'single', '名册 单位:人社局')).toMatch(/共1家，区人社局）\nE1 甲机械有限公司/);
    expect(await t.say('区人社局联络员', 'single', '名册 情形:欠税')).toMatch(/共2家/);
    expect(await t.say('区人社局联络员', 'single', '名册 范围:观察')).toMatch(/^\*\*观察名单\*\*（共1家）\nE3 丙建筑有限公司/);
  });

  it('answers clearly when nothing matches or a filter is wrong', async () => {
    await seed();
    expect(await t.say('办公室主任', 'single', '名册 档:2')).toBe('没有符合条件的企业（二档（帮））。');
    expect(await t.say('办公室主任', 'single', '名册 单位:外交部')).toBe('没有找到成员单位“外交部”。');
    expect(await t.say('办公室主任', 'single', '名册 范围:全部')).toMatch(/^“范围”只能是 在册、观察、已移出。/);
  });
});

describe('企业', () => {
  it('shows the file: signals by unit, cases and history', async () => {
    await seed();
    const file = await t.say('区税务局联络员', 'single', '企业 甲机械');
    expect(file).toMatch(/^\*\*E1 甲机械有限公司\*\*\n信用代码：91440300192317458F\n状态：在册\n预警信号（2）：\n· 区人社局：长期欠薪 2026年11月23日\n· 区税务局：欠税时间较长、运营状态不佳 2026年11月23日/);
    expect(file).toMatch(/记录（最近2条）/);
  });

  it('finds by code, tells an ambiguous name apart, and says what to write when nothing matches', async () => {
    await seed();
    expect(await t.say('办公室主任', 'single', '企业 914403001922038216')).toMatch(/^\*\*E2 乙商贸有限公司/);
    expect(await t.say('办公室主任', 'single', '企业 有限公司')).toMatch(/^“有限公司”对应多家企业：E1 甲机械有限公司；E2 乙商贸有限公司；E3 丙建筑有限公司。请写编号/);
    expect(await t.say('办公室主任', 'single', '企业 E99')).toBe('没有编号为 E99 的企业。可以发“名册”查看在册企业。');
  });

  it('escapes what people typed so it cannot mention everyone or make links', async () => {
    t = await createTestBot();
    await t.say('区人社局联络员', 'single', '登记 "<@all>[点我](http://x)" 情形:欠薪');
    const file = await t.say('办公室主任', 'single', '企业 E1');
    expect(file).toContain('＜@all＞［点我］(http://x)');
    expect(file).not.toContain('<@all>');
  });
});

describe('案件', () => {
  it('records the counts and alerts once when they reach ten', async () => {
    await seed();
    expect(await t.say('区法院联络员', 'single', '案件 E1 诉讼:6 执行:3')).toBe('已登记 E1 甲机械有限公司：诉讼 6 件，执行 3 件，共 9 件。');
    t.takePushes();
    expect(await t.say('区法院联络员', 'single', '案件 E1 诉讼:6 执行:4')).toMatch(/共 10 件。已达10件以上，已提示审判部门（区法院审判部门联系人）、执行部门（区法院执行部门联系人）。$/);
    const pushes = t.takePushes();
    expect(pushes.map((p) => p.to).sort()).toEqual(['办公室主任', '区法院审判部门联系人', '区法院执行部门联系人'].sort());
    expect(pushes[0]!.text).toMatch(/^【涉诉涉执提示】E1 甲机械有限公司 共有诉讼 6 件、执行 4 件，已达10件以上。/);
    expect(await t.say('区法院联络员', 'single', '案件 E1 诉讼:7 执行:4')).toMatch(/此前已提示过/);
    expect(t.takePushes()).toEqual([]);
  });

  it('falls back to the court liaison for a department without a configured contact, and says so', async () => {
    const demo = readFileSync(defaultConfigPath(), 'utf8').replace('    courtDepartments: [enforcement]\n', '').replace('roles: [courtContact]\n    unit: court\n    ids: { console: court-enforcement', 'roles: [admin]\n    unit: court\n    ids: { console: court-enforcement');
    t = await createTestBot({ config: loadConfigText(demo, 'no-enforcement-contact.yaml', {}) });
    await t.say('区人社局联络员', 'single', '登记 甲机械有限公司 代码:91440300192317458F 情形:欠薪');
    t.takePushes();
    expect(await t.say('区法院联络员', 'single', '案件 E1 诉讼:6 执行:4')).toMatch(/已提示审判部门（区法院审判部门联系人）、执行部门（未配置联系人，已转区法院联络员）。$/);
    expect(t.takePushes().map((p) => p.to).sort()).toEqual(['办公室主任', '区法院审判部门联系人'].sort());
  });

  it('is the court liaison’s alone', async () => {
    await seed();
    expect(await t.say('区税务局联络员', 'single', '案件 E1 诉讼:6 执行:4')).toBe('案件数由法院登记，区税务局不能登记。');
    expect(await t.say('区法院联络员', 'single', '案件 E1 诉讼:很多 执行:4')).toMatch(/^“诉讼”：“很多”不是整数/);
    // -3 is an integer: the sentence says what is wrong with it.
    expect(await t.say('区法院联络员', 'single', '案件 E1 诉讼:-3 执行:4')).toMatch(/^“诉讼”：“-3”是负数，这里要写 0 或正整数，如 35/);
  });

  it('名册 past its last page says how many pages there are instead of an empty list', async () => {
    await seed();
    expect(await t.say('办公室主任', 'single', '名册 页:2')).toBe('共2家，只有1页，没有第2页。发“名册”查看最后一页。');
  });
});
