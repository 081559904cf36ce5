import { afterEach, describe, expect, it } from 'vitest';
import { ONE_LINE_CHINESE, stateOf } from '../support/state-snapshot.ts';
import { createTestBot, type Push, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const MEETING_STATE = ['meetings', 'agenda', 'minutes', 'tasks', 'counters'] as const;
const state = () => stateOf(t, [...MEETING_STATE]);
const tax = (text: string) => t.say('区税务局联络员', 'single', text);
const hrss = (text: string) => t.say('区人社局联络员', 'single', text);
const court = (text: string) => t.say('区法院联络员', 'single', text);
const director = (text: string) => t.say('办公室主任', 'single', text);
const recipients = (pushes: Push[]) => pushes.map((p) => p.to).sort();

const REQUEST = '申请会议 议题:解除查封 单位:人社局、法院 企业:E1 时间:"2026-12-03 15:00"';

/** A bot with one listed enterprise (E1), on Monday 2026-11-23 09:00. */
async function withEnterprise(): Promise<TestBot> {
  const bot = await createTestBot();
  await bot.say('区税务局联络员', 'single', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税');
  bot.takePushes();
  return bot;
}

/** M1 requested by 税务局, accepted by both units, and held: the clock is after the meeting. */
async function heldMeeting(): Promise<TestBot> {
  const bot = await withEnterprise();
  await bot.say('区税务局联络员', 'single', REQUEST);
  await bot.say('区人社局联络员', 'single', '会议 M1 接受');
  await bot.say('区法院联络员', 'single', '会议 M1 接受');
  bot.clock.set('2026-12-03T17:00:00+08:00');
  bot.takePushes();
  return bot;
}

describe('申请会议', () => {
  it('invites the named units with a card to answer, informs the director, and waits for the answers', async () => {
    t = await withEnterprise();
    const reply = await tax(REQUEST);
    expect(reply).toMatch(/^已发出会议邀请 M1，各单位答复后会告诉您。\n\*\*业务会议 M1\*\* 【待确认（0\/2家已接受）】\n/);
    expect(reply).toContain('时间：2026年12月3日（星期四）15:00');
    expect(reply).toContain('参会单位：区税务局、区人社局、区法院');
    expect(reply).toContain('涉及企业：E1 某某机械有限公司');

    const pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['办公室主任', '区人社局联络员', '区法院联络员'].sort());
    for (const who of ['区人社局联络员', '区法院联络员']) {
      const p = pushes.find((x) => x.to === who)!;
      expect(p.text).toMatch(/^【会议邀请】业务会议 M1\n议题：解除查封\n时间：2026年12月3日（星期四）15:00\n发起：区税务局/);
      expect(p.message.card!.buttons.map((b) => [b.text, b.command])).toEqual([['接受', '会议 M1 接受'], ['改期', '会议 M1 改期'], ['拒绝', '会议 M1 拒绝']]);
    }
    const toDirector = pushes.find((x) => x.to === '办公室主任')!;
    expect(toDirector.message.card).toBeUndefined();
    expect(toDirector.text).toMatch(/^【会议申请】业务会议 M1：解除查封\n发起：区税务局\n/);

    const m = t.app.store.get('meetings', 'M1')!;
    expect(m).toMatchObject({ level: '业务', requesterId: 'tax-liaison', requesterUnitId: 'tax', unitIds: ['hrss', 'court'], enterpriseIds: ['E1'], status: 'proposed' });
    expect(m.time).toBe('2026-12-03T07:00:00.000Z');
  });

  it('takes unit lists written with , ， or 、 and leaves the requester’s own unit out of the invitations', async () => {
    t = await withEnterprise();
    await tax('申请会议 议题:甲 单位:人社局,法院 时间:"2026-12-03 15:00"');
    await tax('申请会议 议题:乙 单位:人社局，法院，税务局 时间:"2026-12-03 16:00"');
    expect(t.app.store.get('meetings', 'M1')!.unitIds).toEqual(['hrss', 'court']);
    expect(t.app.store.get('meetings', 'M2')!.unitIds).toEqual(['hrss', 'court']);
  });

  it('refuses bad input with one Chinese sentence and changes nothing', async () => {
    t = await withEnterprise();
    const before = state();
    const cases: [string, RegExp][] = [
      ['申请会议 议题:解除查封 单位:人社局、海关 时间:"2026-12-03 15:00"', /^没有找到成员单位“海关”/],
      ['申请会议 议题:解除查封 单位:税务局 时间:"2026-12-03 15:00"', /^业务会议要邀请其他成员单位，不能只写本单位（区税务局）/],
      ['申请会议 议题:解除查封 单位:人社局 企业:E9 时间:"2026-12-03 15:00"', /^没有编号为 E9 的企业/],
      ['申请会议 议题:解除查封 单位:人社局 时间:"2026-02-30 15:00"', /^日期不存在：2026-02-30/],
      ['申请会议 议题:解除查封 单位:人社局 时间:"2026-11-20 15:00"', /^2026年11月20日（星期五）15:00已经过去，请写将来的时间。$/],
      ['申请会议 议题:解除查封 单位:人社局 时间:"2026-12-05 15:00"', /^12月5日是星期六，不是工作日，请另选一个工作日。$/],
      ['申请会议 议题:解除查封 单位:人社局 时间:"2026-10-01 15:00"', /^2026年10月1日/], // past, even before the holiday check
      ['申请会议 议题:解除查封 单位:人社局 时间:2026-12-03', /请写明几点/],
      ['申请会议 议题:解除查封 单位:人社局', /^缺少“时间”/],
      ['申请会议 议题:解除查封 时间:"2026-12-03 15:00"', /^请写明邀请哪些成员单位/],
      ['申请会议 议题:专题 单位:人社局 时间:"2026-12-03 15:00" 级别:专题', /^专题会议由办公室主任召集/],
    ];
    for (const [text, expected] of cases) {
      const reply = await tax(text);
      expect(reply, text).toMatch(expected);
      expect(reply, text).toMatch(ONE_LINE_CHINESE);
    }
    expect(state()).toBe(before);
    expect(t.takePushes()).toEqual([]);
    expect(await tax('会议')).toMatch(/^没有待开或暂缓的会议（区税务局）/);
  });

  it('is not for the conveners or the center staff', async () => {
    t = await withEnterprise();
    expect(await t.say('召集人', 'single', REQUEST)).toBe('「申请会议」只有成员单位联络员、办公室主任可以使用。发“帮助”看看您能用的命令。');
  });

  it('lets the director call a 联席会议 of every unit, and accepts a day the calendar cannot check yet with a note', async () => {
    t = await withEnterprise();
    const reply = await director('申请会议 议题:年度重点任务 级别:联席 时间:"2027-01-12 09:30"');
    expect(reply).toMatch(/^已发出会议邀请 M1（2027年的节假日安排尚未录入，未能核对该日是否为工作日，请自行确认）/);
    const m = t.app.store.get('meetings', 'M1')!;
    expect(m.level).toBe('联席');
    expect(m.requesterUnitId).toBeUndefined();
    expect(m.unitIds).toHaveLength(t.config.units.length);
    expect(reply).toContain('发起：城区企业破产处置府院联动机制办公室');
  });
});

describe('会议 — answering an invitation', () => {
  it('tells the requester each answer; a proposed time comes with a button to move the meeting; all accepted → confirmed for everyone', async () => {
    t = await withEnterprise();
    await tax(REQUEST);
    t.takePushes();

    expect(await hrss('会议 M1 接受')).toMatch(/^已答复“接受”，已告诉发起人。/);
    let pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['区税务局联络员']);
    expect(pushes[0]!.text).toContain('区人社局：接受（1/2家已接受）');

    expect(await court('会议 M1 改期 时间:"2026-12-04 10:00" 理由:当天有庭审')).toMatch(/^已答复“建议改期至2026年12月4日（星期五）10:00（当天有庭审）”/);
    pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['区税务局联络员']);
    const move = pushes[0]!.message.card!.buttons[0]!;
    expect(move).toMatchObject({ text: '改到此时间', command: '会议 M1 时间:"2026-12-04 10:00"' });

    // The requester clicks the button: new invitations go out, answers start again.
    const moved = await tax(move.command);
    expect(moved).toMatch(/^已改定时间并通知各受邀单位。/);
    expect(moved).toContain('· 区人社局：未答复');
    pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['办公室主任', '区人社局联络员', '区法院联络员'].sort());
    expect(pushes.find((p) => p.to === '区法院联络员')!.text).toMatch(/^【会议改期】业务会议 M1\n议题：解除查封\n时间：2026年12月4日（星期五）10:00/);

    await hrss('会议 M1 接受');
    t.takePushes();
    expect(await court('会议 M1 接受')).toMatch(/^已答复“接受”。各单位均已接受，会议已确认。\n\*\*业务会议 M1\*\* 【已确认】/);
    pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['办公室主任', '区人社局联络员', '区税务局联络员'].sort());
    expect(pushes.every((p) => p.text.startsWith('【会议已确认】业务会议 M1：解除查封\n时间：2026年12月4日（星期五）10:00'))).toBe(true);
    expect(t.app.store.get('meetings', 'M1')!.status).toBe('confirmed');
  });

  it('asks for a reason to decline and a time to reschedule (what a bare card button sends)', async () => {
    t = await withEnterprise();
    await tax(REQUEST);
    t.takePushes();
    const before = state();
    expect(await hrss('会议 M1 拒绝')).toBe('请写明不能参加的理由，例如：会议 M1 拒绝 理由:…。');
    expect(await hrss('会议 M1 改期')).toBe('请写建议的新时间，例如：会议 M1 改期 时间:"2026-12-04 10:00"。');
    expect(await hrss('会议 M1 改期 时间:"2026-12-05 10:00"')).toBe('12月5日是星期六，不是工作日，请另选一个工作日。');
    expect(state()).toBe(before);
    expect(await hrss('会议 M1 拒绝 理由:人员外出培训')).toMatch(/^已答复“拒绝（人员外出培训）”/);
    expect(t.takePushes().map((p) => [p.to, p.text.split('\n')[1]]).sort()).toEqual([['办公室主任', '区人社局：拒绝（人员外出培训）（0/2家已接受）'], ['区税务局联络员', '区人社局：拒绝（人员外出培训）（0/2家已接受）']]);
  });

  it('lets only the invited units answer', async () => {
    t = await withEnterprise();
    await tax(REQUEST);
    t.takePushes();
    const before = state();
    expect(await t.say('区财政局联络员', 'single', '会议 M1 接受')).toBe('业务会议 M1没有邀请贵单位，无需答复。');
    expect(await tax('会议 M1 接受')).toBe('业务会议 M1是贵单位发起的，无需答复。');
    expect(await director('会议 M1 接受')).toBe('只有受邀单位的联络员可以答复会议邀请。');
    expect(await hrss('会议 M9 接受')).toBe('没有编号为 M9 的会议。发“会议”查看近期会议。');
    expect(await hrss('会议 M1 同意')).toMatch(/^看不懂“同意”：答复邀请请写 接受、改期 或 拒绝；发起人可写 确认 或 移出。/);
    expect(state()).toBe(before);
    expect(t.takePushes()).toEqual([]);
  });

  it('shows one meeting, and lists the meetings in play: a liaison their unit’s, the director all', async () => {
    t = await withEnterprise();
    await tax(REQUEST);
    await t.say('区财政局联络员', 'single', '申请会议 议题:破产经费 单位:法院 时间:"2026-12-08 10:00"');
    const mine = await tax('会议');
    expect(mine).toMatch(/^\*\*近期会议（区税务局）\*\*（1个）\nM1 业务会议 12月3日 15:00 解除查封 — 区税务局、区人社局、区法院【待确认（0\/2家已接受）】/);
    const all = await director('会议');
    expect(all).toContain('**近期会议（全部）**（2个）');
    expect(all).toContain('M2 业务会议 12月8日 10:00 破产经费 — 区财政局、区法院');
    expect(await court('会议')).toContain('（2个）');
    expect(await hrss('会议 M1')).toMatch(/^\*\*业务会议 M1\*\* 【待确认（0\/2家已接受）】\n议题：解除查封\n发起：区税务局\n/);
  });
});

