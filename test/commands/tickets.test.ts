import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandDef } from '../../src/core/command.ts';
import { shareWord } from '../../src/core/shared-word.ts';
import { closeTicketCommand } from '../../src/intake/close.ts';
import { KF, type IntakeBot, createIntakeBot } from '../intake/harness.ts';

let t: IntakeBot;
afterEach(async () => t?.close());

const STAFF = '纾困中心工作人员甲';
const CODE = '91440300192317458F';

/** A ticket Q1 from customer wmA (Monday 2026-11-23 09:00), receipt and notice taken. */
async function withTicket(text = '法院冻结了我们的基本户，工资发不出来', options: Parameters<typeof createIntakeBot>[0] = {}): Promise<IntakeBot> {
  const bot = await createIntakeBot(options);
  await bot.customerSays('wmA', text);
  bot.toCustomer('wmA');
  bot.takeStaffPushes();
  return bot;
}

const sentToA = () => t.toCustomer('wmA').slice(1); // after the receipt

describe('回复: answers reach the enterprise within the platform’s rules', () => {
  it('sends a reply at once and says how many more may go before the window closes', async () => {
    t = await withTicket();
    expect(await t.say(STAFF, 'single', '回复 Q1 您好，已联系执行法官，今天下午会电话联系您。')).toBe('已发给企业（Q1）。企业再发消息前还可发3条，11月25日 09:00前有效。');
    expect(sentToA()).toEqual(['纾困中心答复（Q1）：\n您好，已联系执行法官，今天下午会电话联系您。']);
    expect(t.app.store.get('tickets', 'Q1')).toMatchObject({ state: '处理中', firstAnswerAt: '2026-11-23T01:00:00.000Z' });
    expect(t.app.store.get('tickets', 'Q1')!.messages[1]).toMatchObject({ from: 'staff', by: 'center-staff-1', delivery: 'queued', outboxId: 'ticket:Q1:m1' });
  });

  it('keeps punctuation and line breaks written on the lines below, or in 内容:"…"', async () => {
    t = await withTicket();
    await t.say(STAFF, 'single', '回复 Q1\n您好：请携带营业执照复印件。\n地址：区法院二楼纾困中心');
    await t.say(STAFF, 'single', '回复 Q1 内容:“您好：材料已收到。”');
    expect(sentToA()).toEqual(['纾困中心答复（Q1）：\n您好：请携带营业执照复印件。\n地址：区法院二楼纾困中心', '纾困中心答复（Q1）：\n您好：材料已收到。']);
    // A colon on the first line reads as key:value: the answer says how to write it, and nothing is sent.
    expect(await t.say(STAFF, 'single', '回复 Q1 您好：请带材料')).toBe('不认识“您好:”。「回复」可用的是：内容。写法：回复 <诉求编号> <答复内容>（内容含冒号时写成 内容:"…"，或换行写在第二行起）');
    expect(sentToA()).toHaveLength(2);
  });

  it('does not queue a reply after 48 hours: staff are told why at once, and it goes when the enterprise writes again', async () => {
    t = await withTicket();
    t.clock.advanceMs(49 * 3_600_000);
    expect(await t.say(STAFF, 'single', '回复 Q1 已协调银行解冻')).toBe(
      '现在不能发给企业：企业最后一次发消息是11月23日 09:00，已超过48小时，平台不允许再发。答复已保存在 Q1 中，企业再次发消息时会自动发出；如需尽快联系，请用电话等其他方式。',
    );
    expect(sentToA()).toEqual([]);
    expect(t.app.store.lookup('outbox', 'state', 'pending')).toEqual([]);
    expect(t.app.store.get('tickets', 'Q1')!.messages[1]).toMatchObject({ delivery: 'held', heldReason: expect.stringContaining('已超过48小时') });
    expect(await t.say(STAFF, 'single', '诉求 Q1')).toContain('暂存未发：企业最后一次发消息是11月23日 09:00，已超过48小时，平台不允许再发；企业再发消息时自动发出');

    await t.customerSays('wmA', '请问有进展吗？');
    expect(sentToA()).toEqual(['纾困中心答复（Q1）：\n已协调银行解冻']);
    expect(t.app.store.get('tickets', 'Q1')!.messages[1]).toMatchObject({ delivery: 'queued', queuedAt: t.clock.now.toISOString() });
    expect(t.takeStaffPushes()[0]!.text).toContain('已补发此前暂存的1条答复。');
  });

  it('sends at most 5 messages after the enterprise’s last message (the receipt counts)', async () => {
    t = await withTicket();
    for (const n of [1, 2, 3]) await t.say(STAFF, 'single', `回复 Q1 第${n}条`);
    expect(await t.say(STAFF, 'single', '回复 Q1 第4条')).toBe('已发给企业（Q1）。已用完平台的5条限额，企业再发消息后才能继续答复。');
    expect(await t.say(STAFF, 'single', '回复 Q1 第5条')).toMatch(/^现在不能发给企业：企业11月23日 09:00发消息后已给企业发了5条，达到平台上限。答复已保存在 Q1 中/u);
    expect(sentToA()).toHaveLength(4);
    await t.customerSays('wmA', '好的');
    expect(sentToA().at(-1)).toBe('纾困中心答复（Q1）：\n第5条');
  });

  it('explains a session a human servicer has taken in the WeCom 客服 tool (state 3)', async () => {
    t = await createIntakeBot();
    t.fake.kf.setState(KF, 'wmA', 3);
    await t.customerSays('wmA', '设备被查封了');
    expect(await t.say(STAFF, 'single', '回复 Q1 您好')).toMatch(/^现在不能发给企业：该会话正由人工客服在企业微信中接待，机器人不能代发。/u);
  });

  it('refuses an empty or overlong reply, and a closed ticket, changing nothing', async () => {
    t = await withTicket();
    expect(await t.say(STAFF, 'single', '回复 Q1')).toBe('请写答复内容。写法：回复 <诉求编号> <答复内容>（内容含冒号时写成 内容:"…"，或换行写在第二行起）');
    expect(await t.say(STAFF, 'single', `回复 Q1 ${'很'.repeat(700)}`)).toMatch(/^答复太长（约700字）/u);
    expect(await t.say(STAFF, 'single', '回复 Q9 你好')).toBe('没有编号为 Q9 的诉求。发“诉求”查看未办结的诉求。');
    expect(t.app.store.get('tickets', 'Q1')!.messages).toHaveLength(1);
  });
});

