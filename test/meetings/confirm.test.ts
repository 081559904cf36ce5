import { afterEach, describe, expect, it } from 'vitest';
import { ONE_LINE_CHINESE, stateOf } from '../support/state-snapshot.ts';
import { createTestBot, type Push, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const tax = (text: string) => t.say('区税务局联络员', 'single', text);
const hrss = (text: string) => t.say('区人社局联络员', 'single', text);
const court = (text: string) => t.say('区法院联络员', 'single', text);
const director = (text: string) => t.say('办公室主任', 'single', text);
const recipients = (pushes: Push[]) => pushes.map((p) => p.to).sort();
const state = () => stateOf(t, ['meetings', 'counters']);

/** M1 by 税务局 inviting 人社局 and 法院; 人社局 accepted, 法院 refused. */
async function oneRefusal(): Promise<TestBot> {
  const bot = await createTestBot();
  await bot.say('区税务局联络员', 'single', '申请会议 议题:解除查封 单位:人社局、法院 时间:"2026-12-03 15:00"');
  await bot.say('区人社局联络员', 'single', '会议 M1 接受');
  bot.takePushes();
  return bot;
}

describe('a refusal no longer blocks a meeting', () => {
  it('tells the requester and the director at once, with the ways on', async () => {
    t = await oneRefusal();
    expect(await court('会议 M1 拒绝 理由:当天有庭审')).toMatch(/^已答复“拒绝（当天有庭审）”，已告诉发起人和办公室主任。/);
    const pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['办公室主任', '区税务局联络员']);
    expect(pushes[0]!.text).toContain('区法院：拒绝（当天有庭审）（1/2家已接受）');
    expect(pushes[0]!.text).toContain('会议 M1 确认');
  });

  it('lets the requester confirm with the units that accepted; the others are told they are no longer invited', async () => {
    t = await oneRefusal();
    await court('会议 M1 拒绝 理由:当天有庭审');
    t.takePushes();
    const reply = await tax('会议 M1 确认');
    expect(reply).toMatch(/^已确认业务会议 M1；不再邀请：区法院，已通知参会单位。\n\*\*业务会议 M1\*\* 【已确认】/);
    expect(reply).toContain('参会单位：区税务局、区人社局');
    const m = t.app.store.get('meetings', 'M1')!;
    expect(m).toMatchObject({ status: 'confirmed', unitIds: ['hrss'] });
    const pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['办公室主任', '区人社局联络员', '区法院联络员']);
    expect(pushes.find((p) => p.to === '区法院联络员')!.text).toMatch(/^【会议不再邀请贵单位】业务会议 M1：解除查封\n/);
    expect(pushes.find((p) => p.to === '区人社局联络员')!.text).toMatch(/^【会议已确认】业务会议 M1：解除查封\n时间：2026年12月3日（星期四）15:00\n参会单位：区人社局/);
    expect(await court('会议 M1 接受')).toBe('业务会议 M1没有邀请贵单位，无需答复。');
  });

  it('lets the director drop a unit; when the rest have accepted, the meeting is confirmed', async () => {
    t = await oneRefusal();
    expect(await director('会议 M1 移出 单位:法院')).toMatch(/^已移出区法院。其余单位均已接受，会议已确认。/);
    expect(t.app.store.get('meetings', 'M1')).toMatchObject({ status: 'confirmed', unitIds: ['hrss'] });
    expect(recipients(t.takePushes())).toEqual(['区人社局联络员', '区法院联络员', '区税务局联络员']);
  });

  it('refuses what cannot be done with one sentence and changes nothing', async () => {
    t = await createTestBot();
    await tax('申请会议 议题:解除查封 单位:人社局、法院 时间:"2026-12-03 15:00"');
    await director('申请会议 议题:年度工作 级别:联席 时间:"2026-12-10 15:00"');
    t.takePushes();
    const before = state();
    const cases: [() => Promise<string>, string][] = [
      [() => tax('会议 M1 确认'), '还没有单位接受业务会议 M1，不能确认；可以改时间（会议 M1 时间:"…"）或暂缓（暂缓 M1 理由:…）。'],
      [() => hrss('会议 M1 确认'), '只有业务会议 M1的发起人或办公室主任可以确认会议。'],
      [() => tax('会议 M1 移出'), '请写要移出的单位，例如：会议 M1 移出 单位:人社局。'],
      [() => tax('会议 M1 移出 单位:财政局'), '业务会议 M1没有邀请区财政局。'],
      [() => tax('会议 M1 移出 单位:人社局,法院'), '不能移出全部受邀单位；不开了请暂缓：暂缓 M1 理由:…。'],
      [() => director('会议 M2 移出 单位:法院'), '联席会议邀请全体成员单位，不能移出单位；可以与已接受的单位确认召开：会议 M2 确认。'],
    ];
    for (const [say, expected] of cases) {
      const reply = await say();
      expect(reply).toBe(expected);
      expect(reply).toMatch(ONE_LINE_CHINESE);
    }
    expect(state()).toBe(before);
    expect(t.takePushes()).toEqual([]);
  });

  it('confirms a 联席会议 with the units that accepted, keeping every member unit on the notice', async () => {
    t = await createTestBot();
    await director('申请会议 议题:年度工作 级别:联席 时间:"2026-12-10 15:00"');
    await court('会议 M1 接受');
    await tax('会议 M1 拒绝 理由:外出');
    t.takePushes();
    expect(await director('会议 M1 确认')).toMatch(/^已确认联席会议 M1；未接受的单位仍会收到会议通知：/);
    const m = t.app.store.get('meetings', 'M1')!;
    expect(m.status).toBe('confirmed');
    expect(m.unitIds).toHaveLength(t.config.units.length);
  });
});
