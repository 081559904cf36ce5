import { afterEach, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const CODE = '91440300192317458F';

describe('登记', () => {
  it('lists a new enterprise with the unit trigger and tells the director', async () => {
    t = await createTestBot();
    const reply = await t.say('区人社局联络员', '联络员群', `登记 某某机械有限公司 代码:${CODE} 情形:拖欠工资 说明:"拖欠3个月工资，涉及42人"`);
    expect(reply).toBe('已列入名册：E1 某某机械有限公司\n情形：长期欠薪（区人社局）\n现有预警单位：区人社局');
    const pushes = t.takePushes();
    expect(pushes.map((p) => p.to)).toEqual(['办公室主任']);
    expect(pushes[0]!.text).toMatch(/^【名册变动】E1 某某机械有限公司 新列入名册/);
    const e = t.app.store.get('enterprises', 'E1')!;
    expect(e).toMatchObject({ uscc: CODE, names: ['某某机械有限公司'], status: 'active' });
    expect(e.signals[0]).toMatchObject({ unitId: 'hrss', trigger: 'hrss_wages', detail: '拖欠3个月工资，涉及42人', by: 'hrss-liaison' });
  });

  it.each([
    ['NUL', '某某\u0000机械有限公司'],
    ['an ESC sequence', '\u001b[31m某某机械有限公司'],
    ['a right-to-left override', '某某机械\u202E司公限有'],
    ['a zero-width space', '某某\u200B机械有限公司'],
  ])('refuses a name with %s in one sentence and stores nothing', async (_what, name) => {
    t = await createTestBot();
    const reply = await t.say('区人社局联络员', 'single', `登记 ${name} 代码:${CODE} 情形:欠薪`);
    expect(reply).toMatch(/^“企业”里有看不见的控制字符（常见于从别处复制的文字），请删掉后重新输入。/);
    expect(t.app.store.count('enterprises')).toBe(0);
  });

  it('removes invisible characters from free text and keeps full-width punctuation', async () => {
    t = await createTestBot();
    await t.say('区人社局联络员', 'single', `登记 某某机械有限公司 代码:${CODE} 情形:欠薪 说明:"拖欠\u200B工资，涉及\u202E42人！"`);
    expect(t.app.store.get('enterprises', 'E1')!.signals[0]!.detail).toBe('拖欠工资，涉及42人！');
  });

  it('merges a second unit signal for the same code into the same enterprise (数据筛查对比)', async () => {
    t = await createTestBot();
    await t.say('区人社局联络员', 'single', `登记 某某机械有限公司 代码:${CODE} 情形:欠薪`);
    const reply = await t.say('区税务局联络员', 'single', `登记 某某机械 代码:${CODE.toLowerCase()} 情形:欠税`);
    expect(reply).toMatch(/^已登记：E1 某某机械有限公司\n情形：欠税时间较长、运营状态不佳（区税务局）\n已记录另一名称“某某机械”\n现有预警单位：区人社局、区税务局/);
    expect(t.app.store.count('enterprises')).toBe(1);
    expect(t.app.store.get('enterprises', 'E1')!.names).toEqual(['某某机械有限公司', '某某机械']);
    expect(t.takePushes().at(-1)!.text).toMatch(/已有2个单位预警（区人社局、区税务局）/);
  });

  it('refuses the same signal twice and changes nothing', async () => {
    t = await createTestBot();
    await t.say('区人社局联络员', 'single', `登记 某某机械有限公司 代码:${CODE} 情形:欠薪`);
    const seq = t.app.store.lastSeq;
    expect(await t.say('区人社局联络员', 'single', '登记 E1 情形:欠薪')).toMatch(/已由区人社局以“长期欠薪”登记过.*无需重复登记/);
    expect(t.app.store.get('enterprises', 'E1')!.signals).toHaveLength(1);
    expect(t.app.store.lastSeq).toBe(seq + 1); // only the answer was recorded, for retries
  });

  it('rejects a wrong check digit, a trigger of another unit and a trigger without its detail', async () => {
    t = await createTestBot();
    expect(await t.say('区税务局联络员', 'single', '登记 甲公司 代码:914403001922038217 情形:欠税')).toMatch(/第18位应为“6”/);
    expect(await t.say('区税务局联络员', 'single', `登记 甲公司 代码:${CODE} 情形:D类`)).toMatch(/是市场监管部门的预警情形/);
    expect(await t.say('区税务局联络员', 'single', `登记 甲公司 代码:${CODE} 情形:其他`)).toMatch(/需要写明具体情况/);
    expect(await t.say('区税务局联络员', 'single', '登记 甲公司')).toMatch(/^缺少“情形”/);
    expect(t.app.store.count('enterprises')).toBe(0);
  });

  it('lets a liaison act only for their own unit, and the director for any unit it names', async () => {
    t = await createTestBot();
    expect(await t.say('区税务局联络员', 'single', `登记 甲公司 代码:${CODE} 情形:欠薪 单位:人社局`)).toMatch(/只能以区税务局的名义操作/);
    expect(await t.say('办公室主任', 'single', `登记 甲公司 代码:${CODE} 情形:欠薪`)).toMatch(/请写明以哪个成员单位的名义操作/);
    expect(await t.say('办公室主任', 'single', `登记 甲公司 代码:${CODE} 情形:欠薪 单位:人社局`)).toMatch(/^已列入名册：E1 甲公司/);
  });

  it('classifies the size from the figures given (2011 standard)', async () => {
    t = await createTestBot();
    const reply = await t.say('区人社局联络员', 'single', `登记 甲公司 代码:${CODE} 情形:欠薪 行业:制造业 人数:15 营收:200万`);
    expect(reply).toMatch(/按划型标准为微型企业/);
    expect(t.app.store.get('enterprises', 'E1')).toMatchObject({ industry: '工业', sizeClass: '微型' });
  });

  it('lists by name without a code, and attaches the code given later', async () => {
    t = await createTestBot();
    expect(await t.say('区人社局联络员', 'single', '登记 乙商贸有限公司 情形:欠薪')).toMatch(/尚未填写信用代码，请补充：登记 E1/);
    expect(await t.say('区人社局联络员', 'single', `登记 E1 情形:欠薪 代码:${CODE}`)).toMatch(/已补充信用代码/);
    expect(t.app.store.get('enterprises', 'E1')!.uscc).toBe(CODE);
  });
});
