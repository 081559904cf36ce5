/**
 * End to end over real loopback HTTP and real crypto, wired as main.ts wires it: a WeChat customer
 * writes to the 客服 account → WeCom's encrypted kf_msg_or_event callback on /wecom/app →
 * kf/sync_msg on the fake → ticket, receipt through kf/send_msg, notice to the center group;
 * staff answer in their single chat with the app → the reply reaches the customer through
 * kf/send_msg, within the platform's rules.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import type { ChannelSender } from '../../src/outbox/sender.ts';
import { setupWecom } from '../../src/channels/wecom/setup.ts';
import { parseXml } from '../../src/channels/wecom/xml.ts';
import type { WecomAppEnv, WecomKfEnv } from '../../src/config/env.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { type KfIntakeSetup, setupKfIntake } from '../../src/kf-intake.ts';
import { eventually } from '../support/wait.ts';
import { appTextXml, kfEventXml, wecomCallbackClient } from '../fakes/wecom-callbacks.ts';
import { type FakeWecom, startFakeWecom } from '../fakes/wecom-server.ts';
import { listenOnLoopback } from '../support/listen.ts';

const CORP = 'wwe2ecorp000001';
const TOKEN = 'e2eToken';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const KF = 'wkRescueE2E';
const CUSTOMER = 'wmCustomerE2E';
const client = wecomCallbackClient({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: CORP });

const clock = { now: new Date('2026-11-23T09:00:00+08:00') };
const config = loadConfig();
const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-kf-e2e-'));
let fake: FakeWecom;
let service: { app: App; intake: KfIntakeSetup; url: string; close(): Promise<void> };
let msgSeq = 0;

/** The service as main.ts composes it (the lines the lead adds for the intake included). */
async function startService(): Promise<typeof service> {
  const senders: ChannelSender[] = [];
  const app = await createApp({ config, dataDir, senders, clock: () => clock.now });
  const kfEnv: WecomKfEnv = { corpId: CORP, secret: 'app-secret', ownSecret: false, apiBase: fake.baseUrl };
  const appEnv: WecomAppEnv = { corpId: CORP, agentId: 1000002, secret: 'app-secret', token: TOKEN, aesKey: AES_KEY, apiBase: fake.baseUrl };
  const intake = setupKfIntake({ app, kf: kfEnv });
  const wecom = setupWecom({ bot: app.bot, store: app.store, app: appEnv, kf: intake.wecom })!;
  senders.push(wecom.sender);
  const http = createHttpApp({ store: app.store, routes: [wecom.routes], channels: { wecomApp: true } });
  const server = await listenOnLoopback(http);
  await intake.intake.catchUp();
  return {
    app,
    intake,
    url: server.url,
    async close() {
      await server.close();
      await wecom.stop();
      await app.close();
    },
  };
}

async function post(xml: string): Promise<Response> {
  const req = client.encryptedAppCallback(xml);
  return fetch(`${service.url}/wecom/app?${req.query}`, { method: 'POST', body: req.body, headers: { 'content-type': 'text/xml' } });
}

/** WeCom's callback for a new kf message; resolves when the intake has acted on it. */
async function kfCallback(token: string, times = 1): Promise<void> {
  const xml = kfEventXml({ corpId: CORP, token, openKfId: KF });
  const answers = await Promise.all(Array.from({ length: times }, () => post(xml)));
  for (const a of answers) {
    expect(a.status).toBe(200);
    expect(await a.text()).toBe('');
  }
  await eventually(async () => {
    const last = service.app.store.get('kfCursors', KF);
    expect(last?.at).toBe(clock.now.toISOString());
  });
  // Let the in-flight pull (and its state lookup) finish before the outbox runs.
  await service.intake.intake.pull(KF);
  await service.app.outbox.runOnce();
}

async function customerSays(text: string): Promise<void> {
  const { token } = fake.kf.customerSays(KF, CUSTOMER, text);
  await kfCallback(token);
}

