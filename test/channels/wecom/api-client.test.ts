import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomApiClient } from '../../../src/channels/wecom/api-client.ts';
import { WecomWebhookClient } from '../../../src/channels/wecom/webhook-client.ts';
import { type FakeWecom, startFakeWecom } from '../../fakes/wecom-server.ts';
import { platformError } from '../../support/platform-error.ts';

let fake: FakeWecom;
let clock: number;

beforeEach(async () => {
  clock = 1_800_000_000_000;
  fake = await startFakeWecom({ corpId: 'wwcorp', secret: 'sec', agentId: 1000002, webhookKeys: ['hook-1'] });
});
afterEach(() => fake.close());

const makeClient = (over: Partial<ConstructorParameters<typeof WecomApiClient>[0]> = {}) =>
  new WecomApiClient({ baseUrl: fake.baseUrl, corpId: 'wwcorp', secret: 'sec', agentId: '1000002', now: () => clock, ...over });

const text = (touser: string) => ({ touser, msgtype: 'text', text: { content: '你好' } });


describe('WecomApiClient — access token', () => {
  it('fetches a token once and caches it, adding agentid as a number', async () => {
    const api = makeClient();
    await api.sendMessage(text('a'));
    await api.sendMessage(text('b'));
    expect(fake.callsTo('gettoken')).toHaveLength(1);
    expect(fake.callsTo('gettoken')[0]!.query).toEqual({ corpid: 'wwcorp', corpsecret: 'sec' });
    const sends = fake.callsTo('message/send');
    expect(sends).toHaveLength(2);
    expect(sends[0]!.body).toEqual({ agentid: 1000002, ...text('a') });
    expect(sends[1]!.query.access_token).toBe(sends[0]!.query.access_token);
  });

  it('shares one refresh among concurrent callers', async () => {
    const api = makeClient();
    await Promise.all(Array.from({ length: 8 }, (_, i) => api.sendMessage(text(`u${i}`))));
    expect(fake.callsTo('gettoken')).toHaveLength(1);
    expect(fake.callsTo('message/send')).toHaveLength(8);
  });

  it('refreshes before expiry (minus the margin)', async () => {
    const api = makeClient();
    await api.sendMessage(text('a'));
    clock += 7200_000 - 301_000;
    await api.sendMessage(text('a'));
    expect(fake.callsTo('gettoken')).toHaveLength(1);
    clock += 2_000;
    await api.sendMessage(text('a'));
    expect(fake.callsTo('gettoken')).toHaveLength(2);
  });

  it('refreshes and retries once on 42001 (expired)', async () => {
    const api = makeClient();
    await api.sendMessage(text('a'));
    fake.expireTokens();
    const result = await api.sendMessage(text('b'));
    expect(result.errcode).toBe(0);
    expect(fake.callsTo('gettoken')).toHaveLength(2);
    const sends = fake.callsTo('message/send');
    expect(sends).toHaveLength(3);
    expect(sends[2]!.query.access_token).not.toBe(sends[1]!.query.access_token);
  });

  it('refreshes on 40014 and 40001 from the endpoint as well', async () => {
    const api = makeClient();
    fake.failNext(1, { errcode: 40014, errmsg: 'invalid access_token' }, 'message/send');
    await api.sendMessage(text('a'));
    fake.failNext(1, { errcode: 40001, errmsg: 'invalid credential' }, 'message/send');
    await api.sendMessage(text('a'));
    expect(fake.callsTo('gettoken')).toHaveLength(3);
  });

  it('retries only once: a second token error is a retryable PlatformError', async () => {
    const api = makeClient();
    fake.failNext(2, { errcode: 42001 }, 'message/send');
    const err = await platformError(api.sendMessage(text('a')));
    expect(err.details).toMatchObject({ platform: 'wecom', code: 42001, retryable: true });
    expect(fake.callsTo('message/send')).toHaveLength(2);
  });

  it('a wrong secret is not retryable', async () => {
    const err = await platformError(makeClient({ secret: 'wrong' }).sendMessage(text('a')));
    expect(err.details).toMatchObject({ code: 40001, retryable: false });
    expect(err.message).not.toContain('wrong');
  });
});

