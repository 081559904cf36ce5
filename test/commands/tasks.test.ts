import { afterEach, describe, expect, it } from 'vitest';
import { ONE_LINE_CHINESE, stateOf } from '../support/state-snapshot.ts';
import { createTestBot, type Push, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const state = () => stateOf(t, ['tasks', 'counters']);
const director = (text: string) => t.say('办公室主任', 'single', text);
const court = (text: string) => t.say('区法院联络员', 'single', text);
const police = (text: string) => t.say('区公安分局联络员', 'single', text);
const tax = (text: string) => t.say('区税务局联络员', 'single', text);
const recipients = (pushes: Push[]) => pushes.map((p) => p.to).sort();
const buttons = (p: Push) => p.message.card?.buttons.map((b) => [b.text, b.command]);

const ASSIGN = '交办 内容:解除对E1厂房的查封 牵头:法院 协办:公安局 期限:10个工作日 事项:2 企业:E1';

/** E1 listed on Monday 2026-11-23; T1 assigned to 法院 (lead) and 公安分局 (co), due 2026-12-07. */
async function assigned(): Promise<TestBot> {
  const bot = await createTestBot();
  await bot.say('区税务局联络员', 'single', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税');
  await bot.say('办公室主任', 'single', ASSIGN);
  bot.takePushes();
  return bot;
}

describe('交办', () => {
  it('assigns a task to a lead and co-units, counting working days, and sends the lead a card, the co-units the notice', async () => {
    t = await createTestBot();
    await tax('登记 某某机械有限公司 代码:91440300192317458F 情形:欠税');
    t.takePushes();
    const reply = await director(ASSIGN);
    expect(reply).toMatch(/^已交办 T1，已通知牵头单位和协办单位。期限：10个工作日，即12月7日（星期一）。\n\*\*督办任务 T1\*\* 办理中\n内容：解除对E1厂房的查封\n牵头单位：区法院；协办单位：区公安分局\n期限：2026年12月7日\n来源：办公室主任交办\n协调事项：第2项 解除财产保全\n涉及企业：E1 某某机械有限公司/);
    const pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['区公安分局联络员', '区法院联络员'].sort());
    for (const p of pushes) {
      expect(p.text).toMatch(/^【督办任务】T1：解除对E1厂房的查封\n牵头单位：区法院；协办单位：区公安分局\n期限：2026年12月7日\n来源：办公室主任交办\n/);
      // Only the lead reports or asks for more time: buttons a co-unit may not use would only be refused.
      expect(buttons(p)).toEqual(p.to === '区法院联络员' ? [['完成', '完成 T1 说明:已办理'], ['申请延期', '延期 T1']] : undefined);
    }
    expect(t.app.store.get('tasks', 'T1')).toMatchObject({ leadUnitId: 'court', coUnitIds: ['police'], deadline: '2026-12-07', originalDeadline: '2026-12-07', matter: 2, enterpriseIds: ['E1'], state: '办理中', source: { kind: 'assigned', by: 'director' } });
    expect(await court('企业 E1')).toContain('督办任务（1）：\n· T1 解除对E1厂房的查封（牵头：区法院，期限：2026年12月7日，办理中）');
  });

  it('moves a deadline off a weekend and says so', async () => {
    t = await createTestBot();
    expect(await director('交办 内容:申报税收债权 牵头:税务局 期限:2026-12-05')).toMatch(/^已交办 T1，已通知牵头单位。期限：12月5日是星期六，不是工作日，期限顺延至12月7日（星期一）。/);
    expect(t.app.store.get('tasks', 'T1')!.deadline).toBe('2026-12-07');
  });

  it('names the matter’s units when the lead unit is missing', async () => {
    t = await createTestBot();
    expect(await director('交办 内容:申报税收债权 期限:10个工作日 事项:3')).toBe('缺少牵头单位。第3项“涉税事务”的联动单位有：区法院、区税务局，请写明 牵头:<单位>（可加 协办:<单位>）。');
    expect(await director('交办 内容:申报税收债权 期限:10个工作日')).toMatch(/^缺少牵头单位：每项督办任务都要写明 牵头:<单位>。/);
  });

  it('refuses bad input with one Chinese sentence and changes nothing', async () => {
    t = await createTestBot();
    const before = state();
    const cases: [string, RegExp][] = [
      ['交办 内容:x 牵头:海关 期限:10个工作日', /^没有找到成员单位“海关”/],
      ['交办 内容:x 牵头:人民银行,金融监管 期限:10个工作日', /^只能有一个牵头单位（写了人民银行、金融监管），其他单位请写在 协办:… 里。$/],
      ['交办 内容:x 牵头:法院 协办:公安局、外事办 期限:10个工作日', /^没有找到成员单位“外事办”/],
      ['交办 内容:x 牵头:法院 期限:2026-02-30', /^日期不存在：2026-02-30/],
      ['交办 内容:x 牵头:法院 期限:2026-11-20', /^期限11月20日已经过去，请写今天或以后的日期。$/],
      ['交办 内容:x 牵头:法院 期限:尽快', /^看不懂日期“尽快”/],
      ['交办 内容:x 牵头:法院 期限:40个工作日', /^2027年的节假日安排尚未录入/],
      ['交办 内容:x 牵头:法院 期限:10个工作日 事项:13', /^协调事项的编号是1至12/],
      ['交办 内容:x 牵头:法院 期限:10个工作日 企业:E9', /^没有编号为 E9 的企业/],
      ['交办 牵头:法院 期限:10个工作日', /^缺少“内容”/],
    ];
    for (const [text, expected] of cases) {
      const reply = await director(text);
      expect(reply, text).toMatch(expected);
      expect(reply, text).toMatch(ONE_LINE_CHINESE);
    }
    expect(state()).toBe(before);
    expect(t.takePushes()).toEqual([]);
  });

  it('is the director’s alone', async () => {
    t = await createTestBot();
    expect(await court('交办 内容:x 牵头:法院 期限:10个工作日')).toBe('「交办」只有办公室主任可以使用。发“帮助”看看您能用的命令。');
    expect([...t.app.store.values('tasks')]).toEqual([]);
  });
});

describe('完成 → 退回 → 完成 → 办结', () => {
  it('goes round the review loop, telling only the people each step concerns', async () => {
    t = await assigned();

    // Only the lead unit reports completion.
    expect(await police('完成 T1 说明:已配合')).toBe('T1 由区法院牵头，只有牵头单位报告完成；协办情况请告知区法院。');
    expect(await tax('完成 T1 说明:已办')).toBe('T1 不是贵单位的任务，由区法院牵头报告完成。');
    expect(await director('完成 T1 说明:已办')).toBe('「完成」只有成员单位联络员可以使用。发“帮助”看看您能用的命令。');
    expect(t.app.store.get('tasks', 'T1')!.state).toBe('办理中');

    expect(await court('完成 T1 说明:已解除查封')).toMatch(/^已报告 T1 完成，等待办公室主任审核。\n\*\*督办任务 T1\*\* 已完成待审/);
    let pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['办公室主任']);
    expect(pushes[0]!.text).toContain('区法院：已解除查封');
    expect(buttons(pushes[0]!)).toEqual([['办结', '办结 T1'], ['退回', '退回 T1']]);
    expect(await court('完成 T1 说明:再报一次')).toBe('T1 已报完成，正等待办公室主任审核。');

    // The director sends it back: a bare 退回 button asks for the reason; a liaison may not.
    expect(await director('退回 T1')).toMatch(/^缺少“理由”/);
    expect(await court('退回 T1 理由:x')).toBe('「退回」只有办公室主任可以使用。发“帮助”看看您能用的命令。');
    expect(await court('办结 T1')).toBe('「办结」只有办公室主任可以使用。发“帮助”看看您能用的命令。');
    const back = await director('退回 T1 理由:未附解除查封裁定书');
    expect(back).toMatch(/^已退回 T1，已告知牵头单位和协办单位。\n\*\*督办任务 T1\*\*【黄】 办理中，已退回重办\n/);
    expect(back).toContain('退回理由：未附解除查封裁定书');
    pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['区公安分局联络员', '区法院联络员'].sort());
    for (const p of pushes) {
      expect(p.text).toContain('退回理由：未附解除查封裁定书');
      expect(buttons(p)).toEqual(p.to === '区法院联络员' ? [['完成', '完成 T1 说明:已办理'], ['申请延期', '延期 T1']] : undefined);
    }
    expect(t.app.store.get('tasks', 'T1')).toMatchObject({ state: '办理中', returned: { reason: '未附解除查封裁定书', by: 'director' } });
    expect(await court('任务')).toContain('T1【黄】 解除对E1厂房的查封 — 牵头：区法院，期限：12月7日');
    expect(await director('办结 T1')).toBe('T1 还在办理中，牵头单位报告完成后才能办结。');

    // Reported again (the card's button), then closed.
    await court('完成 T1 说明:已办理');
    expect(recipients(t.takePushes())).toEqual(['办公室主任']);
    const closed = await director('办结 T1');
    expect(closed).toMatch(/^T1 已办结，已告知牵头单位和协办单位。\n\*\*督办任务 T1\*\* 已办结\n/);
    pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['区公安分局联络员', '区法院联络员'].sort());
    expect(pushes[0]!.text).toMatch(/^【任务已办结】T1：解除对E1厂房的查封\n/);
    expect(t.app.store.get('tasks', 'T1')).toMatchObject({ state: '已办结', completion: { note: '已办理', by: 'court-liaison' } });
    expect(t.app.store.get('tasks', 'T1')!.history.map((h) => h.text)).toEqual([
      '办公室主任交办，牵头：区法院',
      '区法院报完成：已解除查封',
      '办公室主任退回：未附解除查封裁定书',
      '区法院报完成：已办理',
      '办公室主任审核办结',
    ]);
    expect(await director('办结 T1')).toBe('T1 已经办结。');
    expect(await director('退回 T1 理由:x')).toBe('T1 已办结，不能退回。');
    expect(await court('完成 T1 说明:x')).toBe('T1 已办结。');
    expect(await court('任务')).toBe('没有在办的督办任务（区法院）。');
  });
});

