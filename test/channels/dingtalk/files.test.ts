import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/app.ts';
import type { ChannelSender } from '../../../src/outbox/sender.ts';
import { DingtalkApiClient } from '../../../src/channels/dingtalk/api-client.ts';
import { DingtalkSender } from '../../../src/channels/dingtalk/sender.ts';
import { type DingtalkSetup, setupDingtalk } from '../../../src/channels/dingtalk/setup.ts';
import { loadConfig } from '../../../src/config/load.ts';
import type { InboundMessage } from '../../../src/domain/types.ts';
import { buildTemplateWorkbook } from '../../../src/documents/template-xlsx.ts';
import { createHttpApp } from '../../../src/http/app.ts';
import { CalendarSync } from '../../../src/meetings/calendar/sync.ts';
import { FakeDingtalkServer, postRobotCallback, robotMessage } from '../../fakes/dingtalk-server.ts';
import { listenOnLoopback } from '../../support/listen.ts';

const BATCH = '/v1.0/robot/oToMessages/batchSend';
const config = loadConfig();

let fake: FakeDingtalkServer | undefined;
let closeWorld: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeWorld?.();
  closeWorld = undefined;
  await fake?.close();
  fake = undefined;
});

function apiOn(f: FakeDingtalkServer): DingtalkApiClient {
  return new DingtalkApiClient({ apiBase: f.baseUrl, oapiBase: f.baseUrl, appKey: f.appKey, appSecret: f.appSecret, robotCode: f.robotCode, timeoutMs: 2000 });
}

const params = (path: string) => fake!.callsTo(path).map((c) => {
  const b = c.body as { msgKey: string; msgParam: string; userIds?: string[] };
  return { msgKey: b.msgKey, param: JSON.parse(b.msgParam) as Record<string, string>, userIds: b.userIds };
});

describe('a file message to DingTalk', () => {
  it('to a person: the text, then oapi media/upload and a sampleFile message with the media_id', async () => {
    fake = await FakeDingtalkServer.start();
    const sender = new DingtalkSender({ api: apiOn(fake) });
    const path = join(mkdtempSync(join(tmpdir(), 'fuyuan-dt-file-')), 'x.docx');
    writeFileSync(path, 'docx bytes');
    const director = config.personById('director')!;
    await sender.send(
      { to: { kind: 'person', personId: 'director' }, text: '城区企业纾困工作简报第1期', file: { name: '城区企业纾困工作简报第1期.docx', path }, idempotencyKey: 'd1' },
      { kind: 'person', person: director, platformUserId: 'demo-dt-director' },
    );
    const sent = params(BATCH);
    expect(sent.map((s) => s.msgKey)).toEqual(['sampleMarkdown', 'sampleFile']);
    const [upload] = fake.callsTo('/media/upload');
    expect(upload!.query.type).toBe('file');
    const mediaId = (upload!.answered!.body as { media_id: string }).media_id;
    expect(fake.media.get(mediaId)).toMatchObject({ name: '城区企业纾困工作简报第1期.docx' });
    expect(fake.media.get(mediaId)!.bytes.toString()).toBe('docx bytes');
    expect(sent[1]).toEqual({ msgKey: 'sampleFile', param: { mediaId, fileName: '城区企业纾困工作简报第1期.docx', fileType: 'docx' }, userIds: ['demo-dt-director'] });
  });

  it('to a group with only a custom robot (which cannot carry files): the text says where to get it', async () => {
    fake = await FakeDingtalkServer.start({ customRobots: { 'robot-token': undefined } });
    const sender = new DingtalkSender({ customRobot: apiOn(fake).customRobotClient() });
    const group = { ...config.groups[0]!, ids: {}, webhook: { dingtalkToken: 'robot-token' } };
    await sender.send({ to: { kind: 'group', groupId: group.id }, text: '名册', file: { name: '名册.xlsx', path: '/x' }, idempotencyKey: 'g' }, { kind: 'group', group });
    const [call] = fake.callsTo('/robot/send');
    expect((call!.body as { markdown: { text: string } }).markdown.text).toContain('文件《名册.xlsx》无法通过群机器人发送，请在与机器人的单聊中获取。');
    expect(fake.callsTo('/media/upload')).toHaveLength(0);
  });
});