describe('会议 — time and result', () => {
  it('records the result only after the meeting, by the requester or the director, and says what can come next', async () => {
    t = await withEnterprise();
    await tax(REQUEST);
    expect(await tax('会议 M1 结果:已解决')).toBe('业务会议 M1还没开（2026年12月3日（星期四）15:00），开完会后再记录结果。');
    t.clock.set('2026-12-03T17:00:00+08:00');
    t.takePushes();
    expect(await hrss('会议 M1 结果:已解决')).toBe('只有业务会议 M1的发起人或办公室主任可以记录会议结果。');
    expect(await tax('会议 M1 结果:未解决')).toBe('请说明未解决的原因：会议 M1 结果:未解决 说明:…。');
    const reply = await tax('会议 M1 结果:未解决 说明:查封涉及外地法院');
    expect(reply).toMatch(/^已记录业务会议 M1的结果：未解决。\n\*\*业务会议 M1\*\* 【未解决】/);
    expect(reply).toContain('下一步：升级：升级 M1（由办公室主任召集专题会议）；尚不具备解决条件的可暂缓：暂缓 M1 理由:…。');
    expect(recipients(t.takePushes())).toEqual(['办公室主任', '区人社局联络员', '区法院联络员'].sort());
  });

  it('lets only the requester or the director change the time', async () => {
    t = await withEnterprise();
    await tax(REQUEST);
    const before = state();
    expect(await hrss('会议 M1 时间:"2026-12-04 10:00"')).toBe('只有业务会议 M1的发起人或办公室主任可以确定会议时间。');
    expect(state()).toBe(before);
  });
});

