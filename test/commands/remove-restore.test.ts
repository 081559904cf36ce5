import { afterEach, describe, expect, it } from 'vitest';
import { ONE_LINE_CHINESE, stateOf } from '../support/state-snapshot.ts';
import { botWithListedEnterprise, LISTED_CODE } from '../support/listed.ts';
import type { TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const CODE = LISTED_CODE;

async function listedAndTiered(): Promise<TestBot> {
  const bot = await botWithListedEnterprise();
  await bot.say('区人社局联络员', 'single', '登记 E1 情形:欠薪');
  await bot.say('办公室主任', 'single', '分档 E1 档:2 理由:有重整价值');
  bot.takePushes();
  return bot;
}

describe('移出', () => {
  it('asks first, then closes the enterprise with its outcome and figures and tells the listing units', async () => {
    t = await listedAndTiered();
    const before = stateOf(t);
    const question = await t.say('办公室主任', 'single', '移出 E1 结果:重整成功 化解债务:3000万 职工:120 追回工资:300万 盘活资产:1.2亿 土地:30亩 厂房:"5000 平方米"');
    expect(question).toBe(
      '确认将 E1 某某机械有限公司 移出名册？结果：重整成功；化解债务3000万元、职工120人、追回工资300万元、盘活资产1.2亿元、土地30亩、厂房5000平方米。移出后不再列入在册名单，档案保留，可用“恢复 E1”撤销。\n回复“确认”执行，回复“取消”放弃（10分钟内有效）。',
    );
    expect(stateOf(t)).toBe(before);

    const reply = await t.say('办公室主任', 'single', '确认');
    expect(reply).toMatch(/^已移出名册：E1 某某机械有限公司\n结果：重整成功\n成效：化解债务3000万元/);
    const e = t.app.store.get('enterprises', 'E1')!;
    expect(e.status).toBe('closed');
    expect(e.outcome).toMatchObject({ kind: '重整成功', by: 'director', figures: { debtWan: 3000, workers: 120, wagesWan: 300, assetsWan: 12000, landMu: 30, buildingSqm: 5000 } });
    expect(e.history.at(-1)!.text).toMatch(/^移出名册：重整成功；化解债务3000万元/);
    expect([...t.app.store.values('outcomes')]).toMatchObject([{ id: 'OC1', enterpriseId: 'E1', kind: '重整成功', tier: 2 }]);
    expect(t.takePushes().map((p) => p.to).sort()).toEqual(['区人社局联络员', '区税务局联络员'].sort());
    expect(await t.say('区税务局联络员', 'single', '名册')).not.toContain('E1');
    expect(await t.say('区税务局联络员', 'single', '名册 范围:已移出')).toContain('E1 某某机械有限公司');
  });

  it('changes nothing when cancelled', async () => {
    t = await listedAndTiered();
    const before = stateOf(t);
    await t.say('办公室主任', 'single', '移出 E1 结果:清算出清');
    expect(await t.say('办公室主任', 'single', '取消')).toBe('已取消，没有做任何更改。');
    expect(stateOf(t)).toBe(before);
    expect(await t.say('办公室主任', 'single', '确认')).toMatch(/现在没有等待您确认的操作/);
    expect(stateOf(t)).toBe(before);
  });

  it('needs a 理由 for a plain 移出 and refuses bad figures and kinds, changing nothing', async () => {
    t = await listedAndTiered();
    const before = stateOf(t);
    const noReason = await t.say('办公室主任', 'single', '移出 E1 结果:移出');
    expect(noReason).toBe('结果为“移出”时请写明理由，例如 移出 E1 结果:移出 理由:已迁出本区。');
    expect(await t.say('办公室主任', 'single', '移出 E1 结果:破产')).toMatch(/^“结果”只能是 脱困、重整成功、和解成功、清算出清、注销、移出。/);
    const badLand = await t.say('办公室主任', 'single', '移出 E1 结果:注销 土地:很多');
    expect(badLand).toMatch(/^“土地”：“很多”看不懂，请写成 30亩 或 20000平方米 的形式。写法：移出/);
    expect(badLand).toMatch(ONE_LINE_CHINESE);
    expect(await t.say('办公室主任', 'single', '移出 E1')).toMatch(/^“结果”只能是 脱困/);
    expect(stateOf(t)).toBe(before);
    expect(await t.say('办公室主任', 'single', '移出 E1 结果:移出 理由:已迁出本区')).toMatch(/^确认将 E1/);
  });

  it('re-checks on 确认 and refuses an enterprise already closed', async () => {
    t = await listedAndTiered();
    await t.say('办公室主任', 'single', '移出 E1 结果:注销');
    await t.say('办公室主任', 'single', '确认');
    expect(await t.say('办公室主任', 'single', '移出 E1 结果:注销')).toMatch(/已于此前移出名册（注销）.*恢复 E1/);
  });

  it('is for the director only', async () => {
    t = await listedAndTiered();
    const before = stateOf(t);
    for (const who of ['区税务局联络员', '召集人', '系统管理员']) {
      expect(await t.say(who, 'single', '移出 E1 结果:脱困')).toBe('「移出」只有办公室主任可以使用。发“帮助”看看您能用的命令。');
      // 恢复 is shared with 恢复 M7 (meetings); the roster route is still the director's alone.
      expect(await t.say(who, 'single', '恢复 E1')).toMatch(/^「恢复」只有办公室主任/);
    }
    expect(stateOf(t)).toBe(before);
  });
});

describe('恢复', () => {
  it('brings the enterprise back with its whole file and revokes the outcome', async () => {
    t = await listedAndTiered();
    await t.say('办公室主任', 'single', '移出 E1 结果:脱困 盘活资产:800万');
    await t.say('办公室主任', 'single', '确认');
    const closed = t.app.store.get('enterprises', 'E1')!;
    t.takePushes();

    const reply = await t.say('办公室主任', 'single', '恢复 E1 理由:误操作');
    expect(reply).toBe('已恢复：E1 某某机械有限公司 回到名册，档案和分档记录不变。此前的移出结果“脱困”已撤销，不再计入统计。');
    const e = t.app.store.get('enterprises', 'E1')!;
    expect(e.status).toBe('active');
    expect(e.outcome).toBeUndefined();
    expect(e.signals).toEqual(closed.signals);
    expect(e.tier).toEqual(closed.tier);
    expect(e.tierHistory).toEqual(closed.tierHistory);
    expect(e.history.slice(0, closed.history.length)).toEqual(closed.history);
    expect(e.history.at(-1)!.text).toBe('恢复列入名册（撤销移出：脱困），理由：误操作');
    expect(t.app.store.get('outcomes', 'OC1')).toMatchObject({ revokedBy: 'director' });
    expect(await t.say('区税务局联络员', 'single', '名册')).toContain('E1 某某机械有限公司 [二档]');
    const file = await t.say('区税务局联络员', 'single', '企业 E1');
    expect(file).toContain('状态：在册');
    expect(file).toMatch(/· 2026年11月23日 脱困：盘活资产800万元〔2026年11月23日已恢复，不计入统计〕/);
    expect(t.takePushes().map((p) => p.to).sort()).toEqual(['区人社局联络员', '区税务局联络员'].sort());
  });

  it('refuses an enterprise on the roster', async () => {
    t = await listedAndTiered();
    expect(await t.say('办公室主任', 'single', '恢复 E1')).toBe('E1 某某机械有限公司 在册，不需要恢复。');
  });

  it('a new 登记 re-lists a closed enterprise and keeps its outcome counted', async () => {
    t = await listedAndTiered();
    await t.say('办公室主任', 'single', '移出 E1 结果:脱困');
    await t.say('办公室主任', 'single', '确认');
    expect(await t.say('区法院联络员', 'single', '登记 E1 情形:执行导致停业')).toMatch(/该企业此前已移出名册，现重新列入/);
    expect(t.app.store.get('outcomes', 'OC1')!.revokedAt).toBeUndefined();
    expect(await t.say('办公室主任', 'single', '统计')).toContain('帮扶脱困企业：1家（脱困1家）');
  });
});
