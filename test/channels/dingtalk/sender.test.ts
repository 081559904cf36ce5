import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomRobotClient, DingtalkApiClient } from '../../../src/channels/dingtalk/api-client.ts';
import { DingtalkSender } from '../../../src/channels/dingtalk/sender.ts';
import type { SendTarget } from '../../../src/outbox/sender.ts';
import { PlatformError } from '../../../src/outbox/platform-error.ts';
import type { GroupChat, OutboundMessage, Person } from '../../../src/domain/types.ts';
import { FakeDingtalkServer } from '../../fakes/dingtalk-server.ts';

const GROUP = '/v1.0/robot/groupMessages/send';
const BATCH = '/v1.0/robot/oToMessages/batchSend';

const liaison: Person = { id: 'p-tax', name: '区税务局联络员', roles: ['liaison'], unitId: 'tax', ids: { dingtalk: 'staff-tax-01' } };
const appGroup: GroupChat = { id: 'g-liaison', name: '联络员群', purpose: 'liaison', ids: { dingtalk: 'cidGroupLiaison==' } };
const webhookGroup: GroupChat = {
  id: 'g-center', name: '纾困中心群', purpose: 'center', ids: {},
  webhook: { dingtalkToken: 'robot-token', dingtalkSecret: 'SECrobot' },
};

let n = 0;
function message(text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage {
  return { to: { kind: 'group', groupId: 'g' }, text, idempotencyKey: `k-${++n}`, ...extra };
}

async function rejection(p: Promise<unknown>): Promise<PlatformError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(PlatformError);
  return err as PlatformError;
}

describe('DingtalkSender', () => {
  let fake: FakeDingtalkServer;
  let clock: number;
  let sender: DingtalkSender;

  beforeEach(async () => {
    clock = Date.now();
    fake = await FakeDingtalkServer.start({ customRobots: { 'robot-token': 'SECrobot' }, unknownStaffIds: ['staff-gone'], now: () => clock });
    const api = new DingtalkApiClient({ apiBase: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode });
    sender = new DingtalkSender({ api, customRobot: new CustomRobotClient({ oapiBase: fake.baseUrl }), now: () => clock });
  });
  afterEach(() => fake.close());

  it('sends to a person through oToMessages/batchSend with the staffId', async () => {
    await sender.send(message('请于周五前提交季度排查结果。'), { kind: 'person', person: liaison, platformUserId: 'staff-tax-01' });
    const [call] = fake.callsTo(BATCH);
    expect(call!.body).toMatchObject({ robotCode: fake.robotCode, userIds: ['staff-tax-01'], msgKey: 'sampleMarkdown' });
  });

  it('reports an unknown staffId as non-retryable', async () => {
    const err = await rejection(sender.send(message('x'), { kind: 'person', person: liaison, platformUserId: 'staff-gone' }));
    expect(err.details).toMatchObject({ retryable: false, code: 'invalidStaffId' });
  });

  it('sends to a group through groupMessages/send with its openConversationId', async () => {
    await sender.send(message('今日简报'), { kind: 'group', group: appGroup });
    expect(fake.callsTo(GROUP)[0]!.body).toMatchObject({ openConversationId: 'cidGroupLiaison==' });
  });

  it('uses the custom robot (signed, with @) for a group that only has one', async () => {
    await sender.send(message('请各单位报送', { mentions: ['staff-tax-01'] }), { kind: 'group', group: webhookGroup });
    const [call] = fake.callsTo('/robot/send');
    expect(call!.query.access_token).toBe('robot-token');
    expect(call!.body).toMatchObject({ msgtype: 'markdown', at: { atUserIds: ['staff-tax-01'] } });
    expect(fake.callsTo(GROUP)).toHaveLength(0);
  });

  it('refuses the 21st message in a rolling minute without sending, with retryAfterMs', async () => {
    const target: SendTarget = { kind: 'group', group: webhookGroup };
    for (let i = 0; i < 20; i++) {
      await sender.send(message(`提醒 ${i}`), target);
      clock += 1000;
    }
    const err = await rejection(sender.send(message('第21条'), target));
    expect(err.details).toMatchObject({ retryable: true, code: 'local.rate.limit', retryAfterMs: 40_000 });
    expect(fake.callsTo('/robot/send')).toHaveLength(20);
    clock += 40_000;
    await sender.send(message('第21条'), target);
    expect(fake.callsTo('/robot/send')).toHaveLength(21);
  });

  it('counts per robot: the app robot is not held up by a full custom robot', async () => {
    for (let i = 0; i < 20; i++) await sender.send(message(`提醒 ${i}`), { kind: 'group', group: webhookGroup });
    await sender.send(message('通知'), { kind: 'group', group: appGroup });
    expect(fake.callsTo(GROUP)).toHaveLength(1);
  });

  it('does not resend the parts of a split message that already went out', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `- T${i} 区税务局 牵头 解除查封事项 期限 2026-12-31`).join('\n');
    const msg = message(long);
    const target: SendTarget = { kind: 'group', group: webhookGroup };
    fake.failNext(1, 'http500', '/robot/send', { after: 1 });
    await rejection(sender.send(msg, target));
    clock += 60_000;
    await sender.send(msg, target);
    const texts = fake.callsTo('/robot/send').map((c) => (c.body as { markdown: { text: string } }).markdown.text);
    const parts = Number(/（1\/(\d+)）/.exec(texts[0]!)![1]);
    expect(parts).toBeGreaterThan(2);
    // part 1, part 2 (failed), then parts 2..n once each
    expect(texts.map((t) => /（(\d+)\/\d+）/.exec(t)![1])).toEqual(['1', '2', ...Array.from({ length: parts - 1 }, (_, i) => String(i + 2))]);
  });

  it('never sends to external WeChat customers, and needs a route for a group', async () => {
    const external = await rejection(sender.send(message('x'), { kind: 'external', externalUserId: 'wm1', openKfId: 'kf1' }));
    expect(external.details).toMatchObject({ retryable: false, code: 'external' });
    const lonely: GroupChat = { id: 'g-none', name: '无', purpose: 'other', ids: {} };
    expect((await rejection(sender.send(message('x'), { kind: 'group', group: lonely }))).details).toMatchObject({ retryable: false, code: 'no-route' });
  });

  it('passes DingTalk throttling on as retryable with 10 minutes', async () => {
    const api = new DingtalkApiClient({ apiBase: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode });
    // A limit above DingTalk's lets the fake's own throttle answer.
    const loose = new DingtalkSender({ api, customRobot: new CustomRobotClient({ oapiBase: fake.baseUrl }), perMinute: 100 });
    for (let i = 0; i < 20; i++) await loose.send(message(`提醒 ${i}`), { kind: 'group', group: webhookGroup });
    const err = await rejection(loose.send(message('多余'), { kind: 'group', group: webhookGroup }));
    expect(err.details).toMatchObject({ retryable: true, code: 130101, retryAfterMs: 600_000 });
  });
});
