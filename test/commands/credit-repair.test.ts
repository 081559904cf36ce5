import { afterEach, describe, expect, it } from 'vitest';
import { ONE_LINE_CHINESE, stateOf } from '../support/state-snapshot.ts';
import { botWithListedEnterprise, LISTED_CODE } from '../support/listed.ts';
import type { TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const CODE = LISTED_CODE;
const COURT = '区法院联络员';

const listed = botWithListedEnterprise;

describe('信用修复', () => {
  it('records a request after the ruling and tells the court side and the director', async () => {
    t = await listed();
    const reply = await t.say('区税务局联络员', 'single', '信用修复 E1 裁定:重整计划 裁定日期:2026-11-10 申请日期:2026-11-12');
    expect(reply).toBe(
      '已登记信用修复申请 C1：E1 某某机械有限公司\n依据：法院裁定批准重整计划（2026年11月10日）\n申请日期：2026年11月12日\n出具证明后请发“信用修复 C1 出证:日期”（东莞做法：7天内出证）。',
    );
    expect(t.app.store.get('creditRepairs', 'C1')).toMatchObject({
      enterpriseId: 'E1', ruling: '重整计划', rulingDate: '2026-11-10', requestDate: '2026-11-12', unitId: 'tax', requestedBy: 'tax-liaison',
    });
    expect(t.app.store.get('enterprises', 'E1')!.history.at(-1)!.text).toBe('申请信用修复 C1：法院裁定批准重整计划（2026年11月10日），2026年11月12日申请，区税务局受理');
    expect(t.takePushes().map((p) => p.to).sort()).toEqual(['办公室主任', '区法院联络员'].sort());
  });

  it('defaults the request date to today and reads a ruling day without a year as a past one', async () => {
    t = await listed();
    await t.say(COURT, 'single', '信用修复 E1 裁定:和解 裁定日期:11月20日');
    expect(t.app.store.get('creditRepairs', 'C1')).toMatchObject({ ruling: '和解协议', rulingDate: '2026-11-20', requestDate: '2026-11-23', unitId: 'court' });
  });

  it('records the certificate with the days it took, within a week', async () => {
    t = await listed();
    await t.say(COURT, 'single', '信用修复 E1 裁定:重整计划 裁定日期:2026-11-10 申请日期:2026-11-17');
    t.takePushes();
    const reply = await t.say('纾困中心工作人员甲', 'single', '信用修复 C1 出证:2026-11-23');
    expect(reply).toBe('已登记出证：C1 E1 某某机械有限公司\n2026年11月17日申请，2026年11月23日出具《信用修复证明》，用时6天，在7天内办结。');
    expect(t.app.store.get('creditRepairs', 'C1')).toMatchObject({ certificateDate: '2026-11-23', certifiedBy: 'center-staff-1' });
    expect(t.takePushes().map((p) => p.to).sort()).toEqual(['办公室主任', '区法院联络员'].sort());
    const file = await t.say('区税务局联络员', 'single', '企业 E1');
    expect(file).toContain('信用修复：\n· C1 重整计划（裁定2026年11月10日），2026年11月17日申请，2026年11月23日出证（用时6天）');
  });

  it('says so when it took longer than a week', async () => {
    t = await listed();
    await t.say(COURT, 'single', '信用修复 E1 裁定:重整计划 裁定日期:2026-11-10 申请日期:2026-11-12');
    expect(await t.say('办公室主任', 'single', '信用修复 C1 出证:11月21日')).toMatch(/用时9天，超过7天（东莞纾困中心不到一周即出证），请关注办理环节。$/);
  });

  it('lists open requests with their age', async () => {
    t = await listed();
    await t.say('区税务局联络员', 'single', `登记 某某商贸有限公司 代码:91110108551385082Q 情形:欠税`);
    expect(await t.say(COURT, 'single', '信用修复')).toBe('目前没有待出证的信用修复申请。');
    await t.say(COURT, 'single', '信用修复 E1 裁定:重整计划 裁定日期:2026-11-10 申请日期:2026-11-12');
    await t.say('区市场监管局联络员', 'single', '信用修复 E2 裁定:和解协议 裁定日期:2026-11-19 申请日期:2026-11-20');
    expect(await t.say('区市场监管局联络员', 'single', '信用修复')).toBe(
      '**待出证的信用修复申请**（共2件）\n· C1 E1 某某机械有限公司 — 重整计划，11月12日申请，已11天（超过7天）\n· C2 E2 某某商贸有限公司 — 和解协议，11月20日申请，已3天\n出证后请发“信用修复 <编号> 出证:<日期>”。',
    );
    // Asked today: not "已0天".
    await t.say('区税务局联络员', 'single', '登记 某某建材有限公司 代码:914403001922038216 情形:欠税');
    await t.say(COURT, 'single', '信用修复 E3 裁定:和解协议 裁定日期:2026-11-19 申请日期:2026-11-23');
    expect(await t.say(COURT, 'single', '信用修复')).toContain('· C3 E3 某某建材有限公司 — 和解协议，11月23日申请（今天）\n');
  });

  it('refuses bad dates and rulings, changing nothing', async () => {
    t = await listed();
    await t.say(COURT, 'single', '信用修复 E1 裁定:重整计划 裁定日期:2026-11-10 申请日期:2026-11-12');
    await t.say('区税务局联络员', 'single', `登记 某某商贸有限公司 代码:91110108551385082Q 情形:欠税`);
    const before = stateOf(t);
    const after = await t.say(COURT, 'single', '信用修复 E2 裁定:重整计划 裁定日期:2026-11-13 申请日期:2026-11-12');
    expect(after).toBe('裁定日期2026年11月13日晚于申请日期2026年11月12日：信用修复要在法院裁定之后申请，请核对日期。');
    expect(after).toMatch(ONE_LINE_CHINESE);
    expect(await t.say(COURT, 'single', '信用修复 E2 裁定:重整计划 裁定日期:2026-13-01')).toMatch(/^“裁定日期”：/);
    expect(await t.say(COURT, 'single', '信用修复 E2 裁定:重整计划 裁定日期:2026-11-10 申请日期:2026-11-30')).toMatch(/^申请日期 2026-11-30 还没到/);
    expect(await t.say(COURT, 'single', '信用修复 E2 裁定:清算 裁定日期:2026-11-10')).toMatch(/^“裁定”只能是 重整计划 或 和解协议/);
    expect(await t.say(COURT, 'single', '信用修复 E2 裁定:重整计划')).toMatch(/^请写明法院的裁定和裁定日期/);
    expect(await t.say(COURT, 'single', '信用修复 E1 裁定:重整计划 裁定日期:2026-11-10')).toMatch(/^E1 某某机械有限公司 已有待出证的申请 C1/);
    expect(await t.say(COURT, 'single', '信用修复 C1 出证:2026-11-11')).toBe('出证日期 2026-11-11 早于申请日期 2026-11-12，请核对日期。');
    expect(await t.say(COURT, 'single', '信用修复 C1 出证:2026-11-25')).toMatch(/^出证日期 2026-11-25 还没到/);
    expect(await t.say(COURT, 'single', '信用修复 C1')).toMatch(/^请写明出证日期/);
    expect(await t.say(COURT, 'single', '信用修复 C9 出证:2026-11-20')).toMatch(/^没有编号为 C9 的信用修复申请/);
    expect(stateOf(t)).toBe(before);
    await t.say(COURT, 'single', '信用修复 C1 出证:2026-11-18');
    expect(await t.say(COURT, 'single', '信用修复 C1 出证:2026-11-19')).toBe('C1 已于2026年11月18日出证，无需重复登记。');
  });

  it('lets court, market and tax request, only the court side certify, and no one else', async () => {
    t = await listed();
    const before = stateOf(t);
    expect(await t.say('区人社局联络员', 'single', '信用修复 E1 裁定:重整计划 裁定日期:2026-11-10')).toMatch(/^信用修复申请由法院、市场监管、税务部门（谁认定、谁修复）或办公室主任登记/);
    expect(await t.say('区人社局联络员', 'single', '信用修复')).toMatch(/您所在单位不能查看/);
    expect(await t.say('召集人', 'single', '信用修复')).toMatch(/^「信用修复」只有/);
    expect(stateOf(t)).toBe(before);
    await t.say('区市场监管局联络员', 'single', '信用修复 E1 裁定:重整计划 裁定日期:2026-11-10');
    const denied = '《信用修复证明》由法院出具，出证请法院联络员、纾困中心或办公室主任登记。';
    expect(await t.say('区市场监管局联络员', 'single', '信用修复 C1 出证:2026-11-23')).toBe(denied);
    expect(await t.say('区税务局联络员', 'single', '信用修复 C1 出证:2026-11-23')).toBe(denied);
    expect(t.app.store.get('creditRepairs', 'C1')!.certificateDate).toBeUndefined();
  });
});