describe('升级 — the ladder 业务 → 专题 → 联席议题', () => {
  it('climbs one step at a time, and the ladder shows in the meetings and in the enterprise’s file', async () => {
    t = await heldMeeting();
    await tax('会议 M1 结果:未解决 说明:查封涉及外地法院');
    t.takePushes();

    // 业务 → 专题: the director convenes it.
    const up = await tax('升级 M1');
    expect(up).toMatch(/^已将业务会议 M1升级为专题会议 M2。\n\*\*专题会议 M2\*\* 【待定时间】\n议题：解除查封\n发起：城区企业破产处置府院联动机制办公室\n时间：待定\n参会单位：区税务局、区人社局、区法院\n/);
    expect(up).toContain('升级路径：业务会议 M1（未解决，已升级） → 专题会议 M2（待定时间）');
    let pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['办公室主任', '区人社局联络员', '区法院联络员'].sort());
    expect(pushes.find((p) => p.to === '办公室主任')!.text).toMatch(/^【专题会议待召集】专题会议 M2：解除查封\n业务会议 M1未能解决：查封涉及外地法院，已升级为专题会议，由您召集。\n请确定时间：会议 M2 时间:"2026-12-10 15:00"/);
    expect(t.app.store.get('meetings', 'M2')).toMatchObject({ level: '专题', escalatedFrom: 'M1', requesterId: 'director', unitIds: ['tax', 'hrss', 'court'], enterpriseIds: ['E1'], status: 'unscheduled' });
    expect(t.app.store.get('meetings', 'M1')!.escalatedTo).toBe('M2');
    expect(await tax('升级 M1')).toBe('业务会议 M1 已经升级过（M2），不能重复升级。');

    // The director sets the time; every unit (the first requester's too) is invited.
    expect(await tax('会议 M2 时间:"2026-12-10 15:00"')).toBe('只有专题会议 M2的发起人或办公室主任可以确定会议时间。');
    expect(await director('会议 M2 时间:"2026-12-10 15:00"')).toMatch(/^已确定时间并通知各受邀单位。/);
    pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['区人社局联络员', '区法院联络员', '区税务局联络员'].sort());
    expect(pushes.every((p) => p.message.card?.buttons[0]?.command === '会议 M2 接受')).toBe(true);

    // 专题 → 联席议题.
    t.clock.set('2026-12-10T17:00:00+08:00');
    expect(await director('升级 M2')).toBe('专题会议 M2还没有记录结果；会议未能解决的，请先记录：会议 M2 结果:未解决 说明:<原因>。');
    await director('会议 M2 结果:未解决 说明:涉及跨部门政策');
    t.takePushes();
    const agenda = await director('升级 M2 理由:需联席会议决策');
    expect(agenda).toMatch(/^已将专题会议 M2列为下次联席会议议题 A1。发“议题”查看待议事项。/);
    expect(agenda).toContain('升级路径：业务会议 M1（未解决，已升级） → 专题会议 M2（未解决，已升级） → 联席会议议题 A1（待议）');
    pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['区人社局联络员', '区法院联络员', '区税务局联络员', '召集人', '总召集人'].sort());
    expect(pushes[0]!.text).toContain('专题会议仍未能解决：需联席会议决策，已由联席会议办公室提请列为下次联席会议议题 A1。');
    expect(t.app.store.get('agenda', 'A1')).toMatchObject({ topic: '解除查封', fromMeetingId: 'M2', enterpriseIds: ['E1'], unitIds: ['tax', 'hrss', 'court'], status: 'open', reason: '需联席会议决策', addedBy: 'director' });

    expect(await t.say('召集人', 'single', '议题')).toMatch(/^\*\*下次联席会议待议事项\*\*（1项）\nA1 解除查封（由专题会议 M2升级） — 区税务局、区人社局、区法院；企业：E1 某某机械有限公司\n/);
    expect(await hrss('会议 M1')).toContain('升级路径：业务会议 M1（未解决，已升级） → 专题会议 M2（未解决，已升级） → 联席会议议题 A1（待议）');
    expect(await court('企业 E1')).toContain('会议协调（1）：\n· 解除查封：业务会议 M1（未解决，已升级） → 专题会议 M2（未解决，已升级） → 联席会议议题 A1（待议）');
  });

  it('refuses to escalate a solved matter, a 联席会议, and lets only the requester or the director ask', async () => {
    t = await heldMeeting();
    expect(await hrss('升级 M1')).toBe('只有业务会议 M1的发起人或办公室主任可以升级会议。');
    await tax('会议 M1 结果:已解决');
    expect(await tax('升级 M1')).toBe('业务会议 M1 已解决，无需升级。');
    await director('申请会议 议题:年度任务 级别:联席 单位:法院,税务局 时间:"2026-12-04 09:00"');
    t.clock.set('2026-12-04T12:00:00+08:00');
    await director('会议 M2 结果:未解决 说明:意见不一');
    const joint = await director('升级 M2');
    expect(joint).toBe('联席会议 M2 已是最高一级的联席会议，不能再升级；尚不具备解决条件的，可以暂缓：暂缓 M2 理由:<原因>。');
    expect(joint).toMatch(ONE_LINE_CHINESE);
    expect(t.app.store.get('meetings', 'M2')!.escalatedTo).toBeUndefined();
    expect([...t.app.store.values('agenda')]).toEqual([]);
  });
});

