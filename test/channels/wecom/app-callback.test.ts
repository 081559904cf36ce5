import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../../../src/domain/types.ts';
import type { InboundMessage } from '../../../src/domain/types.ts';
import { type WecomAppDeps, wecomAppRoutes } from '../../../src/channels/wecom/app-callback.ts';
import { WecomApiClient } from '../../../src/channels/wecom/api-client.ts';
import { parseXml } from '../../../src/channels/wecom/xml.ts';
import { utf8Length } from '../../../src/channels/wecom/text-split.ts';
import { TEXTS } from '../../../src/channels/wecom/texts.ts';
import { type FakeWecom, startFakeWecom } from '../../fakes/wecom-server.ts';
import { appCardClickXml, appTextXml, wecomCallbackClient } from '../../fakes/wecom-callbacks.ts';
import { eventually, sleep } from '../../support/wait.ts';
import { startKoa } from './harness.ts';

// The official sample (§6.1): the routes must accept WeCom's own vectors.
const TOKEN = 'QDG6eK';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const CORP_ID = 'wx5823bf96d3bd56c7';
/** The routes' clock: the official vector's own time, so its signed timestamp is inside the window. */
const NOW = 1409659813_000;
const client = wecomCallbackClient({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: CORP_ID, now: () => NOW });

type Handle = (msg: InboundMessage) => Promise<Reply[]>;

let fake: FakeWecom;
let server: { url: string; close(): Promise<void> };
let handle: ReturnType<typeof vi.fn<Handle>>;
/** Records late replies by the sender's userid, as the bot would queue them for that person. */
let sendLate: ReturnType<typeof vi.fn<(userId: string, replies: Reply[], firstIndex: number) => Promise<void>>>;
let defer: ReturnType<typeof vi.fn<WecomAppDeps['defer']>>;
let onKfEvent: ReturnType<typeof vi.fn<NonNullable<WecomAppDeps['onKfEvent']>>>;
let commandForButton: ReturnType<typeof vi.fn<WecomAppDeps['commandForButton']>>;

beforeAll(async () => {
  fake = await startFakeWecom({ corpId: CORP_ID, secret: 's3cret', agentId: 1000002 });
  handle = vi.fn<Handle>();
  sendLate = vi.fn(async () => undefined);
  defer = vi.fn<WecomAppDeps['defer']>(async () => undefined);
  onKfEvent = vi.fn<NonNullable<WecomAppDeps['onKfEvent']>>();
  commandForButton = vi.fn<WecomAppDeps['commandForButton']>();
  const api = new WecomApiClient({ baseUrl: fake.baseUrl, corpId: CORP_ID, secret: 's3cret', agentId: '1000002' });
  server = await startKoa((router) =>
    wecomAppRoutes(router, {
      token: TOKEN,
      encodingAESKey: AES_KEY,
      corpId: CORP_ID,
      handle: (m) => handle(m),
      sendLate: (m, r, i) => sendLate(m.senderId, r, i),
      defer: (m) => defer(m),
      commandForButton: (t, k) => commandForButton(t, k),
      onKfEvent: (e) => onKfEvent(e),
      api,
      replyBudgetMs: 150,
      now: () => new Date(NOW),
    }),
  );
});

afterAll(async () => {
  await server.close();
  await fake.close();
});

afterEach(() => {
  handle.mockReset();
  sendLate.mockReset();
  sendLate.mockResolvedValue(undefined);
  defer.mockReset();
  defer.mockResolvedValue(undefined);
  onKfEvent.mockReset();
  commandForButton.mockReset();
});

