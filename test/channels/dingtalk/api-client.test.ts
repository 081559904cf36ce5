import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomRobotClient, DingtalkApiClient } from '../../../src/channels/dingtalk/api-client.ts';
import { PlatformError } from '../../../src/outbox/platform-error.ts';
import { FakeDingtalkServer } from '../../fakes/dingtalk-server.ts';

const GROUP = '/v1.0/robot/groupMessages/send';
const BATCH = '/v1.0/robot/oToMessages/batchSend';
const TOKEN = '/v1.0/oauth2/accessToken';
const md = { msgKey: 'sampleMarkdown', msgParam: JSON.stringify({ title: '通知', text: '通知' }) };

async function rejection(p: Promise<unknown>): Promise<PlatformError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(PlatformError);
  return err as PlatformError;
}

describe('DingtalkApiClient', () => {
  let fake: FakeDingtalkServer;
  let api: DingtalkApiClient;
  beforeEach(async () => {
    fake = await FakeDingtalkServer.start({ customRobots: { 'robot-token': 'SECrobot', 'plain-token': undefined } });
    api = new DingtalkApiClient({
      apiBase: fake.baseUrl, oapiBase: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret,
      robotCode: fake.robotCode, timeoutMs: 500,
    });
  });
  afterEach(() => fake.close());

  it('gets one token, caches it and shares one refresh among concurrent calls', async () => {
    await Promise.all([
      api.groupSend({ openConversationId: 'cid1', ...md }),
      api.groupSend({ openConversationId: 'cid2', ...md }),
      api.batchSendToUsers({ userIds: ['s1'], ...md }),
    ]);
    await api.groupSend({ openConversationId: 'cid3', ...md });
    expect(fake.callsTo(TOKEN)).toHaveLength(1);
    expect(fake.callsTo(TOKEN)[0]!.body).toEqual({ appKey: fake.appKey, appSecret: fake.appSecret });
    const sent = fake.callsTo(GROUP);
    expect(sent.map((c) => c.headers['x-acs-dingtalk-access-token'])).toEqual(['fake-token-1', 'fake-token-1', 'fake-token-1']);
    expect(sent[0]!.body).toEqual({ robotCode: fake.robotCode, openConversationId: 'cid1', ...md });
  });

  it('refreshes the token ahead of its expiry', async () => {
    let clock = 1_000_000;
    const timed = new DingtalkApiClient({
      apiBase: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode, now: () => clock,
    });
    await timed.groupSend({ openConversationId: 'cid', ...md });
    clock += 7200_000 - 5 * 60_000 - 1; // just inside the 5-minute margin
    await timed.groupSend({ openConversationId: 'cid', ...md });
    expect(fake.callsTo(TOKEN)).toHaveLength(1);
    clock += 1;
    await timed.groupSend({ openConversationId: 'cid', ...md });
    expect(fake.callsTo(TOKEN)).toHaveLength(2);
  });

  it('refreshes the token and retries once when DingTalk rejects it', async () => {
    await api.groupSend({ openConversationId: 'cid', ...md });
    fake.expireTokens();
    await api.groupSend({ openConversationId: 'cid', ...md });
    expect(fake.callsTo(TOKEN)).toHaveLength(2);
    expect(fake.callsTo(GROUP).map((c) => c.headers['x-acs-dingtalk-access-token'])).toEqual(['fake-token-1', 'fake-token-1', 'fake-token-2']);
  });

  it('retries only once on token errors, then reports a retryable error', async () => {
    fake.failNext(2, 'token-invalid', GROUP);
    const err = await rejection(api.groupSend({ openConversationId: 'cid', ...md }));
    expect(err.details).toMatchObject({ platform: 'dingtalk', code: 'InvalidAuthentication', retryable: true });
    expect(fake.callsTo(GROUP)).toHaveLength(2);
    expect(fake.callsTo(TOKEN)).toHaveLength(2);
  });

  it('maps 5xx to retryable and 429 to retryable with retryAfterMs', async () => {
    fake.failNext(1, 'http500', GROUP);
    expect((await rejection(api.groupSend({ openConversationId: 'cid', ...md }))).details).toMatchObject({ retryable: true, code: 'ServiceUnavailable' });
    fake.failNext(1, 'http429', GROUP);
    expect((await rejection(api.groupSend({ openConversationId: 'cid', ...md }))).details).toMatchObject({ retryable: true, retryAfterMs: 3000 });
  });

  it('maps other 4xx to non-retryable', async () => {
    const bad = new DingtalkApiClient({ apiBase: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret, robotCode: 'wrong-robot' });
    expect((await rejection(bad.groupSend({ openConversationId: 'cid', ...md }))).details).toMatchObject({ retryable: false, code: 'invalidParameter' });
    const wrongSecret = new DingtalkApiClient({ apiBase: fake.baseUrl, appKey: fake.appKey, appSecret: 'nope', robotCode: fake.robotCode });
    expect((await rejection(wrongSecret.groupSend({ openConversationId: 'cid', ...md }))).details).toMatchObject({ retryable: false, code: 'invalidClientIdOrSecret' });
  });

  it('maps a time-out and a refused connection to retryable errors', async () => {
    fake.failNext(1, 'hang', GROUP);
    expect((await rejection(api.groupSend({ openConversationId: 'cid', ...md }))).details).toMatchObject({ retryable: true, code: 'timeout' });
    const down = new DingtalkApiClient({ apiBase: 'http://127.0.0.1:9', appKey: 'k', appSecret: 's', robotCode: 'r' });
    expect((await rejection(down.groupSend({ openConversationId: 'cid', ...md }))).details).toMatchObject({ retryable: true, code: 'network' });
  });

  it('refuses a msgParam over 15000 bytes before sending', async () => {
    const msgParam = JSON.stringify({ title: 't', text: '长'.repeat(5001) });
    expect((await rejection(api.groupSend({ openConversationId: 'cid', msgKey: 'sampleMarkdown', msgParam }))).details).toMatchObject({ retryable: false });
    expect(fake.callsTo(GROUP)).toHaveLength(0);
  });

  it('sends to users 20 per call and merges the answers', async () => {
    const userIds = Array.from({ length: 45 }, (_, i) => `staff-${i}`);
    const result = await api.batchSendToUsers({ userIds, ...md });
    expect(fake.callsTo(BATCH).map((c) => (c.body as { userIds: string[] }).userIds.length)).toEqual([20, 20, 5]);
    expect(result.processQueryKeys).toHaveLength(3);
  });

  it('posts to a sessionWebhook and reports its errcode', async () => {
    const url = fake.sessionWebhookUrl('s1');
    await api.sessionWebhookSend(url, { msgtype: 'text', text: { content: '好的' } });
    expect(fake.callsTo('/robot/sendBySession')[0]!.body).toEqual({ msgtype: 'text', text: { content: '好的' } });
    fake.expireSession('s1');
    expect((await rejection(api.sessionWebhookSend(url, {}))).details).toMatchObject({ retryable: false, code: 300001 });
  });
});