describe('延期', () => {
  it('is asked by the lead unit before the deadline and granted by the director: the deadline moves and both units hear', async () => {
    t = await assigned();
    expect(await court('延期 T1')).toBe('请写明延到哪天和理由：延期 T1 至:<新期限> 理由:<原因>。');
    expect(await police('延期 T1 至:2026-12-18 理由:x')).toBe('T1 由区法院牵头，只有牵头单位申请延期；协办情况请告知区法院。');
    expect(await court('延期 T1 至:2026-12-04 理由:x')).toBe('新期限要晚于现在的期限（2026年12月7日）。');
    expect(await director('延期 T1 至:2026-12-18 理由:x')).toBe('延期由牵头单位申请；审批请写：延期 T1 同意，或 延期 T1 不同意 理由:…。');
    expect(await director('延期 T1 同意')).toBe('T1 没有待审批的延期申请。');

    const asked = await court('延期 T1 至:2026-12-19 理由:需等待异地法院解封');
    expect(asked).toMatch(/^已申请将 T1 延期至2026年12月21日，等待办公室主任审批。（12月19日是星期六，不是工作日，期限顺延至12月21日（星期一））/);
    let pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['办公室主任']);
    expect(buttons(pushes[0]!)).toEqual([['同意', '延期 T1 同意'], ['不同意', '延期 T1 不同意']]);
    expect(await court('延期 T1 至:2026-12-25 理由:x')).toBe('T1 已申请延期至2026年12月21日，正等待办公室主任审批。');
    expect(await court('延期 T1 同意')).toBe('延期申请由办公室主任审批。');

    expect(await director('延期 T1 同意')).toMatch(/^已同意 T1 延期至2026年12月21日，已告知牵头单位和协办单位。\n\*\*督办任务 T1\*\* 办理中\n/);
    pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['区公安分局联络员', '区法院联络员'].sort());
    expect(pushes[0]!.text).toContain('期限由2026年12月7日延至2026年12月21日。');
    expect(buttons(pushes[0]!)).toEqual([['完成', '完成 T1 说明:已办理'], ['申请延期', '延期 T1']]);
    expect(t.app.store.get('tasks', 'T1')).toMatchObject({ deadline: '2026-12-21', originalDeadline: '2026-12-07', extension: { to: '2026-12-21', state: 'granted', decidedBy: 'director' } });
  });

  it('when refused, tells the lead unit only, and the task shows 黄', async () => {
    t = await assigned();
    await court('延期 T1 至:2026-12-18 理由:需等待异地法院解封');
    t.takePushes();
    expect(await director('延期 T1 不同意')).toBe('请写明不同意的理由：延期 T1 不同意 理由:…。');
    const refused = await director('延期 T1 不同意 理由:查封须在年底前解除');
    expect(refused).toMatch(/^已答复不同意 T1 延期，已告知牵头单位。\n\*\*督办任务 T1\*\*【黄】 办理中，延期未获同意\n/);
    const pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['区法院联络员']);
    expect(pushes[0]!.text).toContain('理由：查封须在年底前解除\n请按原期限（2026年12月7日）办理。');
    expect(t.app.store.get('tasks', 'T1')).toMatchObject({ deadline: '2026-12-07', extension: { state: 'refused', refusal: '查封须在年底前解除' } });
    expect(await director('任务')).toContain('T1【黄】');
  });

  it('is refused after the deadline, with what to do instead, and changes nothing', async () => {
    t = await assigned();
    t.clock.set('2026-12-08T09:00:00+08:00');
    const before = state();
    const reply = await court('延期 T1 至:2026-12-18 理由:需等待异地法院解封');
    expect(reply).toBe('T1 的期限（2026年12月7日）已过，不能再申请延期；请向办公室主任报告办理进展和未能按期完成的原因。');
    expect(state()).toBe(before);
    expect(t.takePushes()).toEqual([]);
  });
});