const post = (query: string, body: string) =>
  fetch(`${server.url}/wecom/app?${query}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });

const OFFICIAL_POST = {
  query: 'msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149',
  body:
    '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>',
};

describe('GET /wecom/app — URL verification', () => {
  it('answers the official vector with the bare plaintext', async () => {
    const res = await fetch(
      `${server.url}/wecom/app?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D`,
    );
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.toString('utf8')).toBe('1616140317555161061'); // no quotes, BOM or newline
  });

  it('refuses a wrong signature (401) and a missing echostr (400)', async () => {
    const bad = await fetch(
      `${server.url}/wecom/app?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D`,
    );
    expect(bad.status).toBe(401);
    const missing = await fetch(`${server.url}/wecom/app?msg_signature=a&timestamp=1&nonce=2`);
    expect(missing.status).toBe(400);
  });
});

describe('POST /wecom/app — messages', () => {
  it('hands the official text message to handle() and replies passively, encrypted', async () => {
    handle.mockResolvedValue([{ text: '**收到**：hello' }]);
    const res = await post(OFFICIAL_POST.query, OFFICIAL_POST.body);
    expect(res.status).toBe(200);
    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle.mock.calls[0]![0]).toMatchObject({
      channel: 'wecom',
      messageId: '4561255354251345929',
      chatKind: 'single',
      chatId: 'mycreate',
      senderId: 'mycreate',
      text: 'hello',
    });
    expect(handle.mock.calls[0]![0].receivedAt).toBeInstanceOf(Date);
    const body = await res.text();
    const outer = parseXml(body);
    expect(outer.TimeStamp).toBe('1409659813');
    expect(outer.Nonce).toBe('1372623149');
    const reply = parseXml(client.openXmlReply(body));
    expect(reply).toMatchObject({ ToUserName: 'mycreate', FromUserName: CORP_ID, MsgType: 'text', Content: '收到：hello' });
    expect(sendLate).not.toHaveBeenCalled();
  });

  it('answers nothing (empty 200) when the core has no reply', async () => {
    handle.mockResolvedValue([]);
    const req = client.encryptedAppCallback(appTextXml({ corpId: CORP_ID, from: 'zhangsan', content: '好的', msgId: '1' }));
    const res = await post(req.query, req.body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('replies with the first 2048-byte piece and pushes the rest in order', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `第${i}条：某某机械有限公司 区税务局 欠税。`).join('\n');
    handle.mockResolvedValue([{ text: long }, { text: '第二条回复' }]);
    const req = client.encryptedAppCallback(appTextXml({ corpId: CORP_ID, from: 'zhangsan', content: '名册', msgId: '2' }));
    const res = await post(req.query, req.body);
    const content = parseXml(client.openXmlReply(await res.text())).Content!;
    expect(utf8Length(content)).toBeLessThanOrEqual(2048);
    expect(long.startsWith(content)).toBe(true);
    await eventually(() => expect(sendLate).toHaveBeenCalledTimes(1));
    const [user, rest, firstIndex] = sendLate.mock.calls[0]!;
    expect(user).toBe('zhangsan');
    expect(firstIndex).toBe(1);
    expect(rest.map((r) => r.text)).toEqual([long.slice(content.length + 1), '第二条回复']);
  });

  it('answers an empty 200 at once when handle() is slower than the budget, after recording the message durably', async () => {
    let release: (r: Reply[]) => void = () => undefined;
    handle.mockReturnValue(new Promise<Reply[]>((r) => (release = r)));
    const req = client.encryptedAppCallback(appTextXml({ corpId: CORP_ID, from: 'lisi', content: '简报', msgId: '3' }));
    const started = Date.now();
    const res = await post(req.query, req.body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(defer).toHaveBeenCalledTimes(1);
    expect(defer.mock.calls[0]![0]).toMatchObject({ senderId: 'lisi', text: '简报', messageId: '3' });
    release([{ text: '今日简报……' }]);
    // The bot queues the replies of a deferred message itself; the channel pushes nothing.
    await new Promise((r) => setTimeout(r, 50));
    expect(sendLate).not.toHaveBeenCalled();
  });

  it('answers images and other types with a short Chinese note, without the core', async () => {
    const xml = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[wangwu]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://x/y.jpg]]></PicUrl><MediaId><![CDATA[m]]></MediaId><MsgId>77</MsgId></xml>`;
    const req = client.encryptedAppCallback(xml);
    const res = await post(req.query, req.body);
    expect(parseXml(client.openXmlReply(await res.text())).Content).toBe(TEXTS.onlyText);
    expect(handle).not.toHaveBeenCalled();
  });

  it('answers 500 when handle() fails within the budget, so WeCom retries', async () => {
    handle.mockRejectedValue(new Error('disk full'));
    const req = client.encryptedAppCallback(appTextXml({ corpId: CORP_ID, from: 'zhangsan', content: 'x', msgId: '4' }));
    const res = await post(req.query, req.body);
    expect(res.status).toBe(500);
  });
});

