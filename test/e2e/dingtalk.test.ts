import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import type { ChannelSender } from '../../src/outbox/sender.ts';
import { type DingtalkSetup, setupDingtalk } from '../../src/channels/dingtalk/setup.ts';
import { loadConfig } from '../../src/config/load.ts';
import { setupWecom } from '../../src/channels/wecom/setup.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { type FakeWecom, startFakeWecom } from '../fakes/wecom-server.ts';
import {
  type FakeCall, FakeDingtalkServer, FakeStreamGateway, type RobotMessageFixture, postRobotCallback, robotMessage,
} from '../fakes/dingtalk-server.ts';
import { eventually } from '../support/wait.ts';
import { listenOnLoopback } from '../support/listen.ts';

/**
 * The DingTalk channel end to end: the real app behind the real koa server on a loopback port,
 * DingTalk played by signed robot callbacks (and once by the Stream gateway), the fake DingTalk API
 * receiving what the bot sends. A "click" on a notice's dtmd:// link is what the DingTalk client
 * does with it: it sends the link's text as a message from the clicker.
 */

const START = Date.parse('2026-11-23T09:00:00+08:00');
const REGISTER = '@府院联动助手\u2005登记 某某机械有限公司 代码:91440300192317458F 情形:欠税';
const ASSIGN = '交办 内容:核查欠税 牵头:税务局 期限:10个工作日 企业:E1';

interface World {
  fake: FakeDingtalkServer;
  /** The WeCom fake, when WeCom is on as well. */
  wecomFake?: FakeWecom;
  bot: App;
  dingtalk: DingtalkSetup;
  url: string;
  close(): Promise<void>;
}

let world: World | undefined;
let gateway: FakeStreamGateway | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
  await gateway?.close();
  gateway = undefined;
  vi.restoreAllMocks();
});

/** The service as main.ts composes it, with DingTalk (and WeCom, if asked) pointed at the fakes. */
async function startWorld(mode: 'http' | 'stream' = 'http', options: { wecom?: boolean; gateway?: FakeStreamGateway } = {}): Promise<World> {
  const fake = await FakeDingtalkServer.start();
  options.gateway?.serveOn(fake);
  const wecomFake = options.wecom ? await startFakeWecom() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-e2e-dingtalk-'));
  const senders: ChannelSender[] = [];
  const t0 = Date.now();
  const bot = await createApp({ config: loadConfig(undefined, {}), dataDir, senders, clock: () => new Date(START + Date.now() - t0) });
  const dingtalk = setupDingtalk({
    bot: bot.bot,
    env: { appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode, mode, apiBase: fake.baseUrl, oapiBase: fake.baseUrl },
  })!;
  const wecom = wecomFake
    ? setupWecom({
        bot: bot.bot,
        store: bot.store,
        app: { corpId: wecomFake.corpId, agentId: wecomFake.agentId, secret: wecomFake.secret, token: 'e2eAppToken', aesKey: 'kY3vQm9XoB2hT7cWp4LzR8nJf1sDg6uAeH5yK0iMqNw', apiBase: wecomFake.baseUrl },
      })
    : undefined;
  // main.ts's order of preference: WeCom first.
  if (wecom) senders.push(wecom.sender);
  senders.push(dingtalk.sender);
  const http = createHttpApp({ store: bot.store, routes: [dingtalk.routes, ...(wecom ? [wecom.routes] : [])], channels: { dingtalk: true, wecomApp: Boolean(wecom) } });
  const server = await listenOnLoopback(http);
  bot.outbox.start(20);
  return {
    fake,
    ...(wecomFake ? { wecomFake } : {}),
    bot,
    dingtalk,
    url: server.url,
    async close() {
      await server.close();
      await dingtalk.stop();
      await bot.close();
      await fake.close();
      await wecomFake?.close();
    },
  };
}

let seq = 0;
/** A robot message from a demo person: in the liaison group ('2') or their single chat with the robot ('1'). */
function message(staffId: string, chat: 'group' | 'single', content: string, overrides: Partial<RobotMessageFixture> = {}): RobotMessageFixture {
  const session = `s-${++seq}`;
  return robotMessage({
    msgId: `msg-e2e-${seq}`,
    conversationType: chat === 'group' ? '2' : '1',
    conversationId: chat === 'group' ? 'cid-demo-liaison' : `cid-single-${staffId}`,
    senderStaffId: staffId,
    sessionWebhook: world!.fake.sessionWebhookUrl(session),
    text: { content },
    ...overrides,
  });
}

