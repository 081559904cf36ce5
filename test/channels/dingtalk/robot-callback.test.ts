import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DingtalkApiClient } from '../../../src/channels/dingtalk/api-client.ts';
import { dingtalkRobotRoutes, type RobotCallbackRoutes } from '../../../src/channels/dingtalk/robot-callback.ts';
import type { InboundHandler } from '../../../src/channels/channel.ts';
import type { Reply } from '../../../src/domain/types.ts';
import type { InboundMessage } from '../../../src/domain/types.ts';
import { FakeDingtalkServer, postRobotCallback, robotMessage, signedCallbackHeaders } from '../../fakes/dingtalk-server.ts';

const SESSION = '/robot/sendBySession';
const GROUP = '/v1.0/robot/groupMessages/send';
const BATCH = '/v1.0/robot/oToMessages/batchSend';

describe('POST /dingtalk/robot', () => {
  let fake: FakeDingtalkServer;
  let server: Server;
  let url: string;
  let routes: RobotCallbackRoutes;
  let replies: Reply[];
  let handle: ReturnType<typeof vi.fn<InboundHandler>>;
  let defer: ReturnType<typeof vi.fn<(msg: InboundMessage) => Promise<void>>>;
  let events: string[];

  beforeEach(async () => {
    fake = await FakeDingtalkServer.start();
    const api = new DingtalkApiClient({
      apiBase: fake.baseUrl, oapiBase: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode, timeoutMs: 1000,
    });
    replies = [{ text: '已记录：T31 完成。' }];
    events = [];
    handle = vi.fn<InboundHandler>(async () => {
      events.push('handle');
      return replies;
    });
    defer = vi.fn(async () => {
      events.push('defer');
    });
    const app = new Koa();
    app.silent = true;
    const router = new Router();
    routes = dingtalkRobotRoutes(router, { appSecret: fake.appSecret, handle, defer, api });
    app.use(router.routes());
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dingtalk/robot`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fake.close();
  });

  it('hands a group @-message to handle() and replies through the sessionWebhook', async () => {
    const msg = robotMessage({ sessionWebhook: fake.sessionWebhookUrl('sess-1'), senderStaffId: 'staff-tax-01' });
    const res = await postRobotCallback(url, msg, { appSecret: fake.appSecret });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ msgtype: 'empty' });
    await routes.idle();

    expect(handle).toHaveBeenCalledTimes(1);
    const inbound = handle.mock.calls[0]![0] as InboundMessage;
    expect(inbound).toMatchObject({
      channel: 'dingtalk', messageId: msg.msgId, chatKind: 'group', chatId: 'cidGroupLiaison==',
      senderId: 'staff-tax-01', text: '完成 T31 说明:已办结',
    });
    expect(inbound.senderId).not.toBe(msg.senderId);

    const [sent] = fake.callsTo(SESSION);
    expect(sent!.query.session).toBe('sess-1');
    expect(sent!.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '已记录：T31 完成。', text: '已记录：T31 完成。' } });
    expect(fake.callsTo(GROUP)).toHaveLength(0);
  });

  it('records the message with defer() before answering, and not at all when it cannot act', async () => {
    const msg = robotMessage({ sessionWebhook: fake.sessionWebhookUrl() });
    const res = await postRobotCallback(url, msg, { appSecret: fake.appSecret });
    events.push('answered');
    await routes.idle();
    expect(res.status).toBe(200);
    expect(events[0]).toBe('defer');
    expect(events.indexOf('defer')).toBeLessThan(events.indexOf('answered'));
    expect((defer.mock.calls[0]![0] as InboundMessage).messageId).toBe(msg.msgId);
    await postRobotCallback(url, robotMessage({ msgtype: 'file', text: undefined }), { appSecret: fake.appSecret });
    await routes.idle();
    expect(defer).toHaveBeenCalledTimes(1);
  });

  it('answers 500 and does not act when defer() fails', async () => {
    defer.mockRejectedValueOnce(new Error('disk full'));
    const res = await postRobotCallback(url, robotMessage({ sessionWebhook: fake.sessionWebhookUrl() }), { appSecret: fake.appSecret });
    expect(res.status).toBe(500);
    await routes.idle();
    expect(handle).not.toHaveBeenCalled();
    expect(fake.callsTo(SESSION)).toHaveLength(0);
  });

  it('answers 200 before handle() resolves', async () => {
    let release!: () => void;
    handle.mockImplementationOnce(() => new Promise<Reply[]>((resolve) => { release = () => resolve(replies); }));
    const res = await postRobotCallback(url, robotMessage({ sessionWebhook: fake.sessionWebhookUrl() }), { appSecret: fake.appSecret });
    expect(res.status).toBe(200);
    expect(fake.callsTo(SESSION)).toHaveLength(0);
    release();
    await routes.idle();
    expect(fake.callsTo(SESSION)).toHaveLength(1);
  });

  it('sends the replies once when DingTalk delivers the same message twice', async () => {
    const msg = robotMessage({ sessionWebhook: fake.sessionWebhookUrl() });
    await Promise.all([postRobotCallback(url, msg, { appSecret: fake.appSecret }), postRobotCallback(url, msg, { appSecret: fake.appSecret })]);
    await routes.idle();
    await postRobotCallback(url, msg, { appSecret: fake.appSecret });
    await routes.idle();
    expect(handle).toHaveBeenCalledTimes(1);
    expect(fake.callsTo(SESSION)).toHaveLength(1);
  });

  it('replies through groupMessages/send once the sessionWebhook has expired', async () => {
    const msg = robotMessage({ sessionWebhook: fake.sessionWebhookUrl(), sessionWebhookExpiredTime: Date.now() - 1 });
    await postRobotCallback(url, msg, { appSecret: fake.appSecret });
    await routes.idle();
    expect(fake.callsTo(SESSION)).toHaveLength(0);
    const [sent] = fake.callsTo(GROUP);
    expect(sent!.body).toMatchObject({ robotCode: fake.robotCode, openConversationId: 'cidGroupLiaison==', msgKey: 'sampleMarkdown' });
    expect(JSON.parse((sent!.body as { msgParam: string }).msgParam)).toEqual({ title: '已记录：T31 完成。', text: '已记录：T31 完成。' });
  });

  it('replies to a single chat through oToMessages/batchSend when the session is gone', async () => {
    const msg = robotMessage({ conversationType: '1', conversationId: 'cidSingle', sessionWebhook: undefined, sessionWebhookExpiredTime: undefined });
    await postRobotCallback(url, msg, { appSecret: fake.appSecret });
    await routes.idle();
    expect(fake.callsTo(BATCH)[0]!.body).toMatchObject({ userIds: ['staff-tax-01'], msgKey: 'sampleMarkdown' });
  });

  it('falls back to the robot API when the sessionWebhook refuses', async () => {
    fake.expireSession('sess-dead');
    await postRobotCallback(url, robotMessage({ sessionWebhook: fake.sessionWebhookUrl('sess-dead') }), { appSecret: fake.appSecret });
    await routes.idle();
    expect(fake.callsTo(SESSION)).toHaveLength(1);
    expect(fake.callsTo(GROUP)).toHaveLength(1);
  });

  it('never posts to a sessionWebhook on another host: the reply goes through the robot API', async () => {
    const attacker = await FakeDingtalkServer.start();
    try {
      const msg = robotMessage({ sessionWebhook: attacker.sessionWebhookUrl('collect'), senderStaffId: 'staff-director' });
      expect((await postRobotCallback(url, msg, { appSecret: fake.appSecret })).status).toBe(200);
      await routes.idle();
      expect(handle).toHaveBeenCalledTimes(1);
      expect(attacker.callsTo(SESSION)).toHaveLength(0);
      expect(fake.callsTo(GROUP)).toHaveLength(1);
    } finally {
      await attacker.close();
    }
  });

  it('accepts one timestamp/sign pair for one msgId only', async () => {
    const headers = signedCallbackHeaders(fake.appSecret);
    const first = robotMessage({ sessionWebhook: fake.sessionWebhookUrl() });
    expect((await postRobotCallback(url, first, { appSecret: fake.appSecret, headers })).status).toBe(200);
    // DingTalk's retry of the same message repeats the pair: still fine, and still handled once.
    expect((await postRobotCallback(url, first, { appSecret: fake.appSecret, headers })).status).toBe(200);
    const forged = robotMessage({ sessionWebhook: fake.sessionWebhookUrl(), text: { content: '议题 伪造的议题' } });
    expect((await postRobotCallback(url, forged, { appSecret: fake.appSecret, headers })).status).toBe(401);
    await routes.idle();
    expect(handle).toHaveBeenCalledTimes(1);
    expect((handle.mock.calls[0]![0] as InboundMessage).messageId).toBe(first.msgId);
  });

  it('answers a non-text message without calling handle()', async () => {
    const msg = robotMessage({ msgtype: 'picture', text: undefined, sessionWebhook: fake.sessionWebhookUrl() });
    expect((await postRobotCallback(url, msg, { appSecret: fake.appSecret })).status).toBe(200);
    await routes.idle();
    expect(handle).not.toHaveBeenCalled();
    expect(JSON.stringify(fake.callsTo(SESSION)[0]!.body)).toContain('只能识别文字消息');
  });

  it('rejects a bad sign, an old timestamp and missing headers with 401, without calling handle()', async () => {
    const msg = robotMessage();
    const bad = { ...signedCallbackHeaders(fake.appSecret), sign: signedCallbackHeaders('wrong').sign };
    expect((await postRobotCallback(url, msg, { appSecret: fake.appSecret, headers: bad })).status).toBe(401);
    const old = await postRobotCallback(url, msg, { appSecret: fake.appSecret, timestamp: Date.now() - 2 * 3_600_000 });
    expect(old.status).toBe(401);
    expect((await postRobotCallback(url, msg, { appSecret: fake.appSecret, headers: {} })).status).toBe(401);
    await routes.idle();
    expect(handle).not.toHaveBeenCalled();
  });

  it('rejects malformed JSON and non-robot JSON with 400', async () => {
    expect((await postRobotCallback(url, '{"msgtype":', { appSecret: fake.appSecret })).status).toBe(400);
    expect((await postRobotCallback(url, { hello: 'world' }, { appSecret: fake.appSecret })).status).toBe(400);
    await routes.idle();
    expect(handle).not.toHaveBeenCalled();
  });

  it('rejects a body over 64 KiB with 413', async () => {
    const msg = robotMessage({ text: { content: '长'.repeat(30_000) } });
    expect((await postRobotCallback(url, msg, { appSecret: fake.appSecret })).status).toBe(413);
    expect(handle).not.toHaveBeenCalled();
  });

  it('keeps serving when handle() fails', async () => {
    handle.mockRejectedValueOnce(new Error('store down'));
    expect((await postRobotCallback(url, robotMessage({ sessionWebhook: fake.sessionWebhookUrl() }), { appSecret: fake.appSecret })).status).toBe(200);
    await routes.idle();
    expect(fake.callsTo(SESSION)).toHaveLength(0);
    expect((await postRobotCallback(url, robotMessage({ sessionWebhook: fake.sessionWebhookUrl() }), { appSecret: fake.appSecret })).status).toBe(200);
    await routes.idle();
    expect(fake.callsTo(SESSION)).toHaveLength(1);
  });
});
