import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboundHandler } from '../../../src/channels/channel.ts';
import type { Reply } from '../../../src/domain/types.ts';
import { type WecomAibotWs, type WecomAibotWsDeps, startWecomAibotWs } from '../../../src/channels/wecom/aibot-ws.ts';
import { WecomSender } from '../../../src/channels/wecom/sender.ts';
import { setupWecom } from '../../../src/channels/wecom/setup.ts';
import { TEXTS } from '../../../src/channels/wecom/texts.ts';
import type { Bot } from '../../../src/core/bot.ts';
import { PlatformError } from '../../../src/outbox/platform-error.ts';
import type { Logger } from '../../../src/log/log.ts';
import type { GroupChat, InboundMessage, OutboundMessage, Person } from '../../../src/domain/types.ts';
import type { Store } from '../../../src/store/store.ts';
import { FakeAibotWsServer } from '../../fakes/wecom-aibot-ws.ts';
import { eventually, sleep } from '../../support/wait.ts';

const GROUP = 'wrkSFfCgAAxxx';
let n = 0;
const groupText = (content: string) => ({
  msgid: `CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=${++n}`,
  aibotid: 'AIBOTID',
  chatid: GROUP,
  chattype: 'group',
  from: { userid: 'zhangsan' },
  msgtype: 'text',
  text: { content },
});
const event = (eventtype: string, extra: Record<string, unknown> = {}) => ({
  msgid: `ev-${++n}`,
  create_time: 1_700_000_000,
  aibotid: 'AIBOTID',
  chatid: GROUP,
  chattype: 'group',
  from: { userid: 'zhangsan' },
  msgtype: 'event',
  event: { eventtype, ...extra },
});

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A real pino logger writing into an array, to see what an operator would read. */
function captureLog(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream) as unknown as Logger, lines };
}

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

let server: FakeAibotWsServer;
let handle: ReturnType<typeof vi.fn<InboundHandler>>;
let defer: ReturnType<typeof vi.fn<WecomAibotWsDeps['defer']>>;
let commandForButton: ReturnType<typeof vi.fn<WecomAibotWsDeps['commandForButton']>>;
let log: ReturnType<typeof captureLog>;
let ws: WecomAibotWs | undefined;

function start(extra: Partial<WecomAibotWsDeps> = {}): WecomAibotWs {
  ws = startWecomAibotWs({
    botId: server.botId,
    secret: server.secret,
    wsUrl: server.url,
    handle: (m) => handle(m),
    defer: (m) => defer(m),
    commandForButton: (t, k) => commandForButton(t, k),
    logger: log.logger,
    heartbeatMs: 50,
    reconnectBaseMs: 20,
    replyBudgetMs: 100,
    ...extra,
  });
  return ws;
}

beforeEach(async () => {
  server = await FakeAibotWsServer.start();
  handle = vi.fn<InboundHandler>(async () => [{ text: '收到' }]);
  defer = vi.fn<WecomAibotWsDeps['defer']>(async () => undefined);
  commandForButton = vi.fn<WecomAibotWsDeps['commandForButton']>();
  log = captureLog();
});

afterEach(async () => {
  await ws?.stop();
  ws = undefined;
  await server.close();
});