describe('暂缓 / 恢复 (002 §四)', () => {
  it('parks an unripe matter with its reason and return date, lists it as 暂缓, and brings it back at the same level', async () => {
    t = await heldMeeting();
    await tax('会议 M1 结果:未解决 说明:待刑事案件审结');
    t.takePushes();
    expect(await hrss('暂缓 M1 理由:等')).toBe('只有业务会议 M1的发起人或办公室主任可以暂缓会议事项。');
    expect(await tax('暂缓 M1 理由:待刑事案件审结 至:2026-12-01')).toBe('“至”要写以后的日期，2026年12月1日已经到了。');

    const parked = await tax('暂缓 M1 理由:待刑事案件审结 至:2027-03-01');
    expect(parked).toMatch(/^已暂缓业务会议 M1，2027年3月1日再提交。\n\*\*业务会议 M1\*\* 【暂缓（至2027年3月1日）】/);
    expect(parked).toContain('暂缓：待刑事案件审结；2027年3月1日再提交');
    expect(parked).toContain('下一步：条件具备时：恢复 M1');
    expect(recipients(t.takePushes())).toEqual(['办公室主任', '区人社局联络员', '区法院联络员'].sort());
    expect(t.app.store.get('meetings', 'M1')!.parked).toMatchObject({ reason: '待刑事案件审结', until: '2027-03-01', by: 'tax-liaison' });

    expect(await tax('会议')).toContain('M1 业务会议 12月3日 15:00 解除查封 — 区税务局、区人社局、区法院【暂缓（至2027年3月1日）】');
    expect(await tax('升级 M1')).toBe('业务会议 M1 已暂缓，请先恢复（恢复 M1）再决定是否升级。');
    expect(await tax('暂缓 M1 理由:再等等')).toBe('业务会议 M1已经暂缓（待刑事案件审结）。');

    const back = await tax('恢复 M1 理由:刑事案件已审结');
    expect(back).toMatch(/^已恢复业务会议 M1。\n\*\*业务会议 M1\*\* 【待定时间】/);
    expect(back).toContain('下一步：请确定新的会议时间：会议 M1 时间:"…"');
    expect(recipients(t.takePushes())).toEqual(['办公室主任', '区人社局联络员', '区法院联络员'].sort());
    const m = t.app.store.get('meetings', 'M1')!;
    expect(m).toMatchObject({ level: '业务', status: 'unscheduled', responses: {} });
    expect(m.parked).toBeUndefined();
    expect(m.outcome).toBeUndefined();
    expect(m.time).toBeUndefined();

    expect(await tax('恢复 M1')).toBe('业务会议 M1没有暂缓，不需要恢复。');
    expect(await tax('会议 M1 时间:"2026-12-08 10:00"')).toMatch(/^已确定时间并通知各受邀单位。/);
    expect(recipients(t.takePushes())).toEqual(['办公室主任', '区人社局联络员', '区法院联络员'].sort());
  });

  it('shares the word 恢复 with the roster: 恢复 E1 is still the director’s, 恢复 M1 the meeting’s', async () => {
    t = await heldMeeting();
    expect(await tax('恢复 E1')).toBe('「恢复」只有办公室主任可以使用。发“帮助”看看您能用的命令。');
    expect(await director('恢复 E1')).toBe('E1 某某机械有限公司 在册，不需要恢复。');
    expect(await director('恢复 M1')).toBe('业务会议 M1没有暂缓，不需要恢复。');
    expect(await t.say('召集人', 'single', '恢复 M1')).toBe('「恢复」只有成员单位联络员、办公室主任可以使用。发“帮助”看看您能用的命令。');
    expect(await director('帮助 恢复')).toContain('写法：恢复 <企业> [理由:<说明>] ｜ 恢复 <会议编号> [理由:<条件已具备的情况>]');
  });
});