describe('DingTalk with the bot', () => {
  async function startWorld(): Promise<{ bot: App; dingtalk: DingtalkSetup; url: string }> {
    fake = await FakeDingtalkServer.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-dt-world-'));
    const senders: ChannelSender[] = [];
    const bot = await createApp({ config, dataDir, senders, clock: () => new Date('2026-11-23T09:00:00+08:00') });
    const dingtalk = setupDingtalk({
      bot: bot.bot,
      env: { appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode, mode: 'http', apiBase: fake.baseUrl, oapiBase: fake.baseUrl },
    })!;
    senders.push(dingtalk.sender);
    const http = createHttpApp({ store: bot.store, routes: [dingtalk.routes], channels: { dingtalk: true } });
    const server = await listenOnLoopback(http);
    closeWorld = async () => {
      await server.close();
      await dingtalk.stop();
      await bot.close();
    };
    return { bot, dingtalk, url: `${server.url}/dingtalk/robot` };
  }

  const sessionTexts = (session: string) =>
    fake!.callsTo('/robot/sendBySession').filter((c) => c.query.session === session).map((c) => (c.body as { markdown?: { text: string }; text?: { content: string } }).markdown?.text ?? (c.body as { text: { content: string } }).text.content);

  it('a list sent as a file: downloaded by its downloadCode, previewed, imported on 确认', async () => {
    const { bot, dingtalk, url } = await startWorld();
    const wb = buildTemplateWorkbook(config, config.unitById('tax')!, '2026-11-23');
    wb.getWorksheet('名单')!.addRow(['某某建材有限公司', '91440300100012316L', '欠税']);
    const downloadCode = fake!.addDownload('欠税企业名单.xlsx', new Uint8Array(await (wb as ExcelJS.Workbook).xlsx.writeBuffer()));
    const fileMsg = robotMessage({
      msgtype: 'file', conversationType: '1', conversationId: 'cid-single-tax', senderStaffId: 'demo-dt-tax',
      sessionWebhook: fake!.sessionWebhookUrl('s-file'), content: { downloadCode, fileName: '欠税企业名单.xlsx' },
    });
    delete (fileMsg as { text?: unknown }).text;
    expect((await postRobotCallback(url, fileMsg, { appSecret: fake!.appSecret })).status).toBe(200);
    await dingtalk.stop();
    expect(fake!.callsTo('/v1.0/robot/messageFiles/download').map((c) => c.body)).toEqual([{ downloadCode, robotCode: fake!.robotCode }]);
    expect(sessionTexts('s-file').join('\n')).toContain('名单导入预览 I1**（区税务局《欠税企业名单.xlsx》，读到1行）');
    expect(bot.store.count('enterprises')).toBe(0);

    const confirm = robotMessage({ conversationType: '1', conversationId: 'cid-single-tax', senderStaffId: 'demo-dt-tax', sessionWebhook: fake!.sessionWebhookUrl('s-ok'), text: { content: '确认' } });
    await postRobotCallback(url, confirm, { appSecret: fake!.appSecret });
    await dingtalk.stop();
    expect(sessionTexts('s-ok').join('\n')).toContain('已导入 I1《欠税企业名单.xlsx》：新增企业1家（E1）');
  });

  it('a fixed meeting becomes an .ics invitation, sent as a DingTalk file to every attendee', async () => {
    const { bot } = await startWorld();
    let n = 0;
    const say = (staffId: string, text: string) => bot.bot.handle({
      channel: 'dingtalk', messageId: `dt-${++n}`, chatKind: 'single', chatId: staffId, senderId: staffId, text, receivedAt: new Date(),
    } satisfies InboundMessage);
    await say('demo-dt-tax', '申请会议 议题:解除查封 单位:法院 时间:"2026-12-03 15:00"');
    expect((await say('demo-dt-court', '会议 M1 接受')).map((r) => r.text).join()).toContain('会议已确认');
    await bot.outbox.runOnce();
    const before = params(BATCH).length;
    const sync = new CalendarSync({ store: bot.store, config, ics: true, clock: bot.clock, onOutbox: () => bot.outbox.wake() });
    expect(await sync.runOnce()).toBe(1);
    await bot.outbox.runOnce();
    const files = params(BATCH).slice(before).filter((s) => s.msgKey === 'sampleFile');
    expect(files.map((f) => f.userIds![0]).sort()).toEqual(['demo-dt-court', 'demo-dt-director', 'demo-dt-tax']);
    expect(files[0]!.param).toMatchObject({ fileName: '会议邀请-M1.ics', fileType: 'ics' });
    const ics = fake!.media.get(files[0]!.param.mediaId!)!.bytes.toString('utf8');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('DTSTART:20261203T070000Z');
  });
});
