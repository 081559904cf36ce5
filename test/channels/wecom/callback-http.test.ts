import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from '../../../src/app.ts';
import { wecomAibotRoutes } from '../../../src/channels/wecom/aibot-callback.ts';
import { WECOM_CALLBACK_WINDOW_MS } from '../../../src/channels/wecom/callback-http.ts';
import { wecomAppRoutes } from '../../../src/channels/wecom/app-callback.ts';
import { SIGN_WINDOW_MS } from '../../../src/channels/dingtalk/sign.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { pruneOld } from '../../../src/store/housekeeping.ts';
import { appTextXml, wecomCallbackClient } from '../../fakes/wecom-callbacks.ts';
import { startKoa } from './harness.ts';

/**
 * The replay window of the WeCom doors, against the real core: a captured callback acts once,
 * whenever it is sent again — inside the window the handled-message record answers it, after the
 * window the door refuses it, and housekeeping never prunes a record while its window is open.
 */

const CORP_ID = 'wwreplaycorp01';
const APP = { token: 'replayAppToken', aesKey: 'kY3vQm9XoB2hT7cWp4LzR8nJf1sDg6uAeH5yK0iMqNw' };
const BOT = { token: 'replayBotToken', aesKey: 'Zr7Lq2Wm5Xc8Vb1Nk4Jh6Gf9Dd3Ss0Aa7Pp2Oo5Ii8U' };
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const DAY = 24 * 3_600_000;
const REGISTER = '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税';

let now = T0;
const app = wecomCallbackClient({ token: APP.token, encodingAESKey: APP.aesKey, receiveId: CORP_ID, now: () => now });
const aibot = wecomCallbackClient({ token: BOT.token, encodingAESKey: BOT.aesKey, receiveId: '', now: () => now });

let world: { bot: App; url: string; close(): Promise<void> } | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function startWorld() {
  now = T0;
  const bot = await createApp({ config: loadConfig(), dataDir: mkdtempSync(join(tmpdir(), 'fuyuan-replay-')), senders: [], clock: () => new Date(now) });
  const common = { handle: bot.bot.handle, commandForButton: () => undefined, defer: async () => undefined, sendLate: vi.fn(async () => undefined), now: () => new Date(now) };
  const server = await startKoa((router) => {
    wecomAppRoutes(router, { ...common, token: APP.token, encodingAESKey: APP.aesKey, corpId: CORP_ID });
    wecomAibotRoutes(router, { ...common, token: BOT.token, encodingAESKey: BOT.aesKey, api: { postResponseUrl: vi.fn(), ownsResponseUrl: () => false } });
  });
  world = { bot, url: server.url, close: async () => (await server.close(), await bot.close()) };
  return world;
}

const post = async (path: string, req: { query: string; body: string }) =>
  (await fetch(`${world!.url}${path}?${req.query}`, { method: 'POST', body: req.body })).status;
const enterprises = () => world!.bot.store.count('enterprises');

describe('WeCom callback replay window', () => {
  it('a captured app message acts once: inside the window it is answered from the record, after it refused', async () => {
    await startWorld();
    const captured = app.encryptedAppCallback(appTextXml({ corpId: CORP_ID, from: 'demo_tax', content: REGISTER, msgId: 'm-replay-1', createTime: T0 / 1000 }));
    expect(await post('/wecom/app', captured)).toBe(200);
    expect(enterprises()).toBe(1);

    now = T0 + WECOM_CALLBACK_WINDOW_MS - 1000;
    await pruneOld(world!.bot.store, new Date(now));
    expect(await post('/wecom/app', captured)).toBe(200);
    expect(enterprises()).toBe(1);

    now = T0 + 8 * DAY;
    await pruneOld(world!.bot.store, new Date(now));
    expect(world!.bot.store.get('inbox', 'wecom:m-replay-1')).toBeUndefined();
    expect(await post('/wecom/app', captured)).toBe(401);
    expect(enterprises()).toBe(1);
  });

  it('refuses a year-old app message and a 智能机器人 message from the future, and acts on neither', async () => {
    await startWorld();
    const old = String((T0 - 365 * DAY) / 1000);
    expect(await post('/wecom/app', app.encryptedAppCallback(appTextXml({ corpId: CORP_ID, from: 'demo_tax', content: REGISTER, msgId: 'm-old' }), old))).toBe(401);
    const ahead = String((T0 + WECOM_CALLBACK_WINDOW_MS + 60_000) / 1000);
    const payload = { msgid: 'ab-1', aibotid: 'A', chatid: 'c1', chattype: 'single', from: { userid: 'demo_tax' }, msgtype: 'text', text: { content: REGISTER } };
    expect(await post('/wecom/aibot', aibot.encryptedAibotCallback(payload, ahead))).toBe(401);
    expect(enterprises()).toBe(0);
    expect(world!.bot.store.count('inbox')).toBe(0);
  });

  it('housekeeping keeps a handled-message record for longer than any door accepts its request', async () => {
    await startWorld();
    expect(await post('/wecom/app', app.encryptedAppCallback(appTextXml({ corpId: CORP_ID, from: 'demo_tax', content: REGISTER, msgId: 'm-keep' })))).toBe(200);
    // A request is accepted while |now − its timestamp| ≤ window, and its timestamp may lie a window
    // before or after the moment we recorded it: the record must outlive twice the longest window.
    const longest = Math.max(WECOM_CALLBACK_WINDOW_MS, SIGN_WINDOW_MS);
    await pruneOld(world!.bot.store, new Date(T0 + 2 * longest + 60_000));
    expect(world!.bot.store.get('inbox', 'wecom:m-keep')).toBeDefined();
  });
});
