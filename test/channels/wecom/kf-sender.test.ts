import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SendTarget } from '../../../src/outbox/sender.ts';
import { WecomApiClient } from '../../../src/channels/wecom/api-client.ts';
import { KfApi } from '../../../src/channels/wecom/kf-api.ts';
import { kfMsgIdFor } from '../../../src/intake/customer-service.ts';
import { WecomKfSender } from '../../../src/channels/wecom/kf-sender.ts';
import { WecomSender } from '../../../src/channels/wecom/sender.ts';
import { WecomWebhookClient } from '../../../src/channels/wecom/webhook-client.ts';
import { PlatformError } from '../../../src/outbox/platform-error.ts';
import type { OutboundMessage } from '../../../src/domain/types.ts';
import { type FakeWecom, startFakeWecom } from '../../fakes/wecom-server.ts';

const KF = 'wkA';
const toCustomer: SendTarget = { kind: 'external', externalUserId: 'wmA', openKfId: KF };
let fake: FakeWecom;
let clock: number;
let refused: { key: string; reason: string }[];
let sender: WecomKfSender;
let seq = 0;
const msg = (text: string): OutboundMessage => ({ to: { kind: 'external', externalUserId: 'wmA', openKfId: KF }, text, idempotencyKey: `ticket:Q1:m${++seq}` });

beforeEach(async () => {
  clock = 1_800_000_000_000;
  fake = await startFakeWecom({ now: () => clock });
  const api = new KfApi(new WecomApiClient({ baseUrl: fake.baseUrl, corpId: fake.corpId, secret: fake.secret, agentId: 0, now: () => clock }));
  refused = [];
  sender = new WecomKfSender({ api, onUndeliverable: (m, reason) => void refused.push({ key: m.idempotencyKey, reason }) });
});
afterEach(() => fake.close());

async function failure(p: Promise<unknown>): Promise<PlatformError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected a PlatformError');
}

describe('WecomKfSender (kf/send_msg)', () => {
  it('sends plain text to the customer, with a msgid derived from the outbox key', async () => {
    fake.kf.customerSays(KF, 'wmA', '你好');
    const m = msg('您好，诉求已收到。');
    await sender.send(m, toCustomer);
    expect(fake.kf.sent).toEqual([{ touser: 'wmA', open_kfid: KF, content: '您好，诉求已收到。', msgid: kfMsgIdFor(m.idempotencyKey), at: clock }]);
    expect(kfMsgIdFor(m.idempotencyKey)).toMatch(/^[0-9a-f]{32}$/u);
  });

  it('takes a new session as 智能助手 (state 1) and tries once more when the platform says the state is wrong', async () => {
    fake.kf.customerSays(KF, 'wmA', '你好');
    fake.failNext(1, { errcode: 95018, errmsg: 'send msg session status invalid' }, 'kf/send_msg');
    await sender.send(msg('答复'), toCustomer);
    expect(fake.callsTo('kf/service_state/trans').map((c) => c.body)).toEqual([{ open_kfid: KF, external_userid: 'wmA', service_state: 1 }]);
    expect(fake.kf.state(KF, 'wmA')).toBe(1);
    expect(fake.kf.sent.map((s) => s.content)).toEqual(['答复']);
  });

  it('gives up without retries, and says why, when a human servicer has the session', async () => {
    fake.kf.customerSays(KF, 'wmA', '你好');
    fake.kf.setState(KF, 'wmA', 3);
    const m = msg('答复');
    const err = await failure(sender.send(m, toCustomer));
    expect(err.details).toMatchObject({ retryable: false, code: 'kf_refused' });
    expect(refused).toEqual([{ key: m.idempotencyKey, reason: '会话正由人工客服在企业微信中接待' }]);
    expect(fake.callsTo('kf/service_state/trans')).toEqual([]);
  });

  it('reports the closed 48-hour window and the 5-message limit as the fake platform enforces them', async () => {
    fake.kf.customerSays(KF, 'wmA', '你好');
    for (let i = 0; i < 5; i++) await sender.send(msg(`第${i + 1}条`), toCustomer);
    await failure(sender.send(msg('第6条'), toCustomer));
    clock += 49 * 3_600_000;
    await failure(sender.send(msg('晚了'), toCustomer));
    expect(refused.map((r) => r.reason)).toEqual(['企业上次发消息后已发满5条', '企业最后一条消息已超过48小时']);
    expect(fake.kf.sent).toHaveLength(5);
  });

  it('leaves network failures to the outbox to retry', async () => {
    fake.kf.customerSays(KF, 'wmA', '你好');
    fake.failNext(1, { http: 502 }, 'kf/send_msg');
    const err = await failure(sender.send(msg('答复'), toCustomer));
    expect(err.details.retryable).toBe(true);
    expect(refused).toEqual([]);
  });

  it('is what the WeCom sender uses for external customers', async () => {
    const api = new WecomApiClient({ baseUrl: fake.baseUrl, corpId: fake.corpId, secret: fake.secret, agentId: fake.agentId });
    const webhook = new WecomWebhookClient({ baseUrl: fake.baseUrl });
    expect(new WecomSender({ api, webhook }).accepts('external')).toBe(false);
    const withKf = new WecomSender({ api, webhook, kf: sender });
    expect(withKf.accepts('external')).toBe(true);
    fake.kf.customerSays(KF, 'wmA', '你好');
    await withKf.send(msg('经企业微信发送器'), toCustomer);
    expect(fake.kf.sent.map((s) => s.content)).toEqual(['经企业微信发送器']);
  });
});