describe('POST /wecom/app — refusals hand nothing to the core', () => {
  it('wrong signature → 401', async () => {
    const res = await post(OFFICIAL_POST.query.replace('477715d1', '477715d2'), OFFICIAL_POST.body);
    expect(res.status).toBe(401);
    const noSig = await post('timestamp=1&nonce=2', OFFICIAL_POST.body);
    expect(noSig.status).toBe(401);
    expect(handle).not.toHaveBeenCalled();
  });

  it('oversize body → 413', async () => {
    const res = await post(OFFICIAL_POST.query, `<xml><Encrypt>${'A'.repeat(70 * 1024)}</Encrypt></xml>`);
    expect(res.status).toBe(413);
    expect(handle).not.toHaveBeenCalled();
  });

  it('malformed outer XML → 400', async () => {
    const res = await post(OFFICIAL_POST.query, '<xml><Encrypt>abc</xml>');
    expect(res.status).toBe(400);
    expect(handle).not.toHaveBeenCalled();
  });

  it('correctly signed but malformed inner XML → 400', async () => {
    const req = client.encryptedAppCallback('<xml><FromUserName>x</FromUserName>');
    const res = await post(req.query, req.body);
    expect(res.status).toBe(400);
    expect(handle).not.toHaveBeenCalled();
  });

  it('a message encrypted for another corp → 401', async () => {
    const other = wecomCallbackClient({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: 'wwanothercorp' });
    const req = other.encryptedAppCallback(appTextXml({ corpId: CORP_ID, from: 'x', content: 'y' }));
    const res = await post(req.query, req.body);
    expect(res.status).toBe(401);
    expect(handle).not.toHaveBeenCalled();
  });
});

describe('POST /wecom/app — events', () => {
  it('a card click runs the button command and updates the card with its response code', async () => {
    const responseCode = fake.issueResponseCode();
    commandForButton.mockReturnValue('会议 M7 接受');
    handle.mockResolvedValue([{ text: '已接受会议 M7\n时间：2026-12-03 15:00' }]);
    const xml = appCardClickXml({ corpId: CORP_ID, from: 'zhangsan', taskId: 'meeting-M7-1', eventKey: 'accept', responseCode, createTime: 1700000123 });
    const req = client.encryptedAppCallback(xml);
    const res = await post(req.query, req.body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(commandForButton).toHaveBeenCalledWith('meeting-M7-1', 'accept');
    expect(handle.mock.calls[0]![0]).toMatchObject({
      channel: 'wecom',
      messageId: 'zhangsan:1700000123:template_card_event:meeting-M7-1:accept',
      chatKind: 'single',
      chatId: 'zhangsan',
      senderId: 'zhangsan',
      text: '会议 M7 接受',
      viaCard: { cardId: 'meeting-M7-1', buttonKey: 'accept' },
    });
    await eventually(() => expect(fake.callsTo('message/update_template_card')).toHaveLength(1));
    const update = fake.callsTo('message/update_template_card')[0]!;
    expect(update.body).toEqual({ agentid: 1000002, userids: ['zhangsan'], response_code: responseCode, button: { replace_name: '已接受会议 M7' } });
    // A click is recorded durably before it is handled; its replies go through the outbox.
    expect(defer.mock.calls[0]![0]).toMatchObject({ text: '会议 M7 接受', senderId: 'zhangsan' });
    expect(sendLate).not.toHaveBeenCalled();
  });

  it('ignores a click the core does not know', async () => {
    commandForButton.mockReturnValue(undefined);
    const req = client.encryptedAppCallback(appCardClickXml({ corpId: CORP_ID, from: 'zhangsan', taskId: 'old', eventKey: 'x', responseCode: 'rc' }));
    const res = await post(req.query, req.body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(handle).not.toHaveBeenCalled();
  });

  it('hands a 微信客服 event to the intake and answers 200', async () => {
    const xml = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token><OpenKfId><![CDATA[wkABCDEF]]></OpenKfId></xml>`;
    const req = client.encryptedAppCallback(xml);
    const res = await post(req.query, req.body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await eventually(() => expect(onKfEvent).toHaveBeenCalledWith({ token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR', openKfId: 'wkABCDEF' }));
    expect(handle).not.toHaveBeenCalled();
  });

  it('answers other events with an empty 200', async () => {
    const xml = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event><AgentID>1000002</AgentID></xml>`;
    const req = client.encryptedAppCallback(xml);
    const res = await post(req.query, req.body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await sleep(20);
    expect(handle).not.toHaveBeenCalled();
  });
});