describe('WecomApiClient — errors', () => {
  it('45009 → retryable with retryAfterMs', async () => {
    fake.failNext(1, { errcode: 45009, errmsg: 'api freq out of limit' }, 'message/send');
    const err = await platformError(makeClient().sendMessage(text('a')));
    expect(err.details).toEqual({ platform: 'wecom', code: 45009, retryable: true, retryAfterMs: 60_000 });
  });

  it('HTTP 500 → retryable', async () => {
    fake.failNext(1, { http: 500 }, 'message/send');
    const err = await platformError(makeClient().sendMessage(text('a')));
    expect(err.details).toMatchObject({ code: 500, retryable: true });
  });

  it('a hang → time-out, retryable, and the token never appears in the message', async () => {
    fake.failNext(1, { hang: true }, 'message/send');
    const err = await platformError(makeClient({ timeoutMs: 200 }).sendMessage(text('a')));
    expect(err.details).toMatchObject({ code: 'timeout', retryable: true });
    expect(err.message).not.toMatch(/tok-|access_token/);
  });

  it('a network error → retryable', async () => {
    const api = makeClient({ baseUrl: 'http://127.0.0.1:1' });
    const err = await platformError(api.sendMessage(text('a')));
    expect(err.details).toMatchObject({ code: 'network', retryable: true });
  });

  it('other errcodes → not retryable', async () => {
    fake.failNext(1, { errcode: 81013, errmsg: 'user & party & tag all invalid' }, 'message/send');
    const err = await platformError(makeClient().sendMessage(text('a')));
    expect(err.details).toMatchObject({ code: 81013, retryable: false });
  });
});

describe('WecomApiClient — endpoints', () => {
  it('update_template_card accepts a response_code once', async () => {
    const api = makeClient();
    const code = fake.issueResponseCode();
    await api.updateTemplateCard({ userids: ['a'], response_code: code, button: { replace_name: '已接受' } });
    const err = await platformError(api.updateTemplateCard({ userids: ['a'], response_code: code, button: { replace_name: '已接受' } }));
    expect(err.details.retryable).toBe(false);
  });

  it('postResponseUrl: one call per URL, and only to the configured host', async () => {
    const api = makeClient();
    const url = fake.newResponseUrl();
    await api.postResponseUrl(url, { msgtype: 'markdown', markdown: { content: '好' } });
    expect((await platformError(api.postResponseUrl(url, { msgtype: 'markdown', markdown: { content: '好' } }))).details.retryable).toBe(false);
    const foreign = await platformError(api.postResponseUrl('https://evil.example/cgi-bin/aibot/response?response_code=x', {}));
    expect(foreign.details.retryable).toBe(false);
    expect(fake.callsTo('gettoken')).toHaveLength(0);
  });

  it('call() reaches later endpoints with the token and extra query', async () => {
    const api = makeClient();
    // The fake checks kf tokens (valid 10 minutes): use one it issued, as a callback would carry.
    await api.call('kf/sync_msg', { cursor: '', token: fake.kf.newToken('wk1'), limit: 1000, open_kfid: 'wk1' });
    await api.call('/cgi-bin/oa/schedule/add', { schedule: { summary: '专题会议', organizer: 'u1', start_time: 1, end_time: 2, attendees: [] } });
    const form = new FormData();
    form.append('media', new Blob(['x']), 'a.txt');
    await api.call('media/upload', form, { query: { type: 'file' } });
    expect(fake.callsTo('kf/sync_msg')[0]!.body).toMatchObject({ open_kfid: 'wk1' });
    expect(fake.callsTo('oa/schedule/add')).toHaveLength(1);
    expect(fake.callsTo('media/upload')[0]!.query).toMatchObject({ type: 'file' });
    expect(fake.callsTo('gettoken')).toHaveLength(1);
  });
});

describe('WecomWebhookClient', () => {
  it('posts to webhook/send with the key', async () => {
    const hook = new WecomWebhookClient({ baseUrl: fake.baseUrl });
    await hook.send('hook-1', { msgtype: 'markdown', markdown: { content: '**通知**' } });
    expect(fake.callsTo('webhook/send')[0]!.query.key).toBe('hook-1');
  });

  it('the fake enforces 4096 bytes (40058), which is not retryable, and the key stays out of errors', async () => {
    const hook = new WecomWebhookClient({ baseUrl: fake.baseUrl });
    const err = await platformError(hook.send('hook-1', { msgtype: 'markdown', markdown: { content: '字'.repeat(1366) } }));
    expect(err.details).toMatchObject({ code: 40058, retryable: false });
    const badKey = await platformError(hook.send('secret-key-xyz', { msgtype: 'text', text: { content: 'x' } }));
    expect(badKey.details).toMatchObject({ code: 93000, retryable: false });
    expect(badKey.message).not.toContain('secret-key-xyz');
  });
});
