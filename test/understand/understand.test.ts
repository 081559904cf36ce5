import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/transcript.ts';

// Wednesday 2 December 2026, 10:00 in Shanghai.
const AT = '2026-12-02T10:00:00+08:00';
let t: TestBot;
afterEach(async () => t?.close());

const PROPOSE_REGISTER = '您是要：登记 宏达机械有限公司 代码:91440300192317458F 情形:欠税 说明:欠税快两年了？回复“确认”执行，或直接改写这条命令。';
const SAID = '帮忙登记一下宏达机械有限公司，91440300192317458F，税务这边欠税快两年了';

describe('说人话: words that are not a command', () => {
  it('proposes the exact command, changes nothing, and 确认 runs exactly that command', async () => {
    t = await createTestBot({ at: AT });
    expect(await t.say('区税务局联络员', 'single', SAID)).toBe(PROPOSE_REGISTER);
    expect(t.app.store.count('enterprises')).toBe(0);
    expect(await t.say('区税务局联络员', 'single', '确认')).toMatch(/^已列入名册：E1 宏达机械有限公司\n情形：欠税时间较长、运营状态不佳（区税务局）/);
    expect(t.app.store.get('enterprises', 'E1')!.signals[0]!.detail).toBe('欠税快两年了');
    expect(await t.say('区税务局联络员', 'single', '确认')).toMatch(/现在没有等待您确认的操作/);
  });

  it('discards the proposal on 取消, and after ten minutes of silence', async () => {
    t = await createTestBot({ at: AT });
    await t.say('区税务局联络员', 'single', SAID);
    expect(await t.say('区税务局联络员', 'single', '取消')).toBe('已取消，没有做任何更改。');
    expect(await t.say('区税务局联络员', 'single', '确认')).toMatch(/现在没有等待您确认的操作/);
    await t.say('区税务局联络员', 'single', SAID);
    t.clock.advanceMs(10 * 60_000 + 1000);
    expect(await t.say('区税务局联络员', 'single', '确认')).toMatch(/现在没有等待您确认的操作/);
    expect(t.app.store.count('enterprises')).toBe(0);
  });

  it('answers a question with its read command at once, saying which command it ran', async () => {
    t = await createTestBot({ at: AT });
    await t.say('区税务局联络员', 'single', '登记 宏达机械有限公司 代码:91440300192317458F 情形:欠税');
    const reply = await t.say('区税务局联络员', 'single', '宏达机械现在什么情况');
    expect(reply).toMatch(/^（即“企业 宏达机械”）\n\*\*E1 宏达机械有限公司\*\*/);
    expect(await t.say('区税务局联络员', 'single', '确认')).toMatch(/现在没有等待您确认的操作/);
  });

  it('never proposes what the person may not run, and falls back to the usual hint', async () => {
    t = await createTestBot({ at: AT });
    // 移出 is the director's: a liaison's words about it get no proposal.
    const reply = await t.say('区税务局联络员', 'single', 'E12 重整成功了，可以移出名册');
    expect(reply).not.toMatch(/您是要/);
    expect(reply).toMatch(/这个命令/);
  });

  it('still asks the command’s own question for a hard-to-undo command after 确认', async () => {
    t = await createTestBot({ at: AT });
    await t.say('区税务局联络员', 'single', '登记 宏达机械有限公司 代码:91440300192317458F 情形:欠税');
    expect(await t.say('办公室主任', 'single', 'E1 重整成功了，可以移出名册')).toBe('您是要：移出 E1 结果:重整成功？回复“确认”执行，或直接改写这条命令。');
    const question = await t.say('办公室主任', 'single', '确认');
    expect(question).toMatch(/回复“确认”执行，回复“取消”放弃/);
    expect(t.app.store.get('enterprises', 'E1')!.status).toBe('active');
    await t.say('办公室主任', 'single', '确认');
    expect(t.app.store.get('enterprises', 'E1')!.status).toBe('closed');
  });

  it('resolves spoken days on the calendar in the proposal', async () => {
    t = await createTestBot({ at: AT });
    expect(await t.say('区法院联络员', 'single', '下周三下午三点开个会，请税务和人社，议题是解除查封，企业E12')).toBe(
      '您是要：申请会议 议题:解除查封 单位:区税务局,区人社局 企业:E12 时间:"2026-12-09 15:00"？回复“确认”执行，或直接改写这条命令。',
    );
  });
});