describe('智能机器人 long connection — messages', () => {
  beforeEach(async () => {
    start();
    await eventually(() => expect(server.authedCount).toBe(1));
  });

  it('subscribes with bot_id and secret, and keeps the connection alive with acked pings', async () => {
    expect(server.framesOf('aibot_subscribe')[0]!.body).toEqual({ bot_id: server.botId, secret: server.secret });
    await sleep(300);
    expect(server.framesOf('ping').length).toBeGreaterThanOrEqual(3);
    expect(server.opened).toBe(1);
    expect(ws!.connected).toBe(true);
  });

  it('hands a group @-message to handle() and answers with a finished markdown stream on the same req_id', async () => {
    handle.mockResolvedValue([{ text: '**名册**（二档）\n1. E12 某某机械' }, { text: '共 1 家' }]);
    const payload = groupText('@府院联动助手 名册 档:2');
    const reqId = server.pushMessage(payload);
    await eventually(() => expect(server.framesOf('aibot_respond_msg')).toHaveLength(1));
    expect(handle).toHaveBeenCalledTimes(1);
    const inbound = handle.mock.calls[0]![0];
    expect(inbound).toMatchObject({
      channel: 'wecom-aibot',
      messageId: payload.msgid,
      chatKind: 'group',
      chatId: GROUP,
      senderId: 'zhangsan',
      text: '名册 档:2',
    });
    expect(inbound.receivedAt).toBeInstanceOf(Date);
    const reply = server.framesOf('aibot_respond_msg')[0]!;
    expect(reply.reqId).toBe(reqId);
    expect(reply.body).toEqual({
      msgtype: 'stream',
      stream: { id: expect.stringMatching(/^s[0-9a-f]{16}$/), finish: true, content: '**名册**（二档）\n1. E12 某某机械\n\n共 1 家' },
    });
    expect(defer).not.toHaveBeenCalled();
  });

  it('a single chat keeps its text and uses the sender as chat id', async () => {
    server.pushMessage({ ...groupText('@不是机器人 帮助'), chattype: 'single', chatid: undefined });
    await eventually(() => expect(handle).toHaveBeenCalledTimes(1));
    expect(handle.mock.calls[0]![0]).toMatchObject({ chatKind: 'single', chatId: 'zhangsan', text: '@不是机器人 帮助' });
  });

  it('answers images with a short note, without the core', async () => {
    const reqId = server.pushMessage({ ...groupText(''), msgtype: 'image', text: undefined, image: { url: 'https://x/y', aeskey: 'k' } });
    await eventually(() => expect(server.framesOf('aibot_respond_msg')).toHaveLength(1));
    expect(server.framesOf('aibot_respond_msg')[0]).toMatchObject({ reqId, body: { stream: { finish: true, content: TEXTS.onlyText } } });
    expect(handle).not.toHaveBeenCalled();
  });

  it('a slow command is deferred, shows an open stream, then finishes the same stream on the same req_id', async () => {
    let release: (r: Reply[]) => void = () => undefined;
    handle.mockReturnValue(new Promise<Reply[]>((r) => (release = r)));
    const payload = groupText('@府院联动助手 简报');
    const reqId = server.pushMessage(payload);
    await eventually(() => expect(server.framesOf('aibot_respond_msg')).toHaveLength(1));
    expect(defer).toHaveBeenCalledWith(expect.objectContaining({ messageId: payload.msgid, text: '简报' }));
    const open = server.framesOf('aibot_respond_msg')[0]!;
    expect(open.body).toMatchObject({ msgtype: 'stream', stream: { finish: false, content: TEXTS.working } });
    release([{ text: '今日简报：逾期 3 件' }]);
    await eventually(() => expect(server.framesOf('aibot_respond_msg')).toHaveLength(2));
    const done = server.framesOf('aibot_respond_msg')[1]!;
    expect(done.reqId).toBe(reqId);
    expect(done.body).toEqual({
      msgtype: 'stream',
      stream: { id: (open.body!.stream as { id: string }).id, finish: true, content: '今日简报：逾期 3 件' },
    });
  });

  it('a slow command that then fails closes its open stream with a short note', async () => {
    let fail: (e: Error) => void = () => undefined;
    handle.mockReturnValue(new Promise<Reply[]>((_r, j) => (fail = j)));
    server.pushMessage(groupText('@府院联动助手 简报'));
    await eventually(() => expect(server.framesOf('aibot_respond_msg')).toHaveLength(1));
    fail(new Error('store down'));
    await eventually(() => expect(server.framesOf('aibot_respond_msg')).toHaveLength(2));
    expect(server.framesOf('aibot_respond_msg')[1]!.body).toMatchObject({ stream: { finish: true, content: TEXTS.failed } });
    expect(log.lines.some((l) => l.level === 50 && l.msg === 'wecom aibot ws frame failed')).toBe(true);
  });

  it('when WeCom refuses the reply frame, the answer goes to the chat through aibot_send_msg', async () => {
    server.failNext('aibot_respond_msg', 40008);
    handle.mockResolvedValue([{ text: '已登记 E12。' }]);
    server.pushMessage(groupText('@府院联动助手 登记 某某机械'));
    await eventually(() => expect(server.framesOf('aibot_send_msg')).toHaveLength(1));
    expect(server.framesOf('aibot_send_msg')[0]!.body).toEqual({ chatid: GROUP, msgtype: 'markdown', markdown: { content: '已登记 E12。' } });
    expect(log.lines.some((l) => l.msg === 'wecom aibot ws reply not delivered' && l.errcode === 40008)).toBe(true);
  });
});

