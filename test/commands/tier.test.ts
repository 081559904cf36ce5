import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.ts';
import { ONE_LINE_CHINESE, stateOf } from '../support/state-snapshot.ts';
import { botWithListedEnterprise, LISTED_CODE } from '../support/listed.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const CODE = LISTED_CODE;

const listed = botWithListedEnterprise;

describe('分档', () => {
  it('sets the tier in both views, records 一企一策, states the treatment and tells the units', async () => {
    t = await listed();
    const reply = await t.say('办公室主任', 'single', '分档 E1 档:2 理由:"有订单，资金链断裂" 措施:预重整，引入投资人');
    expect(reply).toMatch(/^已分档：E1 某某机械有限公司\n档次：二档（帮·重点帮扶类）\n理由：有订单，资金链断裂\n一企一策：预重整、引入投资人\n/);
    expect(reply).toContain('标准处置（鹤岗实施意见第七条）：法院积极运用预重整程序尽早救治');
    expect(reply).toContain('涉及单位：区法院（已通知各单位联络员）');

    const e = t.app.store.get('enterprises', 'E1')!;
    expect(e.tier).toMatchObject({ tier: 2, reason: '有订单，资金链断裂', measures: '预重整、引入投资人', by: 'director' });
    expect(e.tierHistory).toHaveLength(1);
    expect(e.history.at(-1)!.text).toBe('分档：二档（帮·重点帮扶类），理由：有订单，资金链断裂；一企一策：预重整、引入投资人');

    const pushes = t.takePushes();
    expect(pushes.map((p) => p.to)).toEqual(['区法院联络员']);
    expect(pushes[0]!.text).toMatch(/^【分档通知】E1 某某机械有限公司 定为二档（帮·重点帮扶类）/);
    expect(pushes[0]!.text).toContain('请区法院按职责跟进。查看：企业 E1');
  });

  it('accepts 保/帮/关 and 一档… and names the configured units of the tier (人民银行, 金融监管 for 保)', async () => {
    t = await listed();
    const reply = await t.say('办公室主任', 'single', '分档 E1 档:保 理由:短期资金周转困难');
    expect(reply).toContain('档次：一档（保·重点保护类）');
    expect(reply).toContain('商业银行的融资渠道');
    expect(reply).toContain('涉及单位：人民银行区支行、金融监管支局');
    expect(reply).toContain('本机制未配置：商业银行');
    expect(t.takePushes().map((p) => p.to).sort()).toEqual(['人民银行区支行联络员', '金融监管支局联络员'].sort());
  });

  it('re-deciding the same tier needs no confirmation; changing it asks first', async () => {
    t = await listed();
    await t.say('办公室主任', 'single', '分档 E1 档:一档 理由:短期周转');
    expect(await t.say('办公室主任', 'single', '分档 E1 档:1 理由:仍在周转 措施:续贷')).toMatch(/^已分档/);
    const before = stateOf(t);
    const question = await t.say('办公室主任', 'single', '分档 E1 档:关 理由:资不抵债');
    expect(question).toMatch(/^E1 某某机械有限公司 现为一档（保·重点保护类）（仍在周转），确认改为三档（关·退出市场类）？/);
    expect(stateOf(t)).toBe(before);
    expect(await t.say('办公室主任', 'single', '取消')).toBe('已取消，没有做任何更改。');
    expect(t.app.store.get('enterprises', 'E1')!.tier!.tier).toBe(1);

    await t.say('办公室主任', 'single', '分档 E1 档:关 理由:资不抵债');
    const reply = await t.say('办公室主任', 'single', '确认');
    expect(reply).toContain('档次：三档（关·退出市场类）（原为一档（保·重点保护类））');
    expect(reply).toContain('破产清算');
    const e = t.app.store.get('enterprises', 'E1')!;
    expect(e.tier!.tier).toBe(3);
    expect(e.tierHistory.map((d) => d.tier)).toEqual([1, 1, 3]);
  });

  it('refuses a missing 理由, an unknown tier and a contradictory one, changing nothing', async () => {
    t = await listed();
    const before = stateOf(t);
    const missing = await t.say('办公室主任', 'single', '分档 E1 档:2');
    expect(missing).toMatch(/^缺少“理由”/);
    expect(missing).toMatch(ONE_LINE_CHINESE);
    expect(await t.say('办公室主任', 'single', '分档 E1 档:4 理由:x')).toMatch(/^“档”：无法识别档次“4”/);
    expect(await t.say('办公室主任', 'single', '分档 E1 档:一档（关） 理由:x')).toMatch(/前后矛盾/);
    expect(await t.say('办公室主任', 'single', '分档 E9 档:1 理由:x')).toMatch(/没有编号为 E9 的企业/);
    expect(stateOf(t)).toBe(before);
    expect(t.takePushes()).toEqual([]);
  });

  it('is decided by the roles in config.tierDeciders, not by whoever may send the command', async () => {
    t = await listed();
    const before = stateOf(t);
    for (const who of ['区税务局联络员', '区法院联络员', '召集人', '纾困中心工作人员甲', '系统管理员']) {
      expect(await t.say(who, 'single', '分档 E1 档:2 理由:x')).toMatch(/^分档由办公室主任决定/);
    }
    expect(stateOf(t)).toBe(before);
  });

  it('follows a config that lets the conveners decide too', async () => {
    const text = readFileSync(new URL('../../config/demo.yaml', import.meta.url), 'utf8').replace('tierDeciders: [director]', 'tierDeciders: [director, convener]');
    t = await createTestBot({ config: loadConfigText(text, 'test') });
    await t.say('区税务局联络员', 'single', `登记 某某机械有限公司 代码:${CODE} 情形:欠税`);
    expect(await t.say('召集人', 'single', '分档 E1 档:3 理由:资不抵债')).toMatch(/^已分档：E1/);
    expect(await t.say('区税务局联络员', 'single', '分档 E1 档:3 理由:x')).toMatch(/^分档由办公室主任、召集人决定/);
  });

  it('shows the last three decisions in the enterprise file', async () => {
    t = await listed();
    for (const [n, why] of [[1, '甲'], [1, '乙'], [1, '丙'], [1, '丁']] as const) await t.say('办公室主任', 'single', `分档 E1 档:${n} 理由:${why}`);
    const file = await t.say('区税务局联络员', 'single', '企业 E1');
    expect(file).toContain('分档记录（最近3次，共4次）：\n· 2026年11月23日 一档（保）：丁\n· 2026年11月23日 一档（保）：丙\n· 2026年11月23日 一档（保）：乙');
  });

  it('does not tier an enterprise that has left the roster', async () => {
    t = await listed();
    await t.say('办公室主任', 'single', '移出 E1 结果:脱困');
    await t.say('办公室主任', 'single', '确认');
    expect(await t.say('办公室主任', 'single', '分档 E1 档:1 理由:x')).toMatch(/已移出名册.*恢复 E1/);
  });
});
