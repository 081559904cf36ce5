import { afterEach, describe, expect, it } from 'vitest';
import { ONE_LINE_CHINESE, stateOf } from '../support/state-snapshot.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';
import { DEMO_MINUTES } from '../support/minutes.ts';

let t: TestBot;
afterEach(async () => t?.close());

const state = () => stateOf(t, ['meetings', 'agenda', 'minutes', 'tasks', 'counters']);
const tax = (text: string) => t.say('区税务局联络员', 'single', text);

/** E1 listed; 业务会议 M1 (税务局 with 人社局 and 法院) held on 2026-12-03; the clock is the next morning. */
async function held(): Promise<TestBot> {
  const bot = await createTestBot();
  await bot.say('区税务局联络员', 'single', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税');
  await bot.say('区税务局联络员', 'single', '申请会议 议题:解除查封 单位:人社局、法院 企业:E1 时间:"2026-12-03 15:00"');
  await bot.say('区人社局联络员', 'single', '会议 M1 接受');
  await bot.say('区法院联络员', 'single', '会议 M1 接受');
  bot.clock.set('2026-12-04T09:00:00+08:00');
  bot.takePushes();
  return bot;
}

const MINUTES = DEMO_MINUTES;

describe('纪要', () => {
  it('records the decisions and tasks in the 纪要 form and sends it to every liaison of the units and to the director', async () => {
    t = await held();
    const reply = await tax(MINUTES);
    expect(reply).toMatch(/^已记录纪要（第1号），已发送各参会单位联络员和办公室主任。已生成督办任务 T1、T2，并通知牵头、协办单位。\n/);
    expect(reply).toContain('T1 期限：10个工作日，即12月18日（星期五）');
    expect(reply).toContain('T2 期限：12月19日是星期六，不是工作日，期限顺延至12月21日（星期一）');
    expect(reply).toContain('如会议已解决问题，请记录结果：会议 M1 结果:已解决。');

    const text = [
      '**城区企业破产处置府院联动机制业务会议纪要**',
      '（第1号）',
      '　城区企业破产处置府院联动机制办公室　　　　2026年12月4日',
      '',
      '　　2026年12月3日15:00，区税务局提议召开业务会议，在区法院第三会议室，研究“解除查封”有关事项。涉及企业：E1 某某机械有限公司。',
      '　　会议议定如下：',
      '　　一、同意由管理人接管厂区。',
      '　　二、解除对E1厂房的查封。牵头单位：区法院；协办单位：区公安分局；完成时限：2026年12月18日前（督办编号 T1）。',
      '　　三、申报税收债权。牵头单位：区税务局；完成时限：2026年12月21日前（督办编号 T2）。',
      '',
      '　　出席：区税务局、区法院',
      '　　请假：区人社局',
      '　　列席：破产管理人',
    ].join('\n');
    expect(reply.endsWith(text)).toBe(true);
    expect(reply).not.toMatch(/印章|盖章/);

    const pushes = t.takePushes();
    const minutesTo = pushes.filter((p) => p.text === text).map((p) => p.to).sort();
    // Every unit that took part (the meeting's, and the tasks' lead and co-units), and the director; not the recorder.
    expect(minutesTo).toEqual(['办公室主任', '区人社局联络员', '区法院联络员', '区公安分局联络员'].sort());
    const cards = pushes.filter((p) => p.message.card);
    // The lead unit's liaison gets the card; the co-unit's, who may not report, the notice alone.
    expect(cards.map((p) => [p.to, p.message.card!.title]).sort()).toEqual([['区法院联络员', '督办任务 T1']]);
    // The recorder's own unit leads T2: the recorder reads it in the reply, nobody else of the unit is configured.
    expect(cards[0]!.message.card!.buttons.map((b) => b.command)).toEqual(['完成 T1 说明:已办理', '延期 T1']);

    expect(t.app.store.get('minutes', 'M1')).toMatchObject({ number: 1, year: 2026, taskIds: ['T1', 'T2'], attendance: { present: ['区税务局', '区法院'], absent: ['区人社局'], observers: ['破产管理人'] }, recordedBy: 'tax-liaison' });
    expect(t.app.store.get('tasks', 'T1')).toMatchObject({ leadUnitId: 'court', coUnitIds: ['police'], deadline: '2026-12-18', enterpriseIds: ['E1'], state: '办理中', source: { kind: 'minutes', meetingId: 'M1', minutesNumber: 1, year: 2026 } });

    // Shown again on request; not recorded twice.
    expect(await t.say('区人社局联络员', 'single', '纪要 M1')).toBe(text);
    expect(await tax('纪要 M1\n议定：再议')).toBe('业务会议 M1的纪要已经记录（第1号），发“纪要 M1”查看；要改正请发“纪要 M1 更正”，换行后写更正后的全文。');
    expect(await tax('会议 M1')).toContain('纪要：第1号（纪要 M1 查看）\n督办任务：T1、T2');
  });

  it('numbers the 纪要 of a year one after another', async () => {
    t = await held();
    await tax('纪要 M1\n议定：同意由管理人接管厂区');
    await tax('申请会议 议题:职工安置 单位:人社局 时间:"2026-12-07 10:00"');
    await t.say('区人社局联络员', 'single', '会议 M2 接受');
    t.clock.set('2026-12-07T12:00:00+08:00');
    const reply = await t.say('办公室主任', 'single', '纪要 M2\n出席：税务局、人社局\n议定：职工安置方案报区政府');
    expect(reply).toContain('（第2号）');
    expect(reply).toContain('　　出席：区税务局、区人社局');
  });

  it('refuses a task without a lead unit — minutes bind the members — and records nothing', async () => {
    t = await held();
    const before = state();
    const reply = await tax('纪要 M1\n议定：同意由管理人接管厂区\n任务：解除查封 期限:10个工作日');
    expect(reply).toBe('第2行的任务“解除查封”没有写牵头单位：纪要议定的事项对各成员单位有约束力，每项任务都要写明 牵头:<单位>。');
    expect(state()).toBe(before);
    expect(t.takePushes()).toEqual([]);
    expect(await tax('纪要 M1')).toMatch(/^业务会议 M1还没有纪要。/);
  });

  it('says which line is wrong — an unknown unit, a date that does not exist, a past date — and records nothing', async () => {
    t = await held();
    const before = state();
    const cases: [string, string | RegExp][] = [
      ['任务：解除查封 牵头:海关 期限:10个工作日', /^第2行：没有找到成员单位“海关”/],
      ['任务：解除查封 牵头:法院 协办:外事办 期限:10个工作日', /^第2行：没有找到成员单位“外事办”/],
      ['任务：解除查封 牵头:法院 期限:2026-02-30', /^第2行：日期不存在：2026-02-30/],
      ['任务：解除查封 牵头:法院 期限:2026-12-01', '第2行：期限12月1日已经过去，请写今天或以后的日期。'],
      ['任务：解除查封 牵头:法院 期限:10个工作日 企业:E9', /^第2行：没有编号为 E9 的企业/],
      ['大家一致同意', /^第2行“大家一致同意”看不懂/],
    ];
    for (const [line, expected] of cases) {
      const reply = await tax(`纪要 M1\n议定：同意由管理人接管厂区\n${line}`);
      if (typeof expected === 'string') expect(reply, line).toBe(expected);
      else expect(reply, line).toMatch(expected);
      expect(reply, line).toMatch(ONE_LINE_CHINESE);
    }
    expect(state()).toBe(before);
  });

  it('is recorded by the requester, the director or a convener, for a meeting that exists and was held', async () => {
    t = await held();
    const before = state();
    expect(await t.say('区人社局联络员', 'single', '纪要 M1\n议定：同意')).toBe('只有业务会议 M1的发起人、办公室主任或召集人可以记录纪要。');
    expect(await tax('纪要 M9\n议定：同意')).toBe('没有编号为 M9 的会议。发“会议”查看近期会议。');
    await tax('申请会议 议题:职工安置 单位:人社局 时间:"2026-12-07 10:00"');
    expect(await tax('纪要 M2\n议定：同意')).toBe('业务会议 M2还没开（2026年12月7日（星期一）10:00），开完会后再记录纪要。');
    expect(stateOf(t, ['minutes', 'tasks'])).toBe(JSON.stringify({ minutes: [], tasks: [] }));
    expect(before).not.toBe(state()); // only M2 itself was added
    expect(await t.say('召集人', 'single', '纪要 M1\n议定：同意由管理人接管厂区')).toMatch(/^已记录纪要（第1号）/);
  });
});

describe('纪要 — what may be recorded', () => {
  it('refuses a unit written both as 出席 and as 请假, and records nothing', async () => {
    t = await held();
    const before = state();
    expect(await tax('纪要 M1\n出席：税务局、人社局、法院\n请假：人社局\n议定：同意')).toBe('区人社局既写在“出席”里又写在“请假”里，请只写一处。');
    expect(state()).toBe(before);
  });

  it('is only for a meeting that was confirmed: nobody accepted means nobody is printed as 出席', async () => {
    t = await createTestBot();
    await tax('申请会议 议题:职工安置 单位:人社局 时间:"2026-12-07 10:00"');
    t.clock.set('2026-12-07T12:00:00+08:00');
    expect(await tax('纪要 M1\n议定：同意')).toBe('业务会议 M1没有确认召开（待确认（0/1家已接受）），不能记录纪要；已接受的单位参会的，请先确认：会议 M1 确认。');
    expect(t.app.store.get('minutes', 'M1')).toBeUndefined();
  });

  it('after the result and the 纪要, the meeting no longer asks for the 纪要', async () => {
    t = await held();
    await tax(MINUTES);
    expect(await tax('会议 M1 结果:已解决')).toContain('下一步：纪要已记录（第1号），督办任务按纪要办理；发“纪要 M1”查看，需要改正的发“纪要 M1 更正”。');
  });
});

describe('纪要 更正', () => {
  it('re-issues the 纪要 marked 更正 with the same number, and reconciles its tasks: kept, changed, withdrawn, added — each lead unit told', async () => {
    t = await held();
    await tax([
      '纪要 M1',
      '任务：解除对E1厂房的查封 牵头:法院 期限:2026-12-18',
      '任务：申报税收债权 牵头:税务局 期限:2026-12-21',
      '任务：核实职工欠薪 牵头:人社局 期限:2026-12-18',
    ].join('\n'));
    t.takePushes();
    const reply = await tax([
      '纪要 M1 更正',
      '任务：解除对E1厂房的查封 牵头:法院 期限:2026-12-18',
      '任务：申报税收债权 牵头:税务局 期限:2026-12-25',
      '任务：协调债权人会议 牵头:财政局 期限:2026-12-28',
      '请假：人社局',
    ].join('\n'));
    expect(reply).toMatch(/^已更正纪要（第1号），已重新发送各参会单位联络员和办公室主任。督办任务：保留 T1；变更 T2；撤销 T3；新增 T4，已告知各牵头单位。\n\n\*\*城区企业破产处置府院联动机制业务会议纪要（更正）\*\*\n（第1号）/);
    expect(reply).toContain('申报税收债权。牵头单位：区税务局；完成时限：2026年12月25日前（督办编号 T2）。');
    expect(t.app.store.get('tasks', 'T2')).toMatchObject({ deadline: '2026-12-25', state: '办理中' });
    expect(t.app.store.get('tasks', 'T3')).toBeUndefined();
    expect(t.app.store.get('minutes', 'M1')).toMatchObject({ number: 1, taskIds: ['T1', 'T2', 'T4'], corrected: { count: 1, by: 'tax-liaison' } });
    const pushes = t.takePushes();
    expect(pushes.filter((p) => p.text.startsWith('【督办任务撤销】')).map((p) => p.to)).toEqual(['区人社局联络员']);
    expect(pushes.find((p) => p.to === '区人社局联络员' && p.text.startsWith('【督办任务撤销】'))!.text).toContain('业务会议 M1纪要（第1号）更正，该任务撤销，无需再办理。');
    expect(pushes.filter((p) => p.message.card?.title === '督办任务 T4').map((p) => p.to)).toEqual(['区财政局联络员']);
    expect(pushes.filter((p) => p.text.includes('（更正）')).map((p) => p.to).sort()).toEqual(['办公室主任', '区人社局联络员', '区法院联络员', '区财政局联络员'].sort());
    expect(await tax('会议 M1')).toContain('督办任务：T1、T2、T4');
  });

  it('needs a recorded 纪要 and the corrected text', async () => {
    t = await held();
    expect(await tax('纪要 M1 更正\n议定：同意')).toBe('业务会议 M1还没有纪要，无需更正；记录方法：纪要 M1，换行后写 议定：… 或 任务：…。');
    await tax('纪要 M1\n议定：同意');
    expect(await tax('纪要 M1 更正')).toBe('请在“纪要 M1 更正”后换行写更正后的纪要全文（议定：… / 任务：… 牵头:… 期限:…）。');
  });
});
