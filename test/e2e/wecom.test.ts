import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import type { ChannelSender } from '../../src/outbox/sender.ts';
import { type WecomSetup, setupWecom } from '../../src/channels/wecom/setup.ts';
import { parseXml } from '../../src/channels/wecom/xml.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { pruneOld } from '../../src/store/housekeeping.ts';
import { type FakeWecom, type RecordedCall, startFakeWecom } from '../fakes/wecom-server.ts';
import { appCardClickXml, appTextXml, wecomCallbackClient } from '../fakes/wecom-callbacks.ts';
import { eventually } from '../support/wait.ts';
import { listenOnLoopback } from '../support/listen.ts';

/**
 * The WeCom channel end to end: the real app (store, dispatcher, commands, outbox) behind the real
 * koa server on a loopback port, WeCom played by signed and encrypted callbacks, and the fake WeCom
 * API receiving what the bot sends. Nothing between the wire and the store is mocked.
 */

const CORP_ID = 'wwe2ecorp0001';
const APP = { token: 'e2eAppToken', aesKey: 'kY3vQm9XoB2hT7cWp4LzR8nJf1sDg6uAeH5yK0iMqNw' };
const BOT = { token: 'e2eBotToken', aesKey: 'Zr7Lq2Wm5Xc8Vb1Nk4Jh6Gf9Dd3Ss0Aa7Pp2Oo5Ii8U' };
/** Monday: ten working days from here stay inside the holiday data the calendar has. */
const START = Date.parse('2026-11-23T09:00:00+08:00');

const REGISTER = '@府院联动助手 登记 某某机械有限公司 代码:91440300192317458F 情形:欠税';
const ASSIGN = '交办 内容:核查欠税 牵头:税务局 期限:10个工作日 企业:E1';

const app = wecomCallbackClient({ token: APP.token, encodingAESKey: APP.aesKey, receiveId: CORP_ID });
const aibot = wecomCallbackClient({ token: BOT.token, encodingAESKey: BOT.aesKey, receiveId: '' });

interface World {
  fake: FakeWecom;
  bot: App;
  url: string;
  close(): Promise<void>;
}

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** The service as main.ts composes it, with the WeCom app and the 智能机器人 pointed at the fake. */
async function startWorld(env: Record<string, string> = {}): Promise<World> {
  const fake = await startFakeWecom({ corpId: CORP_ID });
  const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-e2e-wecom-'));
  const senders: ChannelSender[] = [];
  // Dates come from a clock that starts on a fixed Monday and then runs in real time.
  const t0 = Date.now();
  const bot = await createApp({ config: loadConfig(undefined, env), dataDir, senders, clock: () => new Date(START + Date.now() - t0) });
  const wecom: WecomSetup = setupWecom({
    bot: bot.bot,
    store: bot.store,
    app: { corpId: CORP_ID, agentId: fake.agentId, secret: fake.secret, token: APP.token, aesKey: APP.aesKey, apiBase: fake.baseUrl },
    aibot: { mode: 'http', token: BOT.token, aesKey: BOT.aesKey, apiBase: fake.baseUrl },
  })!;
  senders.push(wecom.sender);
  const http = createHttpApp({ store: bot.store, routes: [wecom.routes], channels: { wecomApp: true, wecomAibot: true } });
  const server = await listenOnLoopback(http);
  bot.outbox.start(20);
  return {
    fake,
    bot,
    url: server.url,
    async close() {
      await server.close();
      await wecom.stop();
      await bot.close();
      await fake.close();
    },
  };
}

async function post(path: string, signed: { query: string; body: string }): Promise<{ status: number; body: string }> {
  const res = await fetch(`${world!.url}${path}?${signed.query}`, { method: 'POST', body: signed.body });
  return { status: res.status, body: await res.text() };
}

/** A group @-message to the 智能机器人; resolves with the decrypted passive reply. */
async function aibotGroupSay(userId: string, content: string, msgid: string): Promise<unknown> {
  const res = await post(
    '/wecom/aibot',
    aibot.encryptedAibotCallback({
      msgid, aibotid: 'aibot-e2e', chatid: 'demo_liaison_chat', chattype: 'group',
      from: { userid: userId }, response_url: world!.fake.newResponseUrl(), msgtype: 'text', text: { content },
    }),
  );
  expect(res.status).toBe(200);
  return aibot.openJsonReply(res.body);
}

/** A single-chat message to the self-built app; resolves with the decrypted passive text. */
async function appSay(userId: string, content: string, msgId: string): Promise<string> {
  const res = await post('/wecom/app', app.encryptedAppCallback(appTextXml({ corpId: CORP_ID, from: userId, content, msgId })));
  expect(res.status).toBe(200);
  return parseXml(app.openXmlReply(res.body)).Content ?? '';
}

