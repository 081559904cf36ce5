import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SendTarget } from '../../../src/outbox/sender.ts';
import type { GroupChat, OutboundMessage, Person } from '../../../src/domain/types.ts';
import { WecomApiClient } from '../../../src/channels/wecom/api-client.ts';
import { WecomSender } from '../../../src/channels/wecom/sender.ts';
import { WecomWebhookClient } from '../../../src/channels/wecom/webhook-client.ts';
import { utf8Length } from '../../../src/channels/wecom/text-split.ts';
import { type FakeWecom, startFakeWecom } from '../../fakes/wecom-server.ts';
import { platformError } from '../../support/platform-error.ts';

let fake: FakeWecom;
let clock: number;
let sender: WecomSender;

const person: Person = { id: 'p1', name: '区税务局联络员', roles: ['liaison'], unitId: 'tax', ids: { wecom: 'zhangsan' } };
const toPerson: SendTarget = { kind: 'person', person, platformUserId: 'zhangsan' };
const hookGroup: GroupChat = { id: 'g1', name: '联络员群', purpose: 'liaison', ids: {}, webhook: { wecomKey: 'hook-1' } };
const toHookGroup: SendTarget = { kind: 'group', group: hookGroup };
let seq = 0;
const msg = (text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  to: { kind: 'person', personId: 'p1' },
  text,
  idempotencyKey: `k${++seq}`,
  ...extra,
});
const lines = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1}. 某某机械有限公司（E${i}）区税务局：欠税，已三个月。`).join('\n');

beforeEach(async () => {
  clock = 1_800_000_000_000;
  fake = await startFakeWecom({ webhookKeys: ['hook-1'], now: () => clock });
  const api = new WecomApiClient({ baseUrl: fake.baseUrl, corpId: fake.corpId, secret: fake.secret, agentId: fake.agentId });
  const webhook = new WecomWebhookClient({ baseUrl: fake.baseUrl });
  sender = new WecomSender({ api, webhook, now: () => clock, mentionUserId: (id) => (id === 'p1' ? 'zhangsan' : undefined) });
});
afterEach(() => fake.close());


describe('WecomSender — persons', () => {
  it('sends markdown through message/send, split at 2048 bytes', async () => {
    const text = lines(80);
    await sender.send(msg(text), toPerson);
    const sends = fake.callsTo('message/send');
    expect(sends.length).toBeGreaterThan(1);
    const contents = sends.map((c) => (c.body as { markdown: { content: string } }).markdown.content);
    for (const c of contents) expect(utf8Length(c)).toBeLessThanOrEqual(2048);
    expect(contents.join('\n')).toBe(text);
    expect(sends[0]!.body).toMatchObject({ touser: 'zhangsan', msgtype: 'markdown', agentid: fake.agentId });
  });

  it('sends the full text first and then the card with its buttons', async () => {
    const card = { cardId: 'task-T31-2', title: '督办 T31', description: '期限 2026-12-31', buttons: [{ key: 'done', text: '完成', command: '完成 T31', style: 'primary' as const }] };
    await sender.send(msg('【督办】T31 核查欠税\n牵头：区税务局 期限：2026年12月31日', { card }), toPerson);
    const sent = fake.callsTo('message/send').map((c) => c.body);
    expect(sent[0]).toMatchObject({ touser: 'zhangsan', msgtype: 'markdown', markdown: { content: '【督办】T31 核查欠税\n牵头：区税务局 期限：2026年12月31日' } });
    expect(sent[1]).toMatchObject({
      touser: 'zhangsan',
      msgtype: 'template_card',
      template_card: { card_type: 'button_interaction', task_id: 'task-T31-2', button_list: [{ key: 'done', text: '完成', style: 1 }] },
    });
  });

  it('sends only the card when the text says no more than its title', async () => {
    const card = { cardId: 'task-T32-1', title: '督办 T32', description: '期限 2026-12-31', buttons: [{ key: 'done', text: '完成', command: '完成 T32' }] };
    await sender.send(msg('督办 T32', { card }), toPerson);
    expect(fake.callsTo("message/send").map((c) => (c.body as { msgtype: string }).msgtype)).toEqual(['template_card']);
  });

  it('refuses external recipients (not retryable)', async () => {
    const err = await platformError(sender.send(msg('x'), { kind: 'external', externalUserId: 'wm1', openKfId: 'wk1' }));
    expect(err.details.retryable).toBe(false);
  });
});

describe('WecomSender — groups', () => {
  it('uses the webhook with <@userid> mentions and splits at 4096 bytes', async () => {
    const text = lines(150);
    await sender.send(msg(text, { mentions: ['p1', 'unknown'] }), toHookGroup);
    const calls = fake.callsTo('webhook/send');
    expect(calls.length).toBeGreaterThan(1);
    const contents = calls.map((c) => (c.body as { markdown: { content: string } }).markdown.content);
    for (const c of contents) expect(utf8Length(c)).toBeLessThanOrEqual(4096);
    expect(contents[0]!.startsWith('<@zhangsan>\n')).toBe(true);
    expect(calls.every((c) => c.query.key === 'hook-1')).toBe(true);
  });

  it('turns a card into markdown for the webhook', async () => {
    const card = { cardId: 'c', title: '季度排查', description: '请于 12-31 前回复', buttons: [{ key: 'none', text: '无新增', command: '排查 无新增' }] };
    await sender.send(msg('x', { card }), toHookGroup);
    const content = (fake.callsTo('webhook/send')[0]!.body as { markdown: { content: string } }).markdown.content;
    expect(content).toContain('无新增：排查 无新增');
  });

  it('uses appchat/send for an app-created group without a webhook key', async () => {
    const group: GroupChat = { id: 'g2', name: '纾困中心', purpose: 'center', ids: { wecom: 'chat001' } };
    await sender.send(msg('新诉求 Q12'), { kind: 'group', group });
    expect(fake.callsTo('appchat/send')[0]!.body).toEqual({ chatid: 'chat001', msgtype: 'markdown', markdown: { content: '新诉求 Q12' } });
  });

  it('a group with neither webhook nor chat id is not retryable', async () => {
    const group: GroupChat = { id: 'g3', name: '其他', purpose: 'other', ids: {} };
    expect((await platformError(sender.send(msg('x'), { kind: 'group', group }))).details.retryable).toBe(false);
  });

  it('stops at 20 messages per robot per rolling minute with a retryable error', async () => {
    for (let i = 0; i < 20; i++) await sender.send(msg(`第${i}条`), toHookGroup);
    const err = await platformError(sender.send(msg('第21条'), toHookGroup));
    expect(err.details).toMatchObject({ retryable: true, code: 'local_rate_limit' });
    expect(err.details.retryAfterMs).toBeGreaterThan(0);
    expect(err.details.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(fake.callsTo('webhook/send')).toHaveLength(20);
    clock += 60_001;
    await sender.send(msg('第21条'), toHookGroup);
    expect(fake.callsTo('webhook/send')).toHaveLength(21);
  });

  it('a platform 45009 from the webhook is retryable with retryAfterMs', async () => {
    fake.failNext(1, { errcode: 45009, errmsg: 'api freq out of limit' }, 'webhook/send');
    const err = await platformError(sender.send(msg('x'), toHookGroup));
    expect(err.details).toMatchObject({ code: 45009, retryable: true, retryAfterMs: 60_000 });
  });

  it('a retry after a partial failure does not resend the pieces that went out', async () => {
    const m = msg(lines(150));
    let n = 0;
    fake.failWhen((call) => (call.path === '/cgi-bin/webhook/send' && ++n === 2 ? { http: 502 } : undefined));
    await platformError(sender.send(m, toHookGroup));
    fake.failWhen(undefined);
    const before = fake.callsTo('webhook/send').length;
    expect(before).toBe(2);
    await sender.send(m, toHookGroup);
    const contents = fake.callsTo('webhook/send').map((c) => (c.body as { markdown: { content: string } }).markdown.content);
    // piece 1 went out once; piece 2 failed and was sent again; nothing else repeats
    expect(contents.filter((c) => c === contents[0])).toHaveLength(1);
    expect(contents[2]).toBe(contents[1]);
    expect(new Set(contents).size).toBe(contents.length - 1);
  });
});
