import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { defineCommand, type CommandDef } from '../../src/core/command.ts';
import type { InboundMessage } from '../../src/domain/types.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const message = (over: Partial<InboundMessage>): InboundMessage => ({
  channel: 'console',
  messageId: 'm1',
  chatKind: 'single',
  chatId: 'tax-liaison',
  senderId: 'tax-liaison',
  text: '名册',
  receivedAt: new Date(),
  ...over,
});

const REGISTER = '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税';

describe('Bot.handle', () => {
  it('answers an unknown sender politely, saying how to be added, and records nothing else', async () => {
    t = await createTestBot();
    const replies = await t.app.bot.handle(message({ senderId: 'stranger', chatId: 'stranger', text: REGISTER }));
    expect(replies[0]!.text).toMatch(/还不在成员名单中，请联系联席会议办公室/);
    expect(t.app.store.count('enterprises')).toBe(0);
  });

  it('refuses enterprise work in a group that is not configured', async () => {
    t = await createTestBot();
    const replies = await t.app.bot.handle(message({ chatKind: 'group', chatId: 'some-other-group', text: REGISTER }));
    expect(replies[0]!.text).toMatch(/不是配置过的工作群/);
    expect(t.app.store.count('enterprises')).toBe(0);
  });

  it('acts once on a message delivered twice, and gives the retry the same answer — also after a restart', async () => {
    t = await createTestBot();
    const msg = message({ messageId: 'dup-1', text: REGISTER });
    const [a, b] = await Promise.all([t.app.bot.handle(msg), t.app.bot.handle(msg)]);
    expect(a).toEqual(b);
    await t.restart({ crash: true });
    const c = await t.app.bot.handle(msg);
    expect(c).toEqual(a);
    const e = t.app.store.get('enterprises', 'E1')!;
    expect(e.signals).toHaveLength(1);
    expect(t.app.store.count('enterprises')).toBe(1);
  });

  it('changes nothing on a user error and answers in one Chinese sentence with the right form', async () => {
    t = await createTestBot();
    const reply = await t.say('区税务局联络员', 'single', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠薪');
    expect(reply).toMatch(/^“欠薪”是人力资源社会保障部门的预警情形，税务部门可用的情形有：/);
    expect(t.app.store.count('enterprises')).toBe(0);
    expect(t.app.store.get('counters', 'E')).toBeUndefined();
  });

  it('suggests the command meant by a typo, and the spacing when a word is glued to it', async () => {
    t = await createTestBot();
    expect(await t.say('办公室主任', 'single', '名策')).toMatch(/您是不是想用「名册」/);
    expect(await t.say('办公室主任', 'single', '企业E12')).toMatch(/您是不是想写“企业 E12”/);
    expect(await t.say('办公室主任', 'single', '天气')).toMatch(/没有“天气”这个命令。发“帮助”/);
  });

  it('quotes an unknown command back short and inert, however long it was', async () => {
    t = await createTestBot();
    const long = await t.say('办公室主任', 'single', '啊'.repeat(20_000));
    expect(long).toBe(`没有“${'啊'.repeat(20)}…”这个命令。发“帮助”查看可用的命令。`);
    expect(await t.say('办公室主任', 'single', '<@all>[钓鱼](http://evil.example/p)')).not.toMatch(/<@all>|\]\(/);
    expect(Buffer.byteLength(await t.say('办公室主任', 'single', `帮助 ${'啊'.repeat(20_000)}`))).toBeLessThan(200);
  });

  it('says who may run a command the person may not', async () => {
    t = await createTestBot();
    expect(await t.say('纾困中心工作人员甲', 'single', REGISTER)).toMatch(/^「登记」只有成员单位联络员、办公室主任、系统管理员可以使用/);
  });

  it('answers a bug with an apology and a reference, changes nothing, and lets a retry try again', async () => {
    let calls = 0;
    const broken = defineCommand({
      name: '坏了', summary: 's', usage: '坏了', examples: [], audience: ['everyone'], params: {}, schema: z.object({}),
      run(ctx) {
        calls++;
        ctx.tx.put('settings', { id: 'x', value: 1 });
        throw new TypeError('boom');
      },
    });
    t = await createTestBot({ commands: [...COMMANDS, broken as unknown as CommandDef] });
    const msg = message({ messageId: 'bug-1', text: '坏了' });
    const reply = (await t.app.bot.handle(msg))[0]!.text;
    expect(reply).toMatch(/^抱歉，处理“坏了”时出了问题，没有做任何更改（编号 [0-9a-f]{6}）/);
    expect(t.app.store.get('settings', 'x')).toBeUndefined();
    await t.app.bot.handle(msg);
    expect(calls).toBe(2);
  });

  it('asks for confirmation first when a command says so, and acts only on 确认', async () => {
    const risky = defineCommand({
      name: '清空', summary: 's', usage: '清空', examples: [], audience: ['director'], params: {}, schema: z.object({}),
      confirm: () => '将清空测试数据。',
      run(ctx) {
        ctx.tx.put('settings', { id: 'cleared', value: true });
        ctx.reply('已清空。');
      },
    });
    t = await createTestBot({ commands: [...COMMANDS, risky as unknown as CommandDef] });
    expect(await t.say('办公室主任', 'single', '清空')).toMatch(/^将清空测试数据。\n回复“确认”执行/);
    expect(t.app.store.get('settings', 'cleared')).toBeUndefined();
    expect(await t.say('办公室主任', 'single', '取消')).toBe('已取消，没有做任何更改。');
    expect(await t.say('办公室主任', 'single', '确认')).toMatch(/现在没有等待您确认的操作/);
    await t.say('办公室主任', 'single', '清空');
    await t.restart({ crash: true }); // a pending question survives a restart
    expect(await t.say('办公室主任', 'single', '确认')).toBe('已清空。');
    expect(t.app.store.get('settings', 'cleared')?.value).toBe(true);
  });

  it('lets a confirmation expire after ten minutes', async () => {
    const risky = defineCommand({
      name: '清空', summary: 's', usage: '清空', examples: [], audience: ['director'], params: {}, schema: z.object({}),
      confirm: () => '将清空。', run: (ctx) => ctx.reply('已清空。'),
    });
    t = await createTestBot({ commands: [...COMMANDS, risky as unknown as CommandDef] });
    await t.say('办公室主任', 'single', '清空');
    t.clock.advanceMs(11 * 60_000);
    expect(await t.say('办公室主任', 'single', '确认')).toMatch(/现在没有等待您确认的操作/);
  });

  it('does not lose a message acknowledged before it was handled: it is handled after a crash', async () => {
    t = await createTestBot();
    const msg = message({ messageId: 'late-1', text: REGISTER });
    await t.app.bot.defer(msg, { repliesViaOutbox: true });
    await t.restart({ crash: true });
    expect(await t.app.bot.recoverPending()).toBe(1);
    await t.app.outbox.runOnce();
    expect(t.app.store.get('enterprises', 'E1')?.names).toEqual(['某某机械有限公司']);
    const toSender = t.takePushes().filter((p) => p.to === '区税务局联络员');
    expect(toSender).toHaveLength(1);
    expect(toSender[0]!.text).toMatch(/^已列入名册：E1/);
    expect(await t.app.bot.recoverPending()).toBe(0);
  });

  it('queues the replies of a deferred message in the same transaction that handles it', async () => {
    t = await createTestBot();
    const msg = message({ messageId: 'late-2', text: REGISTER });
    const handling = t.app.bot.handle(msg);
    await t.app.bot.defer(msg, { repliesViaOutbox: true });
    await handling;
    await t.app.outbox.runOnce();
    expect(t.takePushes().filter((p) => p.to === '区税务局联络员').map((p) => p.text.split('\n')[0])).toEqual(['已列入名册：E1 某某机械有限公司']);
  });
});
