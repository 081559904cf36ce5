import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DingtalkApiClient } from '../../../src/channels/dingtalk/api-client.ts';
import { startDingtalkStream, type DingtalkStream } from '../../../src/channels/dingtalk/stream.ts';
import type { InboundHandler } from '../../../src/channels/channel.ts';
import type { Reply } from '../../../src/domain/types.ts';
import type { InboundMessage } from '../../../src/domain/types.ts';
import { FakeDingtalkServer, FakeStreamGateway, robotMessage, TOPIC_ROBOT } from '../../fakes/dingtalk-server.ts';

const SESSION = '/robot/sendBySession';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe('DingTalk Stream mode against a fake gateway', () => {
  let gateway: FakeStreamGateway;
  let fake: FakeDingtalkServer;
  let stream: DingtalkStream | undefined;
  let handle: ReturnType<typeof vi.fn<InboundHandler>>;

  beforeEach(async () => {
    gateway = await FakeStreamGateway.start();
    fake = await FakeDingtalkServer.start();
    handle = vi.fn<InboundHandler>(async () => [{ text: '收到' }]);
    const api = new DingtalkApiClient({ apiBase: fake.baseUrl, oapiBase: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode });
    // The SDK writes its own connection notes to the console.
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    stream = startDingtalkStream({ clientId: fake.appKey, clientSecret: fake.appSecret, apiBase: gateway.baseUrl, handle, api, keepAlive: false });
    await gateway.waitForConnection();
  });

  afterEach(async () => {
    stream?.stop();
    await gateway.close();
    await fake.close();
    vi.restoreAllMocks();
  });

  it('opens the connection with the robot topic subscribed', () => {
    expect(gateway.openRequests[0]).toMatchObject({
      clientId: fake.appKey, clientSecret: fake.appSecret,
      subscriptions: expect.arrayContaining([{ type: 'CALLBACK', topic: TOPIC_ROBOT }]),
    });
  });

  it('hands the message to handle() and acks with the same messageId only after handle() resolved', async () => {
    let release!: (r: Reply[]) => void;
    let releasedAt = 0;
    handle.mockImplementationOnce(() => new Promise<Reply[]>((resolve) => { release = resolve; }));
    const msg = robotMessage({ sessionWebhook: fake.sessionWebhookUrl('s-stream') });
    const messageId = gateway.pushRobotMessage(msg);

    await until(() => handle.mock.calls.length === 1);
    expect(handle.mock.calls[0]![0] as InboundMessage).toMatchObject({
      channel: 'dingtalk', messageId: msg.msgId, chatKind: 'group', senderId: 'staff-tax-01', text: '完成 T31 说明:已办结',
    });
    await sleep(300);
    expect(gateway.acksFor(messageId)).toHaveLength(0);

    releasedAt = Date.now();
    release([{ text: '已记录：T31 完成。' }]);
    const ack = await gateway.waitForAck(messageId);
    expect(ack.at).toBeGreaterThanOrEqual(releasedAt);
    expect(ack.frame).toMatchObject({ code: 200, message: 'OK', headers: { messageId, contentType: 'application/json' } });
    expect(JSON.parse(ack.frame.data)).toEqual({ response: null });
    // The reply went through the sessionWebhook before the ack.
    const [reply] = fake.callsTo(SESSION);
    expect(reply!.query.session).toBe('s-stream');
    expect(reply!.at).toBeLessThanOrEqual(ack.at);
  });

  it('answers a re-push of a message in progress once, and acks both pushes after handling', async () => {
    let release!: (r: Reply[]) => void;
    handle.mockImplementationOnce(() => new Promise<Reply[]>((resolve) => { release = resolve; }));
    const msg = robotMessage({ sessionWebhook: fake.sessionWebhookUrl() });
    const first = gateway.pushRobotMessage(msg);
    await until(() => handle.mock.calls.length === 1);
    const second = gateway.pushRobotMessage(msg);
    await sleep(200);
    expect(gateway.acksFor(first)).toHaveLength(0);
    expect(gateway.acksFor(second)).toHaveLength(0);
    release([{ text: '收到' }]);
    await gateway.waitForAck(first);
    await gateway.waitForAck(second);
    expect(handle).toHaveBeenCalledTimes(1);
    expect(fake.callsTo(SESSION)).toHaveLength(1);
  });

  it('does not ack a message whose handling failed, so DingTalk may push it again', async () => {
    handle.mockRejectedValueOnce(new Error('store down'));
    const messageId = gateway.pushRobotMessage(robotMessage({ sessionWebhook: fake.sessionWebhookUrl() }));
    await until(() => handle.mock.calls.length === 1);
    await sleep(300);
    expect(gateway.acksFor(messageId)).toHaveLength(0);
    expect(fake.callsTo(SESSION)).toHaveLength(0);
  });

  it('acks a push that is not a robot message, without handle()', async () => {
    const messageId = gateway.pushRobotMessage({ nonsense: true });
    await gateway.waitForAck(messageId);
    expect(handle).not.toHaveBeenCalled();
  });

  it('reconnects through the gateway after a drop, and stop() ends it for good', async () => {
    gateway.dropConnections();
    await until(() => gateway.openRequests.length === 2 && gateway.connectionCount === 1, 8_000);
    const messageId = gateway.pushRobotMessage(robotMessage({ sessionWebhook: fake.sessionWebhookUrl() }));
    await gateway.waitForAck(messageId);

    stream!.stop();
    stream = undefined;
    await sleep(1_500);
    expect(gateway.connectionCount).toBe(0);
    expect(gateway.openRequests).toHaveLength(2);
  });

  it('stays stopped when stop() comes while the SDK waits to reconnect', async () => {
    gateway.dropConnections();
    await until(() => !stream!.client.connected);
    stream!.stop();
    stream = undefined;
    await sleep(1_500);
    expect(gateway.openRequests).toHaveLength(1);
    expect(gateway.connectionCount).toBe(0);
  });
});
