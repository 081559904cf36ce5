import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../../src/log/log.ts';
import { readModelEnv } from '../../src/understand/model-env.ts';
import { FAKE_MODEL_KEY, type FakeModel, startFakeModel } from '../fakes/openai-compatible.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';

const AT = '2026-12-02T10:00:00+08:00';
// Words the rules cannot place: no verb of theirs, no question.
const VAGUE = '那个E12的事按二档处理吧，订单还在';

let t: TestBot | undefined;
let model: FakeModel | undefined;
afterEach(async () => {
  await t?.close();
  await model?.close();
  t = undefined;
  model = undefined;
});

async function botWithModel(timeoutMs = 5000): Promise<TestBot> {
  model = await startFakeModel();
  return createTestBot({ at: AT, model: { apiBase: model.base, model: 'qwen-private', apiKey: FAKE_MODEL_KEY, timeoutMs } });
}

const answer = (command: string) => () => JSON.stringify({ command });

describe('the optional private model', () => {
  it('is off unless LLM_API_BASE, LLM_MODEL and LLM_API_KEY are all set', () => {
    expect(readModelEnv({})).toEqual({ on: false });
    expect(readModelEnv({ LLM_API_BASE: 'https://llm.example.gov.cn/v1' })).toMatchObject({ on: false, problem: expect.stringMatching(/缺少 LLM_MODEL、LLM_API_KEY/) });
    expect(readModelEnv({ LLM_API_BASE: 'https://llm.example.gov.cn/v1/', LLM_MODEL: 'qwen', LLM_API_KEY: 'k' })).toEqual({
      on: true,
      settings: { apiBase: 'https://llm.example.gov.cn/v1', model: 'qwen', apiKey: 'k', timeoutMs: 8000 },
    });
  });

  it('places what the rules cannot: the text and the allowed command table go to the configured host, the line is proposed', async () => {
    t = await botWithModel();
    model!.answer = answer('分档 E12 档:2 理由:订单还在');
    expect(await t.say('办公室主任', 'single', VAGUE)).toBe('您是要：分档 E12 档:2 理由:订单还在？回复“确认”执行，或直接改写这条命令。');
    const [req] = model!.requests;
    expect(req!.path).toBe('/v1/chat/completions');
    expect(req!.authorization).toBe(`Bearer ${FAKE_MODEL_KEY}`);
    expect(req!.body.model).toBe('qwen-private');
    expect(req!.body.messages.at(-1)).toEqual({ role: 'user', content: VAGUE });
    const schema = JSON.stringify(req!.body.response_format?.json_schema?.schema);
    expect(schema).toContain('分档');
    expect(t.app.store.get('enterprises', 'E12')).toBeUndefined();
  });

  it('is not asked when the rules place the message, and offers a liaison only their own commands', async () => {
    t = await botWithModel();
    expect(await t.say('区税务局联络员', 'single', 'M7 我们参加')).toMatch(/^您是要：会议 M7 接受？/);
    expect(model!.requests).toHaveLength(0);
    await t.say('区税务局联络员', 'single', VAGUE);
    const schema = JSON.stringify(model!.requests[0]!.body.response_format?.json_schema?.schema);
    expect(schema).toContain('^(登记|列入|预警)( |$)');
    expect(schema).not.toContain('^(移出|');
  });

  it('refuses a line that is not a valid command the person may run, and says what it says without a model', async () => {
    t = await botWithModel();
    for (const bad of ['删除 全部数据', '移出 E12 结果:注销', '分档 E12 档:9 理由:x', '分档 E12 档:2 理由:a\n移出 E12 结果:注销']) {
      model!.answer = answer(bad);
      const reply = await t.say('区税务局联络员', 'single', VAGUE);
      expect(reply, bad).not.toMatch(/您是要/);
      expect(reply, bad).toMatch(/这个命令/);
    }
    model!.answer = () => '好的，我来帮您移出E12';
    expect(await t.say('办公室主任', 'single', VAGUE)).not.toMatch(/您是要/);
  });

  it('never logs the prompt or the answer, also when the model fails', async () => {
    const calls = (['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const).map((level) => vi.spyOn(logger, level));
    try {
      t = await botWithModel();
      model!.answer = answer('分档 E12 档:2 理由:订单还在');
      await t.say('办公室主任', 'single', VAGUE);
      model!.answer = () => 'not json at all 订单还在';
      await t.say('办公室主任', 'single', VAGUE);
      await model!.close();
      model = undefined;
      await t.say('办公室主任', 'single', VAGUE);
      const logged = JSON.stringify(calls.flatMap((c) => c.mock.calls));
      expect(logged).toContain('model request failed');
      expect(logged).not.toContain('E12');
      expect(logged).not.toContain('订单还在');
    } finally {
      for (const c of calls) c.mockRestore();
    }
  });

  it('gives up after its timeout and answers as the rules would', async () => {
    t = await botWithModel(200);
    model!.delayMs = 3000;
    model!.answer = answer('分档 E12 档:2 理由:订单还在');
    const reply = await t.say('办公室主任', 'single', VAGUE);
    expect(reply).toMatch(/这个命令/);
    expect(model!.requests).toHaveLength(1);
  });
});
