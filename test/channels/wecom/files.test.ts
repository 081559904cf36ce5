import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/app.ts';
import type { ChannelSender } from '../../../src/outbox/sender.ts';
import { WecomApiClient } from '../../../src/channels/wecom/api-client.ts';
import { WecomSender } from '../../../src/channels/wecom/sender.ts';
import { type WecomSetup, setupWecom } from '../../../src/channels/wecom/setup.ts';
import { WecomWebhookClient } from '../../../src/channels/wecom/webhook-client.ts';
import { parseXml } from '../../../src/channels/wecom/xml.ts';
import { loadConfig } from '../../../src/config/load.ts';
import type { OutboundMessage, Person } from '../../../src/domain/types.ts';
import { buildTemplateWorkbook } from '../../../src/documents/template-xlsx.ts';
import { createHttpApp } from '../../../src/http/app.ts';
import { appFileXml, appTextXml, wecomCallbackClient } from '../../fakes/wecom-callbacks.ts';
import { type FakeMedia, type FakeWecom, startFakeWecom } from '../../fakes/wecom-server.ts';
import { listenOnLoopback } from '../../support/listen.ts';

let fake: FakeWecom | undefined;
let closeWorld: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeWorld?.();
  closeWorld = undefined;
  await fake?.close();
  fake = undefined;
});

const config = loadConfig();
const director: Person = config.personById('director')!;

function aFile(name: string, content: string): { name: string; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'fuyuan-file-')), name);
  writeFileSync(path, content);
  return { name, path };
}

describe('a file message to WeCom', () => {
  it('to a person: the text, then media/upload (multipart) and message/send msgtype file with the media_id', async () => {
    fake = await startFakeWecom();
    const api = new WecomApiClient({ baseUrl: fake.baseUrl, corpId: fake.corpId, secret: fake.secret, agentId: fake.agentId });
    const sender = new WecomSender({ api, webhook: new WecomWebhookClient({ baseUrl: fake.baseUrl }) });
    const file = aFile('困境企业名册_2026-12-04_090000.xlsx', 'roster bytes');
    const msg: OutboundMessage = { to: { kind: 'person', personId: 'director' }, text: '困境企业名册（二档1家）', file, idempotencyKey: 'f1' };
    await sender.send(msg, { kind: 'person', person: director, platformUserId: 'demo_director' });

    const sent = fake.callsTo('message/send').map((c) => c.body as Record<string, any>);
    expect(sent.map((b) => b.msgtype)).toEqual(['markdown', 'file']);
    expect(sent[0]!.markdown.content).toBe('困境企业名册（二档1家）');
    const [upload] = fake.callsTo('media/upload');
    expect(upload!.query.type).toBe('file');
    const media = (upload!.body as Record<string, FakeMedia>).media!;
    expect(media.name).toBe('困境企业名册_2026-12-04_090000.xlsx');
    expect(media.bytes.toString()).toBe('roster bytes');
    expect(sent[1]).toEqual({ agentid: fake.agentId, touser: 'demo_director', msgtype: 'file', file: { media_id: (upload!.answered!.body as { media_id: string }).media_id }, enable_duplicate_check: 1, duplicate_check_interval: 1800 });

    // A retry of the same message after the file went out sends nothing again.
    await sender.send(msg, { kind: 'person', person: director, platformUserId: 'demo_director' });
    expect(fake.callsTo('message/send')).toHaveLength(2);
  });

  it('to a group with a push webhook: webhook/upload_media, then webhook/send msgtype file', async () => {
    fake = await startFakeWecom({ webhookKeys: ['hook-key-1'] });
    const sender = new WecomSender({ webhook: new WecomWebhookClient({ baseUrl: fake.baseUrl }) });
    const group = { ...config.groups[0]!, webhook: { wecomKey: 'hook-key-1' } };
    await sender.send({ to: { kind: 'group', groupId: group.id }, text: '会议邀请', file: aFile('会议邀请-M1.ics', 'BEGIN:VCALENDAR'), idempotencyKey: 'g1' }, { kind: 'group', group });
    const bodies = fake.callsTo('webhook/send').map((c) => c.body as Record<string, any>);
    expect(bodies.map((b) => b.msgtype)).toEqual(['markdown', 'file']);
    const [upload] = fake.callsTo('webhook/upload_media');
    expect(upload!.query).toMatchObject({ key: 'hook-key-1', type: 'file' });
    expect(bodies[1]!.file.media_id).toBe((upload!.answered!.body as { media_id: string }).media_id);
  });

  it('a file that is gone is not retried', async () => {
    fake = await startFakeWecom();
    const api = new WecomApiClient({ baseUrl: fake.baseUrl, corpId: fake.corpId, secret: fake.secret, agentId: fake.agentId });
    const sender = new WecomSender({ api, webhook: new WecomWebhookClient({ baseUrl: fake.baseUrl }) });
    const msg: OutboundMessage = { to: { kind: 'person', personId: 'director' }, text: 'x', file: { name: 'x.xlsx', path: '/nonexistent/x.xlsx' }, idempotencyKey: 'gone' };
    await expect(sender.send(msg, { kind: 'person', person: director, platformUserId: 'demo_director' })).rejects.toMatchObject({ details: { retryable: false, code: 'file_missing' } });
  });
});