describe('CustomRobotClient', () => {
  let fake: FakeDingtalkServer;
  beforeEach(async () => {
    fake = await FakeDingtalkServer.start({ customRobots: { 'robot-token': 'SECrobot', 'plain-token': undefined } });
  });
  afterEach(() => fake.close());

  it('signs with timestamp + sign (加签) and the fake verifies it', async () => {
    const robot = new CustomRobotClient({ oapiBase: fake.baseUrl, now: () => 1_800_000_000_000 });
    const body = { msgtype: 'markdown', markdown: { title: 't', text: 't' } };
    await expect(robot.send({ token: 'robot-token', secret: 'SECrobot', body })).rejects.toMatchObject({ details: { code: 310000 } });
    const live = new CustomRobotClient({ oapiBase: fake.baseUrl });
    await live.send({ token: 'robot-token', secret: 'SECrobot', body });
    await live.send({ token: 'plain-token', body });
    const [, signed, plain] = fake.callsTo('/robot/send');
    expect(signed!.query).toMatchObject({ access_token: 'robot-token', timestamp: expect.stringMatching(/^\d{13}$/), sign: expect.any(String) });
    expect(plain!.query).toEqual({ access_token: 'plain-token' });
  });

  it('turns the 20/min throttle (130101) into a retryable error with a 10-minute retryAfter', async () => {
    const robot = new CustomRobotClient({ oapiBase: fake.baseUrl });
    const body = { msgtype: 'text', text: { content: '提醒' } };
    for (let i = 0; i < 20; i++) await robot.send({ token: 'robot-token', secret: 'SECrobot', body });
    const err = await rejection(robot.send({ token: 'robot-token', secret: 'SECrobot', body }));
    expect(err.details).toEqual({ platform: 'dingtalk', code: 130101, retryable: true, retryAfterMs: 600_000 });
  });
});