describe('受理, 转办 and the unit’s answer', () => {
  it('受理 confirms the suggested category or another', async () => {
    t = await withTicket();
    expect(await t.say(STAFF, 'single', '受理 Q1')).toMatch(/^已受理 Q1，类别：账户冻结。\n\*\*Q1 诉求\*\* 处理中\n类别：账户冻结\n/u);
    expect(await t.say(STAFF, 'single', '受理 Q1 类别:欠薪')).toMatch(/^Q1 的类别已改为：欠薪纠纷。/u);
    expect(await t.say(STAFF, 'single', '受理 Q1 类别:环保')).toBe(
      '没有“环保”这个诉求类别，可选：账户冻结、设备查封、欠薪纠纷、信用修复、融资、其他。写法：受理 <诉求编号> [类别:<账户冻结|设备查封|欠薪纠纷|信用修复|融资|其他>]',
    );
    expect(t.app.store.get('tickets', 'Q1')).toMatchObject({ category: '欠薪纠纷', acceptedBy: 'center-staff-1', state: '处理中' });
    expect(await t.say('区税务局联络员', 'single', '受理 Q1')).toMatch(/^「受理」只有纾困中心工作人员、办公室主任可以使用。/u);
  });

  it('转办 tells the unit’s liaison, who answers the enterprise through the bot; the center hears it', async () => {
    t = await withTicket('税务局说我们欠税要冻结账户，能否分期缴纳');
    expect(await t.say(STAFF, '纾困中心工作群', '转办 Q1 单位:税务局 说明:"请核实欠税金额，答复能否分期"')).toMatch(/^已转区税务局办理 Q1，已通知该单位联络员（区税务局联络员）。/u);
    const [transfer] = t.takeStaffPushes();
    expect(transfer).toEqual({
      to: '区税务局联络员',
      text: '【诉求转办】Q1（账户冻结（建议））请区税务局协同办理\n企业：未关联名册\n企业留言：\n· 税务局说我们欠税要冻结账户，能否分期缴纳\n纾困中心说明：请核实欠税金额，答复能否分期\n请通过本助手直接答复企业：回复 Q1 <答复内容>（内容含冒号时写成 内容:"…"，或换行写在第二行起）。\n查看详情：诉求 Q1',
    });
    expect(t.app.store.get('tickets', 'Q1')).toMatchObject({ state: '已转办', assignedUnitId: 'tax', assignNote: '请核实欠税金额，答复能否分期' });

    expect(await t.say('区税务局联络员', 'single', '诉求')).toMatch(/^转给贵单位的企业诉求（1件）：\n· Q1 已转办/u);
    expect(await t.say('区税务局联络员', 'single', '回复 Q1 经核实可申请分期缴纳，请于本周内到办税服务厅办理。')).toMatch(/^已发给企业（Q1）。/u);
    expect(sentToA()).toEqual(['纾困中心答复（Q1）：\n经核实可申请分期缴纳，请于本周内到办税服务厅办理。']);
    expect(t.takeStaffPushes()).toEqual([{ to: '纾困中心工作群', text: '【诉求 Q1】区税务局答复企业：\n经核实可申请分期缴纳，请于本周内到办税服务厅办理。' }]);
    expect(t.app.store.get('tickets', 'Q1')!.messages[1]).toMatchObject({ by: 'tax-liaison', unitId: 'tax' });

    expect(await t.say('区人社局联络员', 'single', '回复 Q1 你好')).toBe('Q1 不是转给贵单位办理的诉求，只有纾困中心和承办单位可以答复。');
    expect(await t.say('区人社局联络员', 'single', '诉求 Q1')).toBe('Q1 不是转给贵单位办理的诉求。');
    expect(await t.say('区人社局联络员', 'single', '诉求')).toBe('目前没有转给贵单位办理的企业诉求。');
  });
});

