import { afterEach, describe, expect, it } from 'vitest';
import { ONE_LINE_CHINESE } from '../support/state-snapshot.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const CODES = ['91440300192317458F', '91110108551385082Q', '914403001922038216'];

async function scenario(): Promise<TestBot> {
  const bot = await createTestBot(); // 2026-11-23
  const d = (text: string) => bot.say('办公室主任', 'single', text);
  for (const [i, code] of CODES.entries()) await bot.say('区税务局联络员', 'single', `登记 企业${i + 1}有限公司 代码:${code} 情形:欠税`);
  await d('分档 E1 档:2 理由:有重整价值');
  await d('分档 E2 档:3 理由:资不抵债');
  await d('移出 E1 结果:重整成功 化解债务:3000万 职工:120 追回工资:300万 盘活资产:1.2亿');
  await d('确认');
  await d('移出 E2 结果:清算出清 土地:30亩 厂房:5000平方米 职工:40');
  await d('确认');
  await d('移出 E3 结果:脱困 盘活资产:999万');
  await d('确认');
  await d('恢复 E3');
  await bot.say('区法院联络员', 'single', '信用修复 E1 裁定:重整计划 裁定日期:2026-11-10 申请日期:2026-11-12');
  await bot.say('区法院联络员', 'single', '信用修复 C1 出证:2026-11-18');
  bot.takePushes();
  return bot;
}

describe('统计', () => {
  it('reports the headline figures of this year the way the 东莞 center does', async () => {
    t = await scenario();
    expect(await t.say('办公室主任', 'single', '统计')).toBe(
      [
        '**城区企业破产处置府院联动机制 工作成效**',
        '统计期间：2026年1月1日至2026年11月23日',
        '· 列入名册企业：3家（当前在册1家）',
        '· 帮扶脱困企业：1家（重整成功1家）',
        '· 推动“僵尸企业”出清：1家（清算出清1家）',
        '· 盘活资产：1.2亿元',
        '· 释放土地厂房：土地30亩、厂房5000平方米，合计约25000平方米（1亩按666.67平方米计）',
        '· 追回欠薪：300万元，涉及职工120人',
        '· 化解债务：3000万元',
        '· 信用修复：出具证明1家，平均用时6天，7天内办结1家；目前待出证0件',
        '分档情况（列入／脱困／出清）：',
        '· 二档（帮）：1／1／0家',
        '· 三档（关）：1／0／1家',
        '· 未分档：1／0／0家',
        '说明：脱困含脱困、重整成功、和解成功；出清含清算出清、注销；撤销（恢复）的移出不计入。',
      ].join('\n'),
    );
  });

  it('counts only the period asked for', async () => {
    t = await scenario();
    const reply = await t.say('召集人', 'single', '统计 从:2026-01-01 至:2026-06-30');
    expect(reply).toContain('统计期间：2026年1月1日至2026年6月30日');
    expect(reply).toContain('· 列入名册企业：0家（当前在册1家）');
    expect(reply).toContain('· 帮扶脱困企业：0家');
    expect(reply).toContain('出具证明0家；目前待出证0件');
  });

  it('reads the tasks collection when there is one: only 办结 counts as done, 已完成待审 does not', async () => {
    t = await scenario();
    await t.app.store.transact({ actor: 'test', action: 'seed' }, (tx) => {
      const base = { content: 'x', leadUnitId: 'tax', coUnitIds: [], enterpriseIds: [], history: [], source: { kind: 'assigned', by: 'director' } };
      tx.put('tasks', { ...base, id: 'T1', deadline: '2026-11-20', originalDeadline: '2026-11-20', state: '已办结', completion: { note: '', by: 'tax-liaison', at: '2026-11-19T02:00:00.000Z' }, createdAt: '2026-11-02T02:00:00.000Z', updatedAt: '2026-11-19T02:00:00.000Z' } as never);
      tx.put('tasks', { ...base, id: 'T2', deadline: '2026-11-10', originalDeadline: '2026-11-10', state: '已完成待审', completion: { note: '', by: 'tax-liaison', at: '2026-11-12T02:00:00.000Z' }, createdAt: '2026-11-02T02:00:00.000Z', updatedAt: '2026-11-12T02:00:00.000Z' } as never);
      tx.put('tasks', { ...base, id: 'T3', deadline: '2026-12-10', originalDeadline: '2026-12-10', state: '办理中', createdAt: '2026-11-02T02:00:00.000Z', updatedAt: '2026-11-02T02:00:00.000Z' } as never);
    });
    expect(await t.say('系统管理员', 'single', '统计')).toContain('· 督办事项：交办3件，已办结1件，其中按期办结1件（按期办结率100%）');
  });

  it('refuses a bad date or a period that ends before it starts', async () => {
    t = await scenario();
    const bad = await t.say('办公室主任', 'single', '统计 从:2026-02-30');
    expect(bad).toBe('“从”：日期不存在：2026-02-30。请写成 2026-12-31 或 12月31日 的形式。');
    expect(bad).toMatch(ONE_LINE_CHINESE);
    expect(await t.say('办公室主任', 'single', '统计 从:2026-12-01')).toMatch(/^开始日期 2026-12-01 晚于结束日期 2026-11-23，请对调/);
  });

  it('is for the director, the conveners and admins', async () => {
    t = await scenario();
    for (const who of ['区税务局联络员', '区法院联络员', '纾困中心工作人员甲']) {
      expect(await t.say(who, 'single', '统计')).toBe('「统计」只有办公室主任、召集人、系统管理员可以使用。发“帮助”看看您能用的命令。');
    }
  });
});
