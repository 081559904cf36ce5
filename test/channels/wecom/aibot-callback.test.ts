import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../../../src/domain/types.ts';
import type { InboundMessage } from '../../../src/domain/types.ts';
import { type WecomAibotDeps, wecomAibotRoutes } from '../../../src/channels/wecom/aibot-callback.ts';
import { WecomApiClient } from '../../../src/channels/wecom/api-client.ts';
import { stripLeadingMention } from '../../../src/channels/wecom/aibot-inbound.ts';
import { TEXTS } from '../../../src/channels/wecom/texts.ts';
import { type FakeWecom, startFakeWecom } from '../../fakes/wecom-server.ts';
import { wecomCallbackClient } from '../../fakes/wecom-callbacks.ts';
import { eventually } from '../../support/wait.ts';
import { startKoa } from './harness.ts';

const TOKEN = 'aibotToken123';
const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const client = wecomCallbackClient({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: '' });

type Handle = (msg: InboundMessage) => Promise<Reply[]>;

let fake: FakeWecom;
let server: { url: string; close(): Promise<void> };
let handle: ReturnType<typeof vi.fn<Handle>>;
let commandForButton: ReturnType<typeof vi.fn<WecomAibotDeps['commandForButton']>>;
let sendLate: ReturnType<typeof vi.fn<WecomAibotDeps['sendLate']>>;

beforeAll(async () => {
  fake = await startFakeWecom();
  handle = vi.fn<Handle>();
  commandForButton = vi.fn<WecomAibotDeps['commandForButton']>();
  sendLate = vi.fn<WecomAibotDeps['sendLate']>(async () => undefined);
  const api = new WecomApiClient({ baseUrl: fake.baseUrl, corpId: fake.corpId, secret: fake.secret, agentId: fake.agentId });
  server = await startKoa((router) =>
    wecomAibotRoutes(router, {
      token: TOKEN,
      encodingAESKey: AES_KEY,
      handle: (m) => handle(m),
      commandForButton: (t, k) => commandForButton(t, k),
      defer: async () => undefined,
      sendLate: (m, r, i) => sendLate(m, r, i),
      api,
      replyBudgetMs: 150,
    }),
  );
});

afterAll(async () => {
  await server.close();
  await fake.close();
});

afterEach(() => {
  handle.mockReset();
  commandForButton.mockReset();
  sendLate.mockClear();
});

const post = (req: { query: string; body: string }) =>
  fetch(`${server.url}/wecom/aibot?${req.query}`, { method: 'POST', body: req.body, headers: { 'content-type': 'application/json' } });

let n = 0;
const groupText = (content: string, responseUrl?: string) => ({
  msgid: `CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=${++n}`,
  aibotid: 'AIBOTID',
  chatid: 'wrkSFfCgAAxxx',
  chattype: 'group',
  from: { userid: 'zhangsan' },
  response_url: responseUrl ?? fake.newResponseUrl(),
  msgtype: 'text',
  text: { content },
});

