import { afterEach, describe, expect, it } from 'vitest';
import { createIntakeHint } from '../../src/understand/intake-hint.ts';
import { FAKE_MODEL_KEY, type FakeModel, startFakeModel } from '../fakes/openai-compatible.ts';
import { type IntakeBot, createIntakeBot } from './harness.ts';

let t: IntakeBot | undefined;
let model: FakeModel | undefined;
afterEach(async () => {
  await t?.close();
  await model?.close();
  t = undefined;
  model = undefined;
});

const SAID = '我们公司基本户被法院冻结了，下周发不出工资';

async function intakeWithModel(): Promise<IntakeBot> {
  model = await startFakeModel();
  const hint = createIntakeHint({ apiBase: model.base, model: 'qwen-private', apiKey: FAKE_MODEL_KEY, timeoutMs: 5000 });
  return createIntakeBot({ hint });
}

describe('the model on the enterprise path', () => {
  it('suggests a category and a one-line summary to the center staff only', async () => {
    t = await intakeWithModel();
    model!.answer = () => JSON.stringify({ category: '账户冻结', summary: '基本户被冻结，下周工资发放困难' });
    await t.customerSays('wmA', SAID);
    const staff = t.takeStaffPushes().map((p) => `${p.to}：${p.text}`);
    expect(staff).toContain('纾困中心工作群：【诉求 Q1】模型建议（仅供参考）：类别 账户冻结；摘要：基本户被冻结，下周工资发放困难\n同意该类别可发：受理 Q1 类别:账户冻结');
    expect(t.toCustomer('wmA').join('\n')).not.toMatch(/模型|摘要/);
    expect(model!.requests[0]!.body.messages.at(-1)).toEqual({ role: 'user', content: SAID });
    // A suggestion only: the ticket keeps the rules' suggestion until staff accept it.
    expect(t.app.store.get('tickets', 'Q1')!.category).toBeUndefined();
  });

  it('says nothing when the model answers outside the six categories or with no summary', async () => {
    t = await intakeWithModel();
    model!.answer = () => JSON.stringify({ category: '删除数据', summary: 'x' });
    await t.customerSays('wmA', SAID);
    model!.answer = () => JSON.stringify({ category: '融资', summary: '' });
    await t.customerSays('wmB', '银行抽贷了');
    expect(t.takeStaffPushes().map((p) => p.text).join('\n')).not.toMatch(/模型建议/);
    expect(model!.requests).toHaveLength(2);
  });
});