describe('诉求, 关联 and the roster', () => {
  it('lists the open tickets and shows one with its messages and the platform window', async () => {
    t = await withTicket();
    await t.customerSays('wmB', '想申请续贷');
    const list = await t.say(STAFF, 'single', '诉求');
    expect(list).toBe(
      '未办结的企业诉求（2件）：\n· Q1 待受理 账户冻结（建议） 11月23日：法院冻结了我们的基本户，工资发不出来\n· Q2 待受理 融资（建议） 11月23日：想申请续贷\n发“诉求 Q编号”查看详情。',
    );
    t.clock.set('2026-11-25T09:00:00+08:00');
    expect(await t.say(STAFF, 'single', '诉求')).toContain('· Q1 待受理 账户冻结（建议） 11月23日：法院冻结了我们的基本户，工资发不出来（已超时未答复）');
    const detail = await t.say(STAFF, 'single', '诉求 Q1');
    expect(detail).toMatch(/^\*\*Q1 诉求\*\* 待受理\n类别：账户冻结（建议）\n企业：未关联名册\n提交：11月23日 09:00\n微信客服：现在不能给企业发消息（企业最后一次发消息是11月23日 09:00，已超过48小时，平台不允许再发）\n往来消息：\n· 11月23日 09:00 企业：法院冻结了我们的基本户，工资发不出来\n/u);
  });

  it('links by the code the enterprise wrote once a liaison lists it, and staff can link by hand', async () => {
    t = await withTicket(`设备被查封，信用代码 ${CODE}`);
    expect(t.app.store.get('tickets', 'Q1')).toMatchObject({ claimedUscc: CODE });
    await t.say('区税务局联络员', 'single', `登记 某某机械有限公司 代码:${CODE} 情形:欠税`);
    const detail = await t.say(STAFF, 'single', '诉求 Q1');
    expect(detail).toContain(`企业：E1 某某机械有限公司 · 代码 ${CODE} · 预警：区税务局（欠税时间较长、运营状态不佳）`);
    expect(t.app.store.get('tickets', 'Q1')).toMatchObject({ enterpriseId: 'E1' });
    expect(await t.say('区税务局联络员', 'single', '企业 E1')).toContain('企业诉求（1件）：\n· Q1 11月23日 设备查封（建议） 待受理：设备被查封，信用代码 914403001…');

    await t.say('区税务局联络员', 'single', '登记 某某商贸有限公司 代码:91110108551385082Q 情形:欠税');
    expect(await t.say(STAFF, 'single', '关联 Q1 企业:E2')).toMatch(/^已将 Q1 关联到 E2 某某商贸有限公司。/u);
    expect(t.app.store.get('tickets', 'Q1')!.history.at(-1)!.text).toBe('纾困中心工作人员甲关联企业 E2 某某商贸有限公司（原为 E1）');
  });

  it('links by an exact roster name in the enterprise’s message, and tells staff the file in the notice', async () => {
    t = await createIntakeBot();
    await t.say('区税务局联络员', 'single', `登记 某某机械有限公司 代码:${CODE} 情形:欠税`);
    t.takeStaffPushes();
    await t.customerSays('wmA', '我是某某机械有限公司的财务，账户被冻结');
    expect(t.app.store.get('tickets', 'Q1')).toMatchObject({ enterpriseId: 'E1' });
    expect(t.takeStaffPushes()[0]!.text).toContain(`企业：E1 某某机械有限公司 · 代码 ${CODE} · 预警：区税务局（欠税时间较长、运营状态不佳）`);
  });
});