describe('智能机器人 long connection — events', () => {
  beforeEach(async () => {
    start();
    await eventually(() => expect(server.authedCount).toBe(1));
  });

  it('enter_chat is answered with the welcome text through aibot_respond_welcome_msg', async () => {
    const reqId = server.pushEvent({ ...event('enter_chat'), chattype: 'single', chatid: undefined });
    await eventually(() => expect(server.framesOf('aibot_respond_welcome_msg')).toHaveLength(1));
    expect(server.framesOf('aibot_respond_welcome_msg')[0]).toMatchObject({ reqId, body: { msgtype: 'text', text: { content: TEXTS.welcome } } });
    expect(handle).not.toHaveBeenCalled();
  });

  it('a card click runs the button’s command through handle(), updates the card and tells the chat', async () => {
    commandForButton.mockReturnValue('完成 T31');
    handle.mockResolvedValue([{ text: '已完成 T31。' }]);
    const reqId = server.pushEvent(event('template_card_event', { event_key: 'done', task_id: 'task-T31-2_ab12' }));
    await eventually(() => expect(server.framesOf('aibot_send_msg')).toHaveLength(1));
    expect(commandForButton).toHaveBeenCalledWith('task-T31-2_ab12', 'done');
    expect(handle.mock.calls[0]![0]).toMatchObject({
      channel: 'wecom-aibot',
      chatKind: 'group',
      chatId: GROUP,
      senderId: 'zhangsan',
      text: '完成 T31',
      viaCard: { cardId: 'task-T31-2_ab12', buttonKey: 'done' },
    });
    const update = server.framesOf('aibot_respond_update_msg')[0]!;
    expect(update.reqId).toBe(reqId);
    expect(update.body).toMatchObject({ response_type: 'update_template_card', userids: ['zhangsan'], template_card: { task_id: 'task-T31-2_ab12' } });
    expect(server.framesOf('aibot_send_msg')[0]!.body).toEqual({ chatid: GROUP, msgtype: 'markdown', markdown: { content: '已完成 T31。' } });
  });

  it('a click on a button nobody knows does nothing', async () => {
    commandForButton.mockReturnValue(undefined);
    server.pushEvent(event('template_card_event', { event_key: 'x', task_id: 'gone' }));
    await eventually(() => expect(commandForButton).toHaveBeenCalledTimes(1));
    await sleep(100);
    expect(handle).not.toHaveBeenCalled();
    expect(server.frames.filter((f) => f.cmd.startsWith('aibot_respond') || f.cmd === 'aibot_send_msg')).toHaveLength(0);
  });

  it('disconnected_event (another connection took over) is logged and not fought with reconnections', async () => {
    server.pushEvent(event('disconnected_event'));
    await eventually(() => expect(server.openCount).toBe(0));
    await sleep(200);
    expect(server.opened).toBe(1);
    expect(log.lines.some((l) => l.level === 50 && /took over/.test(l.msg))).toBe(true);
  });
});

describe('智能机器人 long connection — connection', () => {
  it('a wrong secret is refused and logged; after the allowed retries it gives up', async () => {
    start({ secret: 'wrong-secret', maxAuthFailures: 1 });
    await eventually(() => expect(log.lines.some((l) => /gave up/.test(l.msg))).toBe(true));
    const refused = log.lines.filter((l) => l.level === 50 && /authentication refused/.test(l.msg));
    expect(refused).toHaveLength(2);
    expect(String(refused[0]!.reason)).toContain('40058');
    expect(JSON.stringify(log.lines)).not.toContain('wrong-secret');
    await sleep(150);
    expect(server.opened).toBe(2);
    expect(server.authedCount).toBe(0);
    expect(ws!.connected).toBe(false);
  });

  it('reconnects after the server drops the socket and answers on the new connection', async () => {
    start();
    await eventually(() => expect(server.authedCount).toBe(1));
    server.dropConnections();
    await eventually(() => expect(server.opened).toBe(2));
    await eventually(() => expect(server.authedCount).toBe(1));
    expect(log.lines.some((l) => l.msg.startsWith('wecom aibot ws disconnected'))).toBe(true);
    const reqId = server.pushMessage(groupText('@府院联动助手 帮助'));
    await eventually(() => expect(server.framesOf('aibot_respond_msg')).toHaveLength(1));
    expect(server.framesOf('aibot_respond_msg')[0]).toMatchObject({ conn: 2, reqId });
  });

  it('stop() closes the connection, never reconnects and leaves no timer or socket behind', async () => {
    // Sockets of earlier tests close asynchronously; this worker has no other TCP sockets.
    await eventually(() => expect(sockets()).toBe(0));
    const baseTimers = timers();
    start();
    await eventually(() => expect(server.authedCount).toBe(1));
    expect(sockets()).toBe(2);
    expect(timers()).toBeGreaterThan(baseTimers);
    await ws!.stop();
    await eventually(() => expect(server.openCount).toBe(0));
    await eventually(() => expect(sockets()).toBe(0));
    expect(timers()).toBeLessThanOrEqual(baseTimers);
    await sleep(200);
    expect(server.opened).toBe(1);
    expect(ws!.connected).toBe(false);
  });

  it('stop() lets an answer in flight go out first', async () => {
    let release: (r: Reply[]) => void = () => undefined;
    handle.mockReturnValue(new Promise<Reply[]>((r) => (release = r)));
    start({ replyBudgetMs: 5_000 });
    await eventually(() => expect(server.authedCount).toBe(1));
    server.pushMessage(groupText('@府院联动助手 帮助'));
    await eventually(() => expect(handle).toHaveBeenCalledTimes(1));
    const stopping = ws!.stop();
    setTimeout(() => release([{ text: '帮助内容' }]), 50);
    await stopping;
    expect(server.framesOf('aibot_respond_msg')[0]!.body).toMatchObject({ stream: { finish: true, content: '帮助内容' } });
  });
});