describe('议题', () => {
  it('lets a unit propose an item for the next 联席会议, tells the director and the conveners, and lists the open items', async () => {
    t = await withEnterprise();
    expect(await hrss('议题')).toBe('目前没有待议的联席会议议题。提出议题：议题 [<内容> [企业:E12]]');
    expect(await hrss('议题 建立破产费用保障专项资金 企业:E1')).toBe('已提出下次联席会议议题 A1：建立破产费用保障专项资金。办公室筹备联席会议时统一列入议程。');
    const pushes = t.takePushes();
    expect(recipients(pushes)).toEqual(['办公室主任', '召集人', '总召集人'].sort());
    expect(pushes[0]!.text).toBe('【联席会议议题】区人社局提出议题 A1：建立破产费用保障专项资金（企业：E1 某某机械有限公司）\n发“议题”查看全部待议事项。');
    expect(await director('议题')).toContain('A1 建立破产费用保障专项资金 — 区人社局；企业：E1 某某机械有限公司');
    expect(await director('企业 E1')).toContain('· 建立破产费用保障专项资金：联席会议议题 A1（待议）');
    expect(await hrss('议题 某事 企业:E7')).toBe('没有编号为 E7 的企业。可以发“名册”查看在册企业。');
    expect([...t.app.store.values('agenda')]).toHaveLength(1);
  });
});