describe('任务', () => {
  it('lists a liaison’s own unit (lead or co) by default and everything for the director, colour-coded with a legend', async () => {
    t = await assigned();
    await director('交办 内容:申报税收债权 牵头:税务局 期限:2026-11-25');
    await director('交办 内容:职工安置方案 牵头:人社局 协办:法院 期限:2026-12-31');
    t.clock.set('2026-12-03T09:00:00+08:00'); // T1 due 12-07: two working days left; T2 overdue
    const mine = await court('任务');
    expect(mine).toBe([
      '**督办任务（区法院）**（2件）',
      'T1【蓝】 解除对E1厂房的查封 — 牵头：区法院，期限：12月7日',
      'T3 职工安置方案 — 牵头：区人社局，期限：12月31日',
      '颜色：蓝＝3个工作日内到期；黄＝被退回或延期未获同意；红＝已逾期。',
      '发“任务 T编号”查看详情。',
    ].join('\n'));
    const all = await director('任务');
    expect(all).toMatch(/^\*\*督办任务（全部）\*\*（3件）\nT2【红】 申报税收债权 — 牵头：区税务局，期限：11月25日\nT1【蓝】/);
    expect(await tax('任务 逾期')).toMatch(/^\*\*逾期任务（区税务局）\*\*（1件）\nT2【红】 申报税收债权/);
    expect(await court('任务 逾期')).toBe('没有逾期的任务（区法院）。');
    expect(await court('任务 全部')).toContain('（3件）');
    expect(await court('任务 T2')).toMatch(/^\*\*督办任务 T2\*\*【红】 办理中\n内容：申报税收债权/);
    expect(await court('任务 本周')).toBe('看不懂“本周”。写法：任务 [我的|逾期|全部|T编号]');
  });
});
