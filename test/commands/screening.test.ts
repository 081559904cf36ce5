import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDue } from '../../src/scheduler/run-due.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
beforeEach(async () => {
  t = await createTestBot({ at: '2026-11-23T10:00:00+08:00' });
});
afterEach(async () => {
  await t.close();
});

async function openRound(): Promise<void> {
  t.clock.set('2026-12-01T09:00:00+08:00');
  await runDue(t.app, t.clock.now);
  await t.app.outbox.runOnce();
  t.takePushes();
  t.clock.set('2026-12-02T10:00:00+08:00');
}

describe('排查', () => {
  it('before the round opens says when it will', async () => {
    expect(await t.say('区税务局联络员', 'single', '排查 无新增')).toBe('目前没有进行中的季度排查，将于2026年12月1日开启。开启时会通知各单位联络员。');
  });

  it('a liaison answers for their own unit: 无新增, or 完成 with a number', async () => {
    await openRound();
    expect(await t.say('区法院联络员', 'single', '排查 无新增')).toBe('已记录区法院2026年第四季度排查结果：无新增。\n本轮已报送1/17个单位。');
    await t.say('区税务局联络员', 'single', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税 说明:欠税6个月');
    const reply = await t.say('区税务局联络员', '联络员群', '排查 完成 新增:2 说明:欠税企业');
    expect(reply).toContain('已记录区税务局2026年第四季度排查结果：新增2家（欠税企业）。');
    expect(reply).toContain('本季度区税务局在名册中登记了1条预警信号；还没登记的企业请用“登记”列入名册。');
  });

  it('a second answer corrects the first', async () => {
    await openRound();
    await t.say('区税务局联络员', 'single', '排查 无新增');
    expect(await t.say('区税务局联络员', 'single', '排查 完成 新增:1')).toContain('已更正区税务局2026年第四季度排查结果：新增1家。');
    expect(t.app.store.get('screenings', '2026Q4')?.answers.tax).toMatchObject({ added: 1, late: false });
  });

  it('refuses what does not make sense, with the right form, and changes nothing', async () => {
    await openRound();
    expect(await t.say('区税务局联络员', 'single', '排查 完成')).toBe('请写新增家数：排查 完成 新增:<家数>；没有新增请写：排查 无新增。');
    expect(await t.say('区税务局联络员', 'single', '排查 无新增 新增:3')).toContain('“无新增”和“新增:3”矛盾');
    expect(await t.say('区税务局联络员', 'single', '排查 还行')).toContain('看不懂“还行”');
    expect(await t.say('区税务局联络员', 'single', '排查 无新增 单位:人社局')).toBe('您是区税务局的联络员，只能以区税务局的名义操作。');
    expect(await t.say('召集人', 'single', '排查 无新增 单位:人社局')).toBe('排查结果由各成员单位联络员报送（办公室主任可代报）。');
    expect(await t.say('办公室主任', 'single', '排查 无新增')).toContain('请写明以哪个成员单位的名义操作');
    expect(t.app.store.get('screenings', '2026Q4')?.answers).toEqual({});
  });

  it('the director may answer for a unit', async () => {
    await openRound();
    expect(await t.say('办公室主任', 'single', '排查 无新增 单位:人民银行')).toContain('已记录人民银行区支行2026年第四季度排查结果：无新增。');
  });

  it('shows the round: a liaison sees their unit, the office sees every unit', async () => {
    await openRound();
    await t.say('区法院联络员', 'single', '排查 无新增');
    const liaison = await t.say('区税务局联络员', 'single', '排查');
    expect(liaison).toContain('**2026年第四季度危困企业排查**（2026年12月1日开启，2026年12月15日截止）');
    expect(liaison).toContain('区税务局：尚未报送');
    expect(liaison).toContain('报送：发“排查 无新增”');
    const director = await t.say('办公室主任', 'single', '排查');
    expect(director).toContain('· 区法院：无新增（12月2日）');
    expect(director).toContain('尚未报送：区检察院、');
    expect(await t.say('办公室主任', 'single', '排查 季度:2026Q2')).toBe('2026年第二季度没有开展排查。');
  });

  it('is refused to the enterprise-facing staff', async () => {
    expect(await t.say('纾困中心工作人员甲', 'single', '排查')).toMatch(/^「排查」只有.*可以使用/u);
    expect(t.app.store.count('screenings')).toBe(0);
  });
});

describe('简报', () => {
  it('gives the director today\'s digest, the weekly figures and a quarter\'s 通报 on demand', async () => {
    await openRound();
    expect(await t.say('办公室主任', 'single', '简报')).toContain('**每日简报** 2026年12月2日（星期三）');
    expect(await t.say('办公室主任', 'single', '简报 周报')).toContain('**企业纾困工作周报**');
    expect(await t.say('办公室主任', 'single', '简报 通报 2026Q3')).toContain('**关于2026年第三季度督办事项办理情况的通报**');
    expect(await t.say('办公室主任', 'single', '简报 通报 2027Q2')).toBe('2027年第二季度还没有开始。');
    expect(await t.say('办公室主任', 'single', '简报 月报')).toContain('看不懂“月报”');
  });

  it('is not for liaisons', async () => {
    expect(await t.say('区税务局联络员', 'single', '简报')).toMatch(/^「简报」只有.*可以使用/u);
  });
});
