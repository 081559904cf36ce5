import { afterEach, describe, expect, it } from 'vitest';
import { loanWarningsDue } from '../../src/domain/loan-warning.ts';
import { ONE_LINE_CHINESE, stateOf } from '../support/state-snapshot.ts';
import { botWithListedEnterprise, LISTED_CODE } from '../support/listed.ts';
import type { TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

const CODE = LISTED_CODE;
const PBOC = '人民银行区支行联络员';

const listed = botWithListedEnterprise;

describe('贷款 (321 ledger)', () => {
  it('registers a loan due in the future and says when the warnings come', async () => {
    t = await listed();
    const reply = await t.say(PBOC, 'single', '贷款 企业:E1 银行:某某银行城区支行 金额:500万 到期:2027-03-01');
    expect(reply).toBe('已登记贷款 L1：E1 某某机械有限公司\n某某银行城区支行 500万元，2027年3月1日到期（还有98天）\n将在到期前90、60、30天提醒（“321”预警）。');
    expect(t.app.store.get('loans', 'L1')).toMatchObject({
      enterpriseId: 'E1', bank: '某某银行城区支行', amountWan: 500, dueDate: '2027-03-01', unitId: 'pboc', by: 'pboc-liaison', state: 'open',
    });
    expect(t.app.store.get('enterprises', 'E1')!.history.at(-1)!.text).toBe('人民银行区支行登记到期贷款 L1：某某银行城区支行 500万元，2027年3月1日到期');
  });

  it('says which 321 stage a loan registered late is already in', async () => {
    t = await listed();
    const reply = await t.say('金融监管支局联络员', 'single', '贷款 企业:E1 银行:某某银行 金额:1.2亿 到期:2026-12-20');
    expect(reply).toContain('1.2亿元，2026年12月20日到期（还有27天）');
    expect(reply).toContain('已进入“321”预警30天阶段：企业提前在账上备足还款资金。');
  });

  it('lists open loans by due date with days left; the director may register for a named unit', async () => {
    t = await listed();
    await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:500万 到期:2027-03-01');
    expect(await t.say('办公室主任', 'single', '贷款 企业:E1 银行:乙银行 金额:300万 到期:2027-01-10')).toBe('请写明报送单位，例如 单位:人民银行。');
    await t.say('办公室主任', 'single', '贷款 E1 银行:乙银行 金额:300万 到期:2027-01-10 单位:金融监管');
    const list = await t.say('办公室主任', 'single', '贷款');
    expect(list).toBe(
      '**贷款到期台账**（未结清2笔，按到期日排序）\n' +
        '· L2 E1 某某机械有限公司 — 乙银行 300万元，2027年1月10日到期，还有48天〔60天预警〕（金融监管支局）\n' +
        '· L1 E1 某某机械有限公司 — 甲银行 500万元，2027年3月1日到期，还有98天（人民银行区支行）\n' +
        '还清或续贷后请发“贷款 <编号> 已还”或“贷款 <编号> 已续贷 新到期:<日期>”。',
    );
  });

  it('closes a loan as repaid, or renewed with a new open entry for the new due date', async () => {
    t = await listed();
    await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:500万 到期:2027-03-01');
    await t.say(PBOC, 'single', '贷款 企业:E1 银行:乙银行 金额:300万 到期:2027-01-10');
    expect(await t.say(PBOC, 'single', '贷款 L2 已还')).toBe('已登记：L2 E1 某某机械有限公司 乙银行 300万元 已还清。这笔贷款不再提醒。');
    const renewed = await t.say(PBOC, 'single', '贷款 L1 已续贷 新到期:2028-03-01');
    expect(renewed).toBe('已登记：L1 E1 某某机械有限公司 甲银行 500万元 已续贷，新到期日2028年3月1日（L3）。新的到期日将同样按“321”提醒（还有464天）。');
    expect(t.app.store.get('loans', 'L1')).toMatchObject({ state: 'renewed', renewedTo: 'L3', closedBy: 'pboc-liaison' });
    expect(t.app.store.get('loans', 'L3')).toMatchObject({ state: 'open', dueDate: '2028-03-01', renewedFrom: 'L1', bank: '甲银行', amountWan: 500, unitId: 'pboc' });
    expect(await t.say(PBOC, 'single', '贷款 L2 已还')).toBe('L2 已还清，无需再登记。');
    const file = await t.say('区税务局联络员', 'single', '企业 E1');
    expect(file).toContain('贷款到期台账（未结清1笔，已还或续贷2笔）：\n· L3 甲银行 500万元，2028年3月1日到期（人民银行区支行报送）');
  });

  it('a renewal without a new date just closes the entry', async () => {
    t = await listed();
    await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:500万 到期:2027-03-01');
    expect(await t.say(PBOC, 'single', '贷款 L1 续贷')).toMatch(/^已登记：L1 .* 已续贷。这笔贷款不再提醒。$/);
    expect(t.app.store.count('loans')).toBe(1);
  });

  it('refuses a due date that does not exist or has passed, and other bad input, changing nothing', async () => {
    t = await listed();
    await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:500万 到期:2027-03-01');
    const before = stateOf(t);
    const bad = await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:500万 到期:2027-02-30');
    expect(bad).toBe('“到期”：日期不存在：2027-02-30。请写成 2026-12-31 或 12月31日 的形式。');
    expect(bad).toMatch(ONE_LINE_CHINESE);
    expect(await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:500万 到期:2026-11-23')).toMatch(/^“到期”2026-11-23不在今天之后/);
    expect(await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:很多 到期:2027-03-01')).toMatch(/^“金额”：“很多”不是金额/);
    expect(await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:0 到期:2027-03-01')).toBe('贷款金额要大于0，例如 金额:500万。');
    expect(await t.say(PBOC, 'single', '贷款 企业:E1 金额:500万')).toMatch(/^登记贷款要写明企业、银行、金额和到期日/);
    expect(await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:500万 到期:2027-03-01')).toBe('这笔贷款已登记为 L1，无需重复登记。');
    expect(await t.say(PBOC, 'single', '贷款 L1 已续贷 新到期:2027-02-01')).toBe('新到期日 2027-02-01 应晚于原到期日 2027-03-01。');
    expect(await t.say(PBOC, 'single', '贷款 L1 没还')).toMatch(/^请写明这笔贷款的结果/);
    expect(await t.say(PBOC, 'single', '贷款 L9 已还')).toMatch(/^没有编号为 L9 的贷款/);
    expect(await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:500万 到期:2027-04-01 单位:税务局')).toBe('您是人民银行区支行的联络员，只能以人民银行区支行的名义操作。');
    expect(await t.say('办公室主任', 'single', '贷款 企业:E1 银行:甲银行 金额:500万 到期:2027-04-01 单位:税务局')).toBe('贷款台账由人民银行、金融监管部门或银行报送，区税务局不能作为报送单位。');
    expect(stateOf(t)).toBe(before);
  });

  it('is for 人民银行, 金融监管, banks and the director', async () => {
    t = await listed();
    await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:500万 到期:2027-03-01');
    const before = stateOf(t);
    const denied = '贷款到期台账由人民银行、金融监管部门、银行和办公室主任登记查看，您所在单位不能使用。';
    expect(await t.say('区税务局联络员', 'single', '贷款 企业:E1 银行:甲银行 金额:1万 到期:2027-03-01')).toBe(denied);
    expect(await t.say('区税务局联络员', 'single', '贷款')).toBe(denied);
    expect(await t.say('区法院联络员', 'single', '贷款 L1 已还')).toBe(denied);
    expect(await t.say('召集人', 'single', '贷款')).toBe('「贷款」只有成员单位联络员、办公室主任可以使用。发“帮助”看看您能用的命令。');
    expect(stateOf(t)).toBe(before);
  });

  it('hands the scheduler the open loans with their stage (loanWarningsDue)', async () => {
    t = await listed();
    await t.say(PBOC, 'single', '贷款 企业:E1 银行:甲银行 金额:500万 到期:2027-03-01');
    await t.say(PBOC, 'single', '贷款 企业:E1 银行:乙银行 金额:300万 到期:2027-01-10');
    await t.say(PBOC, 'single', '贷款 L2 已还');
    const loans = [...t.app.store.values('loans')];
    expect(loanWarningsDue(loans, '2026-11-23')).toEqual([]);
    expect(loanWarningsDue(loans, '2026-12-01').map((w) => [w.loan.id, w.stage])).toEqual([['L1', 90]]);
    expect(loanWarningsDue(loans, '2027-02-01').map((w) => [w.loan.id, w.stage])).toEqual([['L1', 30]]);
  });
});