describe('办结 Q12 (closeTicket, wired into 办结 by the lead)', () => {
  const commands = COMMANDS.map((c) =>
    c.name === '办结' ? shareWord(c, [{ match: /^[Qq]\d+$/u, def: closeTicketCommand as CommandDef, summary: '办结 Q编号：办结企业诉求' }]) : c,
  );

  it('closes the ticket, tells the enterprise and the unit; a new message opens a new ticket', async () => {
    t = await withTicket('账户被冻结', { commands });
    await t.say(STAFF, 'single', '转办 Q1 单位:税务局');
    await t.say('区税务局联络员', 'single', '回复 Q1 已处理');
    t.takeStaffPushes();
    expect(await t.say(STAFF, 'single', '办结 Q1')).toMatch(/^Q1 已办结，已告知企业。\n/u);
    expect(sentToA().at(-1)).toBe('您的诉求 Q1 已办结。感谢您的反馈；如有新的困难，请直接发送，我们会作为新的诉求受理。');
    expect(t.takeStaffPushes()).toEqual([{ to: '区税务局联络员', text: '【诉求办结】Q1 已由纾困中心办结，感谢协同办理。' }]);
    expect(t.app.store.get('tickets', 'Q1')).toMatchObject({ state: '已办结', closedBy: 'center-staff-1' });
    expect(await t.say(STAFF, 'single', '办结 Q1')).toBe('Q1 已经办结。企业再发消息会作为新的诉求受理。');
    expect(await t.say(STAFF, 'single', '回复 Q1 还有')).toBe('Q1 已经办结。企业再发消息会作为新的诉求受理。');

    await t.customerSays('wmA', '又有新的困难：设备被查封');
    expect(t.app.store.get('tickets', 'Q2')).toMatchObject({ externalUserId: 'wmA', state: '待受理', suggestedCategory: '设备查封' });
    expect(t.toCustomer('wmA').at(-1)).toMatch(/^您好，您的诉求已收到，编号 Q2。/u);
  });

  it('warns when a ticket closes without any answer, and says when the enterprise could not be told', async () => {
    t = await withTicket('账户被冻结', { commands });
    t.clock.advanceMs(49 * 3_600_000);
    expect(await t.say('办公室主任', 'single', '办结 Q1')).toMatch(/^Q1 已办结，未能告知企业（企业最后一次发消息是11月23日 09:00，已超过48小时，平台不允许再发）。\n注意：该诉求没有答复过企业。/u);
  });

  it('is for 纾困中心 staff and the director only', async () => {
    t = await withTicket('账户被冻结', { commands });
    expect(await t.say('区税务局联络员', 'single', '办结 Q1')).toMatch(/^「办结」只有/u);
  });
});