let clickTime = 1_763_000_000;
/** A card click as WeCom posts it; the body is returned so a test can deliver it again. */
function cardClick(userId: string, taskId: string, eventKey: string, responseCode: string): { query: string; body: string } {
  return app.encryptedAppCallback(appCardClickXml({ corpId: CORP_ID, from: userId, taskId, eventKey, responseCode, createTime: ++clickTime }));
}

const sends = (userId: string, msgtype?: string): RecordedCall[] =>
  world!.fake.callsTo('message/send').filter((c) => {
    const b = c.body as { touser?: string; msgtype?: string };
    return b.touser === userId && (!msgtype || b.msgtype === msgtype);
  });
const markdownTo = (userId: string): string[] => sends(userId, 'markdown').map((c) => (c.body as { markdown: { content: string } }).markdown.content);
interface SentCard { task_id: string; main_title: { title: string }; button_list: { text: string; key: string }[] }
const cardsTo = (userId: string): SentCard[] => sends(userId, 'template_card').map((c) => (c.body as { template_card: SentCard }).template_card);
const task = (id = 'T1') => world!.bot.store.get('tasks', id);

/** Waits until nothing is left to send (and the after-response work has had its turn). */
async function settled(): Promise<void> {
  await eventually(() => expect(world!.bot.store.lookup('outbox', 'state', 'pending')).toHaveLength(0));
  await new Promise((r) => setTimeout(r, 150));
  await world!.bot.outbox.runOnce();
}

/** Steps (1) and (2): E1 listed from the group, T1 assigned to 税务局; returns the liaison's card. */
async function listedAndAssigned(assign = ASSIGN): Promise<SentCard> {
  const reply = (await aibotGroupSay('demo_tax', REGISTER, 'aibot-register-1')) as { msgtype: string; stream: { content: string; finish: boolean } };
  expect(reply).toMatchObject({ msgtype: 'stream', stream: { finish: true } });
  expect(reply.stream.content).toMatch(/^已列入名册：E1 某某机械有限公司\n情形：欠税时间较长、运营状态不佳（区税务局）/);
  expect(await appSay('demo_director', assign, 'app-assign-1')).toMatch(assign === ASSIGN ? /^已交办 T1，已通知牵头单位。/ : /^已交办 T1，已通知牵头单位和协办单位。/);
  await eventually(() => expect(cardsTo('demo_tax')).toHaveLength(1));
  return cardsTo('demo_tax')[0]!;
}