describe('GET /wecom/aibot', () => {
  it('verifies the URL with receiveid ""', async () => {
    const res = await fetch(`${server.url}/wecom/aibot?${client.urlVerification('8812733129323')}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('8812733129323');
  });
});

describe('POST /wecom/aibot — messages', () => {
  it('strips the @mention of a group message and replies with a finished stream', async () => {
    handle.mockResolvedValue([{ text: '**名册**（二档）\n1. E12 某某机械' }, { text: '共 1 家' }]);
    const payload = groupText('@府院联动助手 名册 档:2');
    const res = await post(client.encryptedAibotCallback(payload));
    expect(res.status).toBe(200);
    expect(handle.mock.calls[0]![0]).toMatchObject({
      channel: 'wecom-aibot',
      messageId: payload.msgid,
      chatKind: 'group',
      chatId: 'wrkSFfCgAAxxx',
      senderId: 'zhangsan',
      text: '名册 档:2',
    });
    const reply = client.openJsonReply(await res.text()) as { msgtype: string; stream: { id: string; finish: boolean; content: string } };
    expect(reply.msgtype).toBe('stream');
    expect(reply.stream.finish).toBe(true);
    expect(reply.stream.id).toMatch(/^s[0-9a-f]{16}$/);
    expect(reply.stream.content).toBe('**名册**（二档）\n1. E12 某某机械\n\n共 1 家');
  });

  it('a single chat keeps its text and uses the sender as chat id', async () => {
    handle.mockResolvedValue([{ text: '好的' }]);
    const payload = { ...groupText('@不是机器人 帮助'), chattype: 'single', chatid: undefined };
    await post(client.encryptedAibotCallback(payload));
    expect(handle.mock.calls[0]![0]).toMatchObject({ chatKind: 'single', chatId: 'zhangsan', text: '@不是机器人 帮助' });
  });

  it('delivers through response_url once when handle() misses the budget', async () => {
    let release: (r: Reply[]) => void = () => undefined;
    handle.mockReturnValue(new Promise<Reply[]>((r) => (release = r)));
    const payload = groupText('@府院联动助手 简报');
    const res = await post(client.encryptedAibotCallback(payload));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    release([{ text: '今日简报：逾期 3 件' }]);
    await eventually(() => expect(fake.callsTo('aibot/response')).toHaveLength(1));
    const call = fake.callsTo('aibot/response')[0]!;
    expect(call.query.response_code).toBe(new URL(payload.response_url).searchParams.get('response_code'));
    expect(call.body).toEqual({ msgtype: 'markdown', markdown: { content: '今日简报：逾期 3 件' } });
  });

  it('never posts to a response_url on another host: the late reply goes through the outbox instead', async () => {
    let release: (r: Reply[]) => void = () => undefined;
    handle.mockReturnValue(new Promise<Reply[]>((r) => (release = r)));
    const before = fake.callsTo('aibot/response').length;
    const collector = `http://127.0.0.1:9/attacker/collect?response_code=x`;
    const payload = groupText('@府院联动助手 名册', collector);
    expect((await post(client.encryptedAibotCallback(payload))).status).toBe(200);
    release([{ text: '名册：E1 某某机械' }]);
    await eventually(() => expect(sendLate).toHaveBeenCalledTimes(1));
    expect(sendLate.mock.calls[0]![0]).toMatchObject({ messageId: payload.msgid, chatId: 'wrkSFfCgAAxxx' });
    expect(sendLate.mock.calls[0]![1]).toEqual([{ text: '名册：E1 某某机械' }]);
    expect(fake.callsTo('aibot/response')).toHaveLength(before);
  });

  it('answers images with a short note in a stream, without the core', async () => {
    const payload = { ...groupText(''), msgtype: 'image', text: undefined, image: { url: 'https://x/y' } };
    const res = await post(client.encryptedAibotCallback(payload));
    const reply = client.openJsonReply(await res.text()) as { stream: { content: string; finish: boolean } };
    expect(reply.stream).toMatchObject({ finish: true, content: TEXTS.onlyText });
    expect(handle).not.toHaveBeenCalled();
  });
});

describe('POST /wecom/aibot — events', () => {
  it('welcomes enter_chat with a text reply', async () => {
    const payload = { msgid: 'ev-1', create_time: 1700000000, aibotid: 'A', chattype: 'single', from: { userid: 'zhangsan' }, msgtype: 'event', event: { eventtype: 'enter_chat' } };
    const res = await post(client.encryptedAibotCallback(payload));
    expect(client.openJsonReply(await res.text())).toEqual({ msgtype: 'text', text: { content: TEXTS.welcome } });
    expect(handle).not.toHaveBeenCalled();
  });

  it('a card click runs the command, updates the card and posts the reply to response_url', async () => {
    commandForButton.mockResolvedValue('完成 T31');
    handle.mockResolvedValue([{ text: '已标记完成 T31\n等待办公室核验' }]);
    const payload = {
      msgid: 'ev-2',
      create_time: 1700000000,
      aibotid: 'A',
      chatid: 'wrkGROUP',
      chattype: 'group',
      from: { userid: 'lisi' },
      response_url: fake.newResponseUrl(),
      msgtype: 'event',
      event: { eventtype: 'template_card_event', template_card_event: { event_key: 'done', task_id: 'task-T31-1' } },
    };
    const before = fake.callsTo('aibot/response').length;
    const res = await post(client.encryptedAibotCallback(payload));
    expect(handle.mock.calls[0]![0]).toMatchObject({
      channel: 'wecom-aibot',
      messageId: 'ev-2',
      chatKind: 'group',
      chatId: 'wrkGROUP',
      senderId: 'lisi',
      text: '完成 T31',
      viaCard: { cardId: 'task-T31-1', buttonKey: 'done' },
    });
    expect(client.openJsonReply(await res.text())).toEqual({
      response_type: 'update_template_card',
      userids: ['lisi'],
      template_card: { card_type: 'text_notice', task_id: 'task-T31-1', main_title: { title: '已标记完成 T31' } },
    });
    await eventually(() => expect(fake.callsTo('aibot/response')).toHaveLength(before + 1));
  });

  it('reads the flat event_key/task_id layout of the SDK too', async () => {
    commandForButton.mockResolvedValue(undefined);
    const payload = { msgid: 'ev-3', aibotid: 'A', chattype: 'single', from: { userid: 'lisi' }, msgtype: 'event', event: { eventtype: 'template_card_event', event_key: 'k', task_id: 't' } };
    const res = await post(client.encryptedAibotCallback(payload));
    expect(commandForButton).toHaveBeenCalledWith('t', 'k');
    expect(await res.text()).toBe('');
    expect(handle).not.toHaveBeenCalled();
  });
});

describe('POST /wecom/aibot — refusals', () => {
  it('wrong signature → 401, not JSON → 400, no encrypt → 400, app receiveid → 401', async () => {
    const req = client.encryptedAibotCallback(groupText('@bot 帮助'));
    expect((await post({ query: req.query.replace(/msg_signature=[0-9a-f]/, 'msg_signature=g'), body: req.body })).status).toBe(401);
    expect((await post({ query: req.query, body: '{not json' })).status).toBe(400);
    expect((await post({ query: req.query, body: '{"foo":1}' })).status).toBe(400);
    const appClient = wecomCallbackClient({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: 'wx49f0ab532d5d035a' });
    expect((await post(appClient.encryptedAibotCallback(groupText('@bot 帮助')))).status).toBe(401);
    const noUser = { ...groupText('@bot 帮助'), from: undefined };
    expect((await post(client.encryptedAibotCallback(noUser))).status).toBe(400);
    expect(handle).not.toHaveBeenCalled();
  });
});

describe('mention stripping', () => {
  it('strips only the leading @name', () => {
    expect(stripLeadingMention('@府院联动助手 名册')).toBe('名册');
    expect(stripLeadingMention('  @bot\u00a0交办 内容:x @lisi')).toBe('交办 内容:x @lisi');
    expect(stripLeadingMention('名册 @bot')).toBe('名册 @bot');
  });
});