/** Posts a signed callback; resolves with the texts sent back through that message's sessionWebhook. */
async function say(staffId: string, chat: 'group' | 'single', content: string): Promise<string> {
  const msg = message(staffId, chat, content);
  const res = await postRobotCallback(`${world!.url}/dingtalk/robot`, msg, { appSecret: world!.fake.appSecret });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ msgtype: 'empty' });
  const session = new URL(msg.sessionWebhook!).searchParams.get('session');
  let replies: FakeCall[] = [];
  await eventually(() => {
    replies = world!.fake.callsTo('/robot/sendBySession').filter((c) => c.query.session === session);
    expect(replies.length).toBeGreaterThan(0);
  });
  return replies.map((c) => (c.body as { markdown: { text: string } }).markdown.text).join('\n');
}

/** What the robot API delivered to one person (oToMessages/batchSend), as markdown texts. */
function sentTo(staffId: string): string[] {
  return world!.fake
    .callsTo('/v1.0/robot/oToMessages/batchSend')
    .filter((c) => (c.body as { userIds: string[] }).userIds.includes(staffId))
    .map((c) => (JSON.parse((c.body as { msgParam: string }).msgParam) as { text: string }).text);
}

/** The commands behind a notice's dtmd:// links, as the DingTalk client would send them. */
function linkCommands(markdown: string): string[] {
  return [...markdown.matchAll(/\]\((dtmd:\/\/dingtalkclient\/sendMessage\?content=[^)]+)\)/g)].map((m) =>
    decodeURIComponent(new URL(m[1]!).searchParams.get('content')!),
  );
}

const task = (id = 'T1') => world!.bot.store.get('tasks', id);
/** Strips the trailing double spaces DingTalk markdown needs for line breaks. */
const plain = (markdown: string) => markdown.replace(/ {2}$/gm, '');

/** Every callback handled and answered, and nothing left in the outbox. */
async function settled(): Promise<void> {
  await world!.dingtalk.stop();
  await eventually(() => expect(world!.bot.store.lookup('outbox', 'state', 'pending')).toHaveLength(0));
  await world!.bot.outbox.runOnce();
}

describe('DingTalk end to end: list from the group, assign, complete and close through the links', () => {
  it('runs the whole story over real HTTP callbacks and the robot API', async () => {
    world = await startWorld();

    // A liaison lists an enterprise from the liaison group; the answer comes through the sessionWebhook.
    expect(plain(await say('demo-dt-tax', 'group', REGISTER))).toMatch(/^已列入名册：E1 某某机械有限公司\n情形：欠税时间较长、运营状态不佳（区税务局）/);
    expect(world.bot.store.get('enterprises', 'E1')).toMatchObject({ uscc: '91440300192317458F' });
    // The director is told through the robot API.
    await eventually(() => expect(sentTo('demo-dt-director')).toEqual([expect.stringMatching(/^【名册变动】E1 某某机械有限公司 新列入名册/)]));

    // The director assigns a task in the single chat; the liaison's notice carries the action links.
    expect(plain(await say('demo-dt-director', 'single', ASSIGN))).toMatch(/^已交办 T1，已通知牵头单位。/);
    await eventually(() => expect(sentTo('demo-dt-tax')).toHaveLength(1));
    const notice = sentTo('demo-dt-tax')[0]!;
    expect(notice).toMatch(/^【督办任务】T1：核查欠税/);
    const [done, extend] = linkCommands(notice);
    expect([done, extend]).toEqual(['完成 T1 说明:已办理', '延期 T1']);

    // The liaison clicks 完成: the client sends the link's text.
    expect(plain(await say('demo-dt-tax', 'single', done!))).toMatch(/^已报告 T1 完成，等待办公室主任审核。/);
    expect(task()).toMatchObject({ state: '已完成待审', completion: { note: '已办理', by: 'tax-liaison' } });
    await eventually(() => expect(sentTo('demo-dt-director')).toHaveLength(2));
    const review = sentTo('demo-dt-director')[1]!;
    expect(linkCommands(review)).toEqual(['办结 T1', '退回 T1']);

    // The director clicks 办结.
    expect(plain(await say('demo-dt-director', 'single', linkCommands(review)[0]!))).toMatch(/^T1 已办结，已告知牵头单位和协办单位。/);
    expect(task()!.state).toBe('已办结');
    await eventually(() => expect(sentTo('demo-dt-tax').some((t) => t.startsWith('【任务已办结】T1'))).toBe(true));
    await eventually(() => expect(world!.bot.store.lookup('outbox', 'state', 'pending')).toHaveLength(0));
    expect(world.bot.store.lookup('outbox', 'state', 'dead')).toEqual([]);
  });

  it('acts once on a callback DingTalk delivers twice, and refuses a bad signature with 401', async () => {
    world = await startWorld();
    const msg = message('demo-dt-tax', 'group', REGISTER);
    const url = `${world.url}/dingtalk/robot`;
    expect((await postRobotCallback(url, msg, { appSecret: world.fake.appSecret })).status).toBe(200);
    await settled();
    expect(sentTo('demo-dt-director')).toHaveLength(1);
    const seqAfterFirst = world.bot.store.lastSeq;
    const callsAfterFirst = world.fake.calls.length;
    expect((await postRobotCallback(url, msg, { appSecret: world.fake.appSecret })).status).toBe(200);
    await settled();
    expect(world.bot.store.lastSeq).toBe(seqAfterFirst);
    expect(world.fake.calls.length).toBe(callsAfterFirst);

    const forged = message('demo-dt-tax', 'group', '@府院联动助手\u2005登记 另一家公司 代码:91440300MA5DC1XX2K 情形:欠税');
    const bad = await postRobotCallback(url, forged, { appSecret: 'not-the-secret' });
    expect(bad.status).toBe(401);
    const stale = await postRobotCallback(url, forged, { appSecret: world.fake.appSecret, timestamp: Date.now() - 2 * 3_600_000 });
    expect(stale.status).toBe(401);
    await settled();
    expect(world.bot.store.lastSeq).toBe(seqAfterFirst);
    expect(world.fake.calls.length).toBe(callsAfterFirst);
  });
});