describe('WeCom end to end: list from the group, assign, complete and close by card clicks', () => {
  it('runs the whole story over real HTTP and real crypto', async () => {
    world = await startWorld();
    const { fake } = world;

    // (1) The tax liaison lists an enterprise from the liaison group through the 智能机器人.
    const reply = (await aibotGroupSay('demo_tax', REGISTER, 'aibot-register-1')) as { msgtype: string; stream: { content: string; finish: boolean } };
    expect(reply).toMatchObject({ msgtype: 'stream', stream: { finish: true } });
    expect(reply.stream.content).toMatch(/^已列入名册：E1 某某机械有限公司\n情形：欠税时间较长、运营状态不佳（区税务局）/);
    expect(world.bot.store.get('enterprises', 'E1')).toMatchObject({ uscc: '91440300192317458F', status: 'active' });
    // The director hears of it through the app (message/send, markdown).
    await eventually(() => expect(markdownTo('demo_director')).toEqual([expect.stringMatching(/^【名册变动】E1 某某机械有限公司 新列入名册\n区税务局：欠税时间较长/)]));

    // (2) The director assigns a task in the single chat with the app; the tax liaison gets a card.
    expect(await appSay('demo_director', ASSIGN, 'app-assign-1')).toMatch(/^已交办 T1，已通知牵头单位。/);
    expect(task()).toMatchObject({ state: '办理中', leadUnitId: 'tax', enterpriseIds: ['E1'] });
    await eventually(() => expect(cardsTo('demo_tax')).toHaveLength(1));
    const card = cardsTo('demo_tax')[0]!;
    expect(card).toMatchObject({ card_type: 'button_interaction', main_title: { title: '督办任务 T1' } });
    expect(card.button_list.map((b) => [b.text, b.key])).toEqual([['完成', 'done'], ['申请延期', 'extend']]);
    // The full notice goes first as markdown, since the card shows only a short description.
    expect(markdownTo('demo_tax')).toEqual([expect.stringMatching(/^【督办任务】T1：核查欠税\n牵头单位：区税务局/)]);

    // (3) The tax liaison clicks 完成: the task waits for review, the card shows the new state,
    // and the director gets a card with 办结 / 退回.
    const rc = fake.issueResponseCode();
    const click = await post('/wecom/app', cardClick('demo_tax', card.task_id, 'done', rc));
    expect(click).toEqual({ status: 200, body: '' });
    await eventually(() => expect(task()!.state).toBe('已完成待审'));
    expect(task()!.completion).toMatchObject({ note: '已办理', by: 'tax-liaison' });
    await eventually(() => expect(fake.callsTo('message/update_template_card')).toHaveLength(1));
    expect(fake.callsTo('message/update_template_card')[0]!.body).toMatchObject({
      agentid: fake.agentId, response_code: rc, userids: ['demo_tax'], button: { replace_name: `已报告 T1 完成，等待办公室主任审核。` },
    });
    await eventually(() => expect(cardsTo('demo_director')).toHaveLength(1));
    const review = cardsTo('demo_director')[0]!;
    expect(review.main_title.title).toBe('任务报完成 T1');
    expect(review.button_list.map((b) => [b.text, b.key])).toEqual([['办结', 'close'], ['退回', 'return']]);
    // The clicker's own answer comes through the app, as a typed command's would.
    await eventually(() => expect(markdownTo('demo_tax').some((m) => m.startsWith('已报告 T1 完成，等待办公室主任审核。'))).toBe(true));

    // (4) The director clicks 办结.
    const rc2 = fake.issueResponseCode();
    expect(await post('/wecom/app', cardClick('demo_director', review.task_id, 'close', rc2))).toEqual({ status: 200, body: '' });
    await eventually(() => expect(task()!.state).toBe('已办结'));
    await eventually(() => expect(markdownTo('demo_tax').some((m) => m.startsWith('【任务已办结】T1'))).toBe(true));
    await eventually(() => expect(fake.callsTo('message/update_template_card').map((c) => (c.body as { response_code: string }).response_code)).toEqual([rc, rc2]));
    await settled();
    expect(world.bot.store.lookup('outbox', 'state', 'dead')).toEqual([]);
  });

  it('acts once on a click WeCom delivers twice', async () => {
    world = await startWorld();
    const card = await listedAndAssigned();
    const click = cardClick('demo_tax', card.task_id, 'done', world.fake.issueResponseCode());
    expect((await post('/wecom/app', click)).status).toBe(200);
    await eventually(() => expect(task()!.state).toBe('已完成待审'));
    await settled();
    const seq = world.bot.store.lastSeq;
    const sent = world.fake.callsTo('message/send').length;

    // WeCom's retry: the very same request again.
    expect(await post('/wecom/app', click)).toEqual({ status: 200, body: '' });
    await settled();
    expect(task()!.history.filter((h) => h.text.startsWith('区税务局报完成'))).toHaveLength(1);
    expect(cardsTo('demo_director')).toHaveLength(1);
    expect(world.fake.callsTo('message/send')).toHaveLength(sent);
    expect(world.bot.store.lastSeq).toBe(seq);
  });

  it('refuses a click by someone who may not, with the same answer as typing', async () => {
    world = await startWorld();
    const leadCard = await listedAndAssigned(`${ASSIGN} 协办:人社局`);
    // The co-unit is told, without buttons it could only be refused on.
    await eventually(() => expect(markdownTo('demo_hrss')).toEqual([expect.stringMatching(/^【督办任务】T1：核查欠税\n牵头单位：区税务局；协办单位：区人社局/)]));
    await settled();
    expect(cardsTo('demo_hrss')).toEqual([]);
    const before = JSON.stringify(task());

    // The co-unit's liaison replays the lead's click (a forged callback): refused as typing is.
    const typedByCo = await appSay('demo_hrss', '完成 T1 说明:已办理', 'app-hrss-typed');
    expect(typedByCo).toBe('T1 由区税务局牵头，只有牵头单位报告完成；协办情况请告知区税务局。');
    expect((await post('/wecom/app', cardClick('demo_hrss', leadCard.task_id, 'done', world.fake.issueResponseCode()))).status).toBe(200);
    await eventually(() => expect(markdownTo('demo_hrss')).toContain(typedByCo));

    // Another unit's liaison replays the lead's card (a forged click): refused the same way as typing.
    const typedByOther = await appSay('demo_police', '完成 T1 说明:已办理', 'app-police-typed');
    expect(typedByOther).toBe('T1 不是贵单位的任务，由区税务局牵头报告完成。');
    expect((await post('/wecom/app', cardClick('demo_police', leadCard.task_id, 'done', world.fake.issueResponseCode()))).status).toBe(200);
    await eventually(() => expect(markdownTo('demo_police')).toContain(typedByOther));

    await settled();
    expect(JSON.stringify(task())).toBe(before);
    expect(cardsTo('demo_director')).toHaveLength(0);
  });

  it('acts on two cards clicked within the same second as two clicks', async () => {
    world = await startWorld();
    await listedAndAssigned();
    expect(await appSay('demo_director', '交办 内容:核查欠薪 牵头:税务局 期限:10个工作日 企业:E1', 'app-assign-2')).toMatch(/^已交办 T2/);
    await eventually(() => expect(cardsTo('demo_tax')).toHaveLength(2));
    const [c1, c2] = cardsTo('demo_tax');
    // CreateTime has whole seconds: the liaison clicks 完成 on both cards within one.
    clickTime += 1;
    const at = clickTime;
    const click = (taskId: string) =>
      app.encryptedAppCallback(appCardClickXml({ corpId: CORP_ID, from: 'demo_tax', taskId, eventKey: 'done', responseCode: world!.fake.issueResponseCode(), createTime: at }));
    expect((await post('/wecom/app', click(c1!.task_id))).status).toBe(200);
    expect((await post('/wecom/app', click(c2!.task_id))).status).toBe(200);
    await eventually(() => expect([task('T1')!.state, task('T2')!.state]).toEqual(['已完成待审', '已完成待审']));
    await eventually(() => expect(cardsTo('demo_director').map((c) => c.main_title.title).sort()).toEqual(['任务报完成 T1', '任务报完成 T2']));
  });

  it('still acts on a task card clicked after the monthly clean-up of sent messages', async () => {
    world = await startWorld();
    const card = await listedAndAssigned();
    await settled();
    // A month and more later, as housekeeping runs hourly in the service.
    await pruneOld(world.bot.store, new Date(START + 45 * 24 * 3_600_000));
    expect((await post('/wecom/app', cardClick('demo_tax', card.task_id, 'done', world.fake.issueResponseCode()))).status).toBe(200);
    await eventually(() => expect(task()!.state).toBe('已完成待审'));
  });

  it('@-mentions people in a group notice by their WeCom userids', async () => {
    world = await startWorld({ WECOM_LIAISON_WEBHOOK_KEY: 'hook-key-1' });
    // As the scheduler's screening deadline does: the liaisons of the units still missing, by person id.
    await world.bot.store.transact({ actor: 'system', action: 'e2e' }, (tx) => {
      enqueue(tx, new Date(START), {
        to: { kind: 'group', groupId: 'liaison-group' }, text: '第四季度排查截止，尚未反馈：区税务局、区人社局',
        mentions: ['tax-liaison', 'hrss-liaison'], idempotencyKey: 'e2e-mention-1',
      });
    });
    await eventually(() => expect(world!.fake.callsTo('webhook/send')).toHaveLength(1));
    const hook = world.fake.callsTo('webhook/send')[0]!;
    expect(hook.query.key).toBe('hook-key-1');
    expect((hook.body as { markdown: { content: string } }).markdown.content).toBe('<@demo_tax> <@demo_hrss>\n第四季度排查截止，尚未反馈：区税务局、区人社局');
  });

  it('answers a wrong signature with 401 and changes nothing', async () => {
    world = await startWorld();
    const card = await listedAndAssigned();
    await settled();
    const seq = world.bot.store.lastSeq;
    const calls = world.fake.calls.length;

    const forge = (signed: { query: string; body: string }) => {
      const q = new URLSearchParams(signed.query);
      q.set('msg_signature', '0'.repeat(40));
      return { query: q.toString(), body: signed.body };
    };
    const click = await post('/wecom/app', forge(cardClick('demo_tax', card.task_id, 'done', world.fake.issueResponseCode())));
    expect(click.status).toBe(401);
    const text = await post('/wecom/app', forge(app.encryptedAppCallback(appTextXml({ corpId: CORP_ID, from: 'demo_director', content: '办结 T1', msgId: 'forged-1' }))));
    expect(text.status).toBe(401);
    const group = await post('/wecom/aibot', forge(aibot.encryptedAibotCallback({
      msgid: 'forged-2', chatid: 'demo_liaison_chat', chattype: 'group', from: { userid: 'demo_tax' }, msgtype: 'text', text: { content: REGISTER },
    })));
    expect(group.status).toBe(401);
    // Signed and encrypted with the app's token and key, but posted to the 智能机器人: not its own.
    expect((await post('/wecom/aibot', app.encryptedAibotCallback({ msgid: 'x', msgtype: 'text', text: { content: '帮助' } }))).status).toBe(401);

    await settled();
    expect(task()!.state).toBe('办理中');
    expect(world.bot.store.lastSeq).toBe(seq);
    expect(world.fake.calls.length).toBe(calls);
  });
});