describe('a list a liaison sends to the app as a file', () => {
  const CORP_ID = 'wwfilecorp0001';
  const APP = { token: 'fileAppToken', aesKey: 'kY3vQm9XoB2hT7cWp4LzR8nJf1sDg6uAeH5yK0iMqNw' };
  const client = wecomCallbackClient({ token: APP.token, encodingAESKey: APP.aesKey, receiveId: CORP_ID });

  async function startWorld(): Promise<{ bot: App; url: string }> {
    fake = await startFakeWecom({ corpId: CORP_ID });
    const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-wecom-file-'));
    const senders: ChannelSender[] = [];
    const bot = await createApp({ config, dataDir, senders, clock: () => new Date('2026-11-23T09:00:00+08:00') });
    const wecom: WecomSetup = setupWecom({
      bot: bot.bot, store: bot.store,
      app: { corpId: CORP_ID, agentId: fake.agentId, secret: fake.secret, token: APP.token, aesKey: APP.aesKey, apiBase: fake.baseUrl },
    })!;
    senders.push(wecom.sender);
    const http = createHttpApp({ store: bot.store, routes: [wecom.routes], channels: { wecomApp: true } });
    const server = await listenOnLoopback(http);
    closeWorld = async () => {
      await server.close();
      await bot.close();
    };
    return { bot, url: server.url };
  }

  async function post(url: string, signed: { query: string; body: string }): Promise<string> {
    const res = await fetch(`${url}/wecom/app?${signed.query}`, { method: 'POST', body: signed.body });
    expect(res.status).toBe(200);
    return parseXml(client.openXmlReply(await res.text())).Content ?? '';
  }

  it('downloads it with media/get, answers with the preview, and imports on 确认', async () => {
    const { bot, url } = await startWorld();
    const wb = buildTemplateWorkbook(config, config.unitById('tax')!, '2026-11-23');
    wb.getWorksheet('名单')!.addRow(['某某建材有限公司', '91440300100012316L', '欠税', '欠税12个月']);
    const mediaId = fake!.addMedia('欠税企业名单.xlsx', new Uint8Array(await (wb as ExcelJS.Workbook).xlsx.writeBuffer()));

    const preview = await post(url, client.encryptedAppCallback(appFileXml({ corpId: CORP_ID, from: 'demo_tax', mediaId, fileName: '欠税企业名单.xlsx', msgId: '7001' })));
    expect(fake!.callsTo('media/get').map((c) => c.query.media_id)).toEqual([mediaId]);
    expect(preview).toContain('名单导入预览 I1（区税务局《欠税企业名单.xlsx》，读到1行）');
    expect(preview).toContain('· 第2行 某某建材有限公司（91440300100012316L）：欠税时间较长、运营状态不佳（欠税12个月）');
    expect(bot.store.count('enterprises')).toBe(0);

    const done = await post(url, client.encryptedAppCallback(appTextXml({ corpId: CORP_ID, from: 'demo_tax', content: '确认', msgId: '7002' })));
    expect(done).toContain('已导入 I1《欠税企业名单.xlsx》：新增企业1家（E1）');
    expect(bot.store.get('enterprises', 'E1')!.history[0]!.text).toBe('区税务局批量导入：欠税时间较长、运营状态不佳（欠税12个月）');
  });

  it('a file WeCom no longer has (bad media_id) is answered, and nothing is staged', async () => {
    const { bot, url } = await startWorld();
    const reply = await post(url, client.encryptedAppCallback(appFileXml({ corpId: CORP_ID, from: 'demo_tax', mediaId: 'expired', fileName: '名单.xlsx', msgId: '7003' })));
    expect(reply).toBe('文件《名单.xlsx》下载失败，请稍后重新发送。');
    expect(bot.store.count('imports')).toBe(0);
  });
});