describe('DingTalk and WeCom on at the same time', () => {
  it('answers a DingTalk message on DingTalk and tells a person with ids on both once, on the preferred WeCom', async () => {
    world = await startWorld('http', { wecom: true });
    expect(plain(await say('demo-dt-tax', 'group', REGISTER))).toMatch(/^已列入名册：E1 某某机械有限公司/);
    await settled();
    const director = world.wecomFake!.callsTo('message/send').filter((c) => (c.body as { touser: string }).touser === 'demo_director');
    expect(director.map((c) => (c.body as { markdown: { content: string } }).markdown.content)).toEqual([expect.stringMatching(/^【名册变动】E1 某某机械有限公司/)]);
    expect(sentTo('demo-dt-director')).toEqual([]);

    // The notice's WeCom card is clicked on WeCom; the typed command keeps working on DingTalk.
    expect(plain(await say('demo-dt-director', 'single', ASSIGN))).toMatch(/^已交办 T1/);
    await settled();
    expect(world.wecomFake!.callsTo('message/send').some((c) => (c.body as { touser: string; msgtype: string }).touser === 'demo_tax' && (c.body as { msgtype: string }).msgtype === 'template_card')).toBe(true);
    expect(plain(await say('demo-dt-tax', 'single', '完成 T1 说明:已办理'))).toMatch(/^已报告 T1 完成/);
    expect(task()!.state).toBe('已完成待审');
  });
});

describe('DingTalk Stream mode end to end', () => {
  it('handles a robot frame from the gateway and acks it only after handling', async () => {
    // The SDK writes its own connection notes to the console.
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    gateway = await FakeStreamGateway.start();
    world = await startWorld('stream', { gateway });
    await gateway.waitForConnection();

    const msg = message('demo-dt-tax', 'group', REGISTER);
    const messageId = gateway.pushRobotMessage(msg);
    const ack = await gateway.waitForAck(messageId);
    expect(ack.frame).toMatchObject({ code: 200, headers: { messageId } });
    // By the time of the ack the enterprise is listed and the answer has gone out.
    expect(world.bot.store.get('enterprises', 'E1')).toMatchObject({ uscc: '91440300192317458F' });
    const session = new URL(msg.sessionWebhook!).searchParams.get('session');
    const [reply] = world.fake.callsTo('/robot/sendBySession').filter((c) => c.query.session === session);
    expect(plain((reply!.body as { markdown: { text: string } }).markdown.text)).toMatch(/^已列入名册：E1 某某机械有限公司/);
    expect(reply!.at).toBeLessThanOrEqual(ack.at);
    await eventually(() => expect(sentTo('demo-dt-director')).toEqual([expect.stringMatching(/^【名册变动】E1 某某机械有限公司/)]));
  });
});