describe('proactive sends (aibot_send_msg)', () => {
  beforeEach(async () => {
    start();
    await eventually(() => expect(server.authedCount).toBe(1));
  });

  it('sendToChat sends markdown to the chat and maps refusals to PlatformError', async () => {
    await ws!.sendToChat(GROUP, '**提醒**：T31 明天到期');
    expect(server.framesOf('aibot_send_msg')[0]!.body).toEqual({ chatid: GROUP, msgtype: 'markdown', markdown: { content: '**提醒**：T31 明天到期' } });

    server.failNext('aibot_send_msg', 93006);
    const refused = await ws!.sendToChat(GROUP, 'x').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlatformError);
    expect((refused as PlatformError).details).toMatchObject({ code: 93006, retryable: false });

    server.failNext('aibot_send_msg', 45009);
    const limited = (await ws!.sendToChat(GROUP, 'x').catch((e: unknown) => e)) as PlatformError;
    expect(limited.details).toMatchObject({ code: 45009, retryable: true });
  });

  it('while disconnected, sendToChat fails retryably (the outbox tries again)', async () => {
    await server.close();
    await eventually(() => expect(ws!.connected).toBe(false));
    const err = (await ws!.sendToChat(GROUP, 'x').catch((e: unknown) => e)) as PlatformError;
    expect(err).toBeInstanceOf(PlatformError);
    expect(err.details).toMatchObject({ code: 'aibot_ws', retryable: true });
  });

  it('WecomSender pushes to a group without a webhook key, and to persons when there is no app, through the connection', async () => {
    const webhook = { send: vi.fn(async () => ({ errcode: 0 })) };
    const sender = new WecomSender({ webhook, aibot: ws! });
    const group: GroupChat = { id: 'g1', name: '联络员群', purpose: 'liaison', ids: { wecom: GROUP } };
    const person: Person = { id: 'p1', name: '区税务局联络员', roles: ['liaison'], ids: { wecom: 'zhangsan' } };
    const msg = (text: string, k: string): OutboundMessage => ({ to: { kind: 'group', groupId: 'g1' }, text, idempotencyKey: k });

    await sender.send(msg('本周例会改到周四。', 'k1'), { kind: 'group', group });
    await sender.send(msg('请补充 E12 的材料。', 'k2'), { kind: 'person', person, platformUserId: 'zhangsan' });
    const hooked: GroupChat = { ...group, webhook: { wecomKey: 'hook-1' } };
    await sender.send(msg('走 webhook', 'k3'), { kind: 'group', group: hooked });

    expect(server.framesOf('aibot_send_msg').map((f) => f.body)).toEqual([
      { chatid: GROUP, msgtype: 'markdown', markdown: { content: '本周例会改到周四。' } },
      { chatid: 'zhangsan', msgtype: 'markdown', markdown: { content: '请补充 E12 的材料。' } },
    ]);
    expect(webhook.send).toHaveBeenCalledTimes(1);
  });
});

describe('setupWecom in ws mode', () => {
  it('starts the connection without the self-built app, routes messages to the bot, and stop() closes it', async () => {
    const bot = {
      handle: vi.fn(async (_m: InboundMessage) => [{ text: '收到' }]),
      defer: vi.fn(async () => undefined),
    } as unknown as Bot;
    const store = { values: () => [] } as unknown as Store;
    const setup = setupWecom({
      bot,
      store,
      aibot: { mode: 'ws', botId: server.botId, secret: server.secret, wsUrl: server.url, apiBase: 'http://127.0.0.1:9' },
    })!;
    expect(setup).toBeDefined();
    expect(setup.api).toBeUndefined();
    await eventually(() => expect(server.authedCount).toBe(1));
    const reqId = server.pushMessage(groupText('@府院联动助手 帮助'));
    await eventually(() => expect(server.framesOf('aibot_respond_msg')).toHaveLength(1));
    expect(server.framesOf('aibot_respond_msg')[0]).toMatchObject({ reqId, body: { stream: { content: '收到' } } });
    await setup.stop();
    await eventually(() => expect(server.openCount).toBe(0));
  });

  it('is off with neither the app nor the long connection', () => {
    const off = setupWecom({ bot: {} as Bot, store: {} as Store, aibot: { mode: 'http', token: 't', aesKey: 'k', apiBase: 'x' } });
    expect(off).toBeUndefined();
  });
});