/** A staff member writes to the bot in the app's single chat; returns the passive reply's text. */
async function staffSays(text: string, from = 'demo_center_1'): Promise<string> {
  const res = await post(appTextXml({ corpId: CORP, from, content: text, msgId: String(7_000_000_000_000_000_000n + BigInt(++msgSeq)) }));
  expect(res.status).toBe(200);
  const body = await res.text();
  const reply = body ? parseXml(client.openXmlReply(body)).Content ?? '' : '';
  await service.app.outbox.runOnce();
  return reply;
}

const sentContents = () => fake.kf.sent.map((s) => s.content);
const centerNotices = () =>
  fake.callsTo('appchat/send').filter((c) => (c.body as { chatid?: string }).chatid === 'demo_center_chat').map((c) => (c.body as { markdown: { content: string } }).markdown.content);

beforeAll(async () => {
  fake = await startFakeWecom({ corpId: CORP, secret: 'app-secret', agentId: 1000002, now: () => clock.now.getTime() });
  service = await startService();
});

afterAll(async () => {
  await service.close();
  await fake.close();
});

describe('微信客服 → 纾困中心, end to end', () => {
  it('welcomes a customer who opens the chat, at once, with the welcome_code', async () => {
    const { token } = fake.kf.enterSession(KF, CUSTOMER);
    await kfCallback(token);
    expect(fake.kf.welcomes).toHaveLength(1);
    expect(fake.kf.welcomes[0]!.content).toMatch(/^您好，这里是城区企业纾困司法协同中心。/u);
  });

  it('turns the first message into Q1, with a receipt to the customer and a notice to the center group', async () => {
    await customerSays('我们厂的设备被法院查封了，生产线停了，联系电话13812345678');
    expect(service.app.store.get('tickets', 'Q1')).toMatchObject({ externalUserId: CUSTOMER, openKfId: KF, suggestedCategory: '设备查封', state: '待受理' });
    expect(sentContents()).toEqual(['您好，您的诉求已收到，编号 Q1。\n我们一般在2个工作日内答复（预计2026年11月24日前）。\n需要补充情况请直接发送；发送“进度”可查询办理情况。']);
    expect(fake.kf.sent[0]).toMatchObject({ touser: CUSTOMER, open_kfid: KF });
    const [notice] = centerNotices();
    expect(notice).toMatch(/^【企业诉求】Q1（建议类别：设备查封，依据“查封”）/u);
    expect(notice).toContain('· 我们厂的设备被法院查封了，生产线停了，联系电话13812345678');
  });

  it('acts once on duplicate callbacks (WeCom retries, several events at once)', async () => {
    const { token } = fake.kf.customerSays(KF, CUSTOMER, '另外工人的工资也发不出来');
    await kfCallback(token, 3);
    await kfCallback(token);
    expect(service.app.store.get('tickets', 'Q1')!.messages.map((m) => m.text)).toEqual([
      '我们厂的设备被法院查封了，生产线停了，联系电话13812345678',
      '另外工人的工资也发不出来',
    ]);
    expect(service.app.store.get('tickets', 'Q2')).toBeUndefined();
    expect(fake.kf.sent).toHaveLength(1);
    expect(centerNotices()).toHaveLength(2);
  });

  it('delivers a staff reply typed in WeCom to the customer through kf/send_msg', async () => {
    expect(await staffSays('回复 Q1 您好，已转执行法官，将对设备采取“活封”，明天上午电话联系您。')).toBe('已发给企业（Q1）。企业再发消息前还可发4条，11月25日 09:00前有效。');
    expect(sentContents().at(-1)).toBe('纾困中心答复（Q1）：\n您好，已转执行法官，将对设备采取“活封”，明天上午电话联系您。');
  });

  it('answers 进度 with the state and the last reply only', async () => {
    await customerSays('进度');
    expect(sentContents().at(-1)).toBe('您的诉求 Q1（2026年11月23日提交）：正在办理。\n最近一次答复（2026年11月23日）：您好，已转执行法官，将对设备采取“活封”，明天上午电话联系您。\n需要补充情况请直接发送。');
  });

  it('stops at 5 messages after the customer’s last message and tells staff instead of queuing', async () => {
    // 进度 opened a new count: its answer was 1 of 5.
    for (const n of [2, 3, 4, 5]) expect(await staffSays(`回复 Q1 第${n}条`)).toMatch(/^已发给企业（Q1）。/u);
    const before = fake.kf.sent.length;
    expect(await staffSays('回复 Q1 第6条')).toMatch(/^现在不能发给企业：企业11月23日 09:00发消息后已给企业发了5条，达到平台上限。/u);
    expect(fake.kf.sent).toHaveLength(before);
    expect(fake.callsTo('kf/send_msg').length).toBe(before); // not even tried
  });

  it('when a servicer takes the session before the outbox sends, staff are told and the reply waits', async () => {
    const { token } = fake.kf.customerSays(KF, CUSTOMER, '收到，谢谢');
    const xml = kfEventXml({ corpId: CORP, token, openKfId: KF });
    expect((await post(xml)).status).toBe(200);
    await eventually(() => expect(service.app.store.get('tickets', 'Q1')!.messages.at(-2)).toMatchObject({ text: '第6条', delivery: 'queued' }));
    await service.intake.intake.pull(KF);
    fake.kf.setState(KF, CUSTOMER, 3); // taken in the WeCom 客服 tool meanwhile
    await service.app.outbox.runOnce();
    expect(service.app.store.get('tickets', 'Q1')!.messages.at(-2)).toMatchObject({ text: '第6条', delivery: 'held', heldReason: '会话正由人工客服在企业微信中接待' });
    await service.app.outbox.runOnce(); // the notice queued by the refusal
    expect(centerNotices().at(-1)).toBe('【诉求 Q1】答复暂未送达企业：会话正由人工客服在企业微信中接待。答复已保存在 Q1 中，企业再次发消息时会自动发出。');

    fake.kf.setState(KF, CUSTOMER, 4); // the servicer ended it; the customer writes again
    await customerSays('还在吗');
    expect(sentContents().at(-1)).toBe('纾困中心答复（Q1）：\n第6条');
    expect(service.app.store.get('tickets', 'Q1')!.messages.find((m) => m.text === '第6条')).toMatchObject({ delivery: 'queued', outboxId: 'ticket:Q1:m7:r1' });
  });

  it('after 48 hours tells staff at once and sends nothing; the reply goes when the customer writes', async () => {
    clock.now = new Date(clock.now.getTime() + 49 * 3_600_000);
    const before = fake.callsTo('kf/send_msg').length;
    expect(await staffSays('回复 Q1 设备已解封，可以恢复生产。')).toMatch(/^现在不能发给企业：企业最后一次发消息是11月23日 09:00，已超过48小时，平台不允许再发。/u);
    expect(fake.callsTo('kf/send_msg')).toHaveLength(before);
  });

  it('keeps the cursor across a restart: only the new message is acted on', async () => {
    const cursor = service.app.store.get('kfCursors', KF)!.cursor;
    await service.close();
    service = await startService();
    const sentBefore = fake.kf.sent.length;
    await customerSays('好的，我们明天去法院');
    const calls = fake.callsTo('kf/sync_msg');
    expect(calls.some((c) => (c.body as { cursor: string }).cursor === cursor)).toBe(true);
    expect(service.app.store.get('tickets', 'Q1')!.messages.filter((m) => m.from === 'customer').map((m) => m.text)).toEqual([
      '我们厂的设备被法院查封了，生产线停了，联系电话13812345678',
      '另外工人的工资也发不出来',
      '收到，谢谢',
      '还在吗',
      '好的，我们明天去法院',
    ]);
    // The held reply went out, and nothing was sent twice.
    expect(fake.kf.sent.slice(sentBefore).map((s) => s.content)).toEqual(['纾困中心答复（Q1）：\n设备已解封，可以恢复生产。']);
    expect(new Set(fake.kf.sent.map((s) => s.msgid)).size).toBe(fake.kf.sent.length);
    expect(service.app.store.get('tickets', 'Q2')).toBeUndefined();
  });
});
