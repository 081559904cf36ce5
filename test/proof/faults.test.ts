import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import type { ChannelSender } from '../../src/outbox/sender.ts';
import { DingtalkApiClient } from '../../src/channels/dingtalk/api-client.ts';
import { DingtalkSender } from '../../src/channels/dingtalk/sender.ts';
import { WecomApiClient } from '../../src/channels/wecom/api-client.ts';
import { WecomSender } from '../../src/channels/wecom/sender.ts';
import { WecomWebhookClient } from '../../src/channels/wecom/webhook-client.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Recipient } from '../../src/domain/types.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { type Failure, FakeDingtalkServer } from '../fakes/dingtalk-server.ts';
import { type FakeFailure, type FakeWecom, startFakeWecom } from '../fakes/wecom-server.ts';
import { rng } from './support/rng.ts';
import { FAKE_WECOM } from './support/wecom-env.ts';

/**
 * Platform faults: the fake WeCom and DingTalk servers fail 30 % of the calls — 5xx, time-outs,
 * rate limits (45009 / 429), expired tokens (42001 / 401), busy (-1) — while 200 replies and pushes
 * (short and long ones, to people and to groups) go through the real senders and the outbox worker
 * on a fake clock. In the end every message has arrived exactly once (counted on the fake servers
 * by the marks in the texts, over the calls they accepted), or it is a dead letter with its reason.
 */

const MESSAGES = 200;
const FAILURE_RATE = 0.3;
const START = Date.parse('2026-11-23T09:00:00+08:00');
const WEBHOOK_KEY = 'proof-hook-key';
const ROBOT_TOKEN = 'proof-robot-token';
const ROBOT_SECRET = 'SECproofrobotsecret';

const config = loadConfig(undefined, {
  ...process.env,
  WECOM_LIAISON_WEBHOOK_KEY: WEBHOOK_KEY,
  DINGTALK_LIAISON_ROBOT_TOKEN: ROBOT_TOKEN,
  DINGTALK_LIAISON_ROBOT_SECRET: ROBOT_SECRET,
});

let app: App | undefined;
let closeFake: (() => Promise<void>) | undefined;
afterEach(async () => {
  await app?.close();
  await closeFake?.();
  app = undefined;
});

/** Message k: one mark, or (every 8th) 40 marked lines — long enough to be split into parts. */
function textOf(k: number): string {
  if (k % 8 !== 0) return `【测试推送】〔m${k}〕第${k}条消息：请按期报送季度排查结果。`;
  return Array.from({ length: 40 }, (_, j) => `〔m${k}.${j}〕第${k}条长消息的第${j}段：督办事项的办理情况说明，内容较长，需要分段发送。`).join('\n');
}

function marksOf(k: number): string[] {
  return k % 8 !== 0 ? [`m${k}`] : Array.from({ length: 40 }, (_, j) => `m${k}.${j}`);
}

/** The marks each accepted call carried, once per call (a title may repeat the first line). */
function deliveredMarks(bodies: unknown[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const body of bodies) {
    const marks = new Set([...JSON.stringify(body).matchAll(/〔(m\d+(?:\.\d+)?)〕/gu)].map((m) => m[1]!));
    for (const m of marks) count.set(m, (count.get(m) ?? 0) + 1);
  }
  return count;
}

const RECIPIENTS: Recipient[] = [
  { kind: 'person', personId: 'director' },
  { kind: 'person', personId: 'tax-liaison' },
  { kind: 'person', personId: 'hrss-liaison' },
  { kind: 'person', personId: 'court-liaison' },
  { kind: 'person', personId: 'convener' },
  { kind: 'group', groupId: 'liaison-group' },
  { kind: 'group', groupId: 'center-group' },
];
/** Refused for good by the platform (a userid it does not know): must end as dead letters. */
const REFUSED: Recipient = { kind: 'person', personId: 'admin' };
/** No channel at all. */
const NOWHERE: Recipient = { kind: 'person', personId: 'nobody-configured' };

async function run(platform: 'wecom' | 'dingtalk'): Promise<void> {
  const rand = rng(platform === 'wecom' ? 7 : 11);
  const clock = { ms: START };
  const now = () => clock.ms;
  let sender: ChannelSender;
  let accepted: () => unknown[];
  /** Calls to the sending endpoints, and how many of them the fake did not accept. */
  let calls: () => { total: number; failed: number };

  if (platform === 'wecom') {
    const fake: FakeWecom = await startFakeWecom({ corpId: FAKE_WECOM.corpId, secret: FAKE_WECOM.secret, agentId: FAKE_WECOM.agentId, webhookKeys: [WEBHOOK_KEY], now });
    closeFake = fake.close;
    const kinds: FakeFailure[] = [{ http: 500 }, { http: 502 }, { hang: true }, { errcode: 45009, errmsg: 'api freq out of limit' }, { errcode: 42001, errmsg: 'access_token expired' }, { errcode: -1, errmsg: 'system busy' }];
    fake.failWhen((call) => {
      const b = call.body as { touser?: string } | undefined;
      if (b?.touser === 'demo_admin') return { errcode: 81013, errmsg: 'user & party & tag all invalid' };
      if (rand() >= FAILURE_RATE) return undefined;
      return kinds[Math.floor(rand() * kinds.length)];
    });
    const api = new WecomApiClient({ baseUrl: fake.baseUrl, corpId: FAKE_WECOM.corpId, secret: FAKE_WECOM.secret, agentId: FAKE_WECOM.agentId, timeoutMs: 300, now });
    sender = new WecomSender({ api, webhook: new WecomWebhookClient({ baseUrl: fake.baseUrl, timeoutMs: 300 }), now });
    const SENDS = new Set(['/cgi-bin/message/send', '/cgi-bin/appchat/send', '/cgi-bin/webhook/send']);
    const ok = (c: (typeof fake.calls)[number]) => c.answered?.status === 200 && (c.answered.body as { errcode?: number }).errcode === 0;
    accepted = () => fake.calls.filter((c) => SENDS.has(c.path) && ok(c)).map((c) => c.body);
    calls = () => ({ total: fake.calls.length, failed: fake.calls.filter((c) => !ok(c)).length });
  } else {
    const fake = await FakeDingtalkServer.start({ customRobots: { [ROBOT_TOKEN]: ROBOT_SECRET }, unknownStaffIds: ['demo-dt-admin'], now });
    closeFake = () => fake.close();
    // The fake takes a queue of failures, each after a number of successful calls: 30 % of the calls.
    const kinds: Failure[] = ['http500', 'http429', 'token-invalid', 'hang'];
    let gap = 0;
    for (let i = 0; i < 4000; i++) {
      if (rand() < FAILURE_RATE) {
        fake.failNext(1, kinds[Math.floor(rand() * kinds.length)]!, undefined, { after: gap });
          gap = 0;
      } else gap++;
    }
    const api = new DingtalkApiClient({ apiBase: fake.baseUrl, oapiBase: fake.baseUrl, appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode, timeoutMs: 300, now });
    sender = new DingtalkSender({ api, customRobot: api.customRobotClient(), now });
    const SENDS = new Set(['/v1.0/robot/groupMessages/send', '/v1.0/robot/oToMessages/batchSend', '/robot/send']);
    const ok = (c: (typeof fake.calls)[number]) => {
      const b = c.answered?.body as { errcode?: number; invalidStaffIdList?: string[] } | undefined;
      return c.answered?.status === 200 && (b?.errcode ?? 0) === 0 && !b?.invalidStaffIdList?.length;
    };
    accepted = () => fake.calls.filter((c) => SENDS.has(c.path) && ok(c)).map((c) => c.body);
    calls = () => ({ total: fake.calls.length, failed: fake.calls.filter((c) => !ok(c)).length });
  }

  const dataDir = mkdtempSync(join(tmpdir(), `fuyuan-faults-${platform}-`));
  app = await createApp({ config, dataDir, senders: [sender], clock: () => new Date(clock.ms) });
  const { store, outbox } = app;

  // Queued as the commands queue them: inside transactions, a few per transaction.
  const to = (k: number): Recipient => (k % 50 === 0 ? REFUSED : k === 199 ? NOWHERE : RECIPIENTS[k % RECIPIENTS.length]!);
  for (let k = 1; k <= MESSAGES; k += 10) {
    await store.transact({ actor: 'proof', action: 'faults' }, (tx) => {
      for (let i = k; i < k + 10 && i <= MESSAGES; i++) enqueue(tx, new Date(clock.ms), { to: to(i), text: textOf(i), idempotencyKey: `proof:faults:${i}` });
    });
  }

  // Until quiet: run what is due, then move the fake clock to the next due item.
  let rounds = 0;
  for (; rounds < 2000; rounds++) {
    await outbox.runOnce();
    const pending = store.lookup('outbox', 'state', 'pending');
    if (pending.length === 0) break;
    const next = Math.min(...pending.map((i) => Date.parse(i.dueAt)));
    clock.ms = Math.max(clock.ms + 1000, next);
  }

  const items = [...store.values('outbox')];
  const sent = items.filter((i) => i.state === 'sent');
  const dead = items.filter((i) => i.state === 'dead');
  expect(items).toHaveLength(MESSAGES);
  expect(sent.length + dead.length, 'every message is sent or a dead letter').toBe(MESSAGES);

  const delivered = deliveredMarks(accepted());
  const k = (id: string) => Number(id.split(':').at(-1));
  for (const item of sent) {
    for (const mark of marksOf(k(item.id))) expect(delivered.get(mark) ?? 0, `${mark} of ${item.id}`).toBe(1);
  }
  for (const item of dead) {
    expect(item.lastError, item.id).toBeTruthy();
    // A dead letter may have got some of its parts out before it died, but none twice.
    for (const mark of marksOf(k(item.id))) expect(delivered.get(mark) ?? 0, `${mark} of dead ${item.id}`).toBeLessThanOrEqual(1);
  }
  // The dead letters are exactly the refused and the unroutable ones; nothing died of the 30 %.
  if (process.env.PROOF_DEBUG) for (const d of dead) console.log(d.id, d.attempts, d.lastError);
  const expectedDead = Array.from({ length: MESSAGES }, (_, i) => i + 1).filter((i) => to(i) === REFUSED || to(i) === NOWHERE);
  expect(dead.map((i) => k(i.id)).sort((a, b) => a - b)).toEqual(expectedDead);
  // About 30 % of all calls really failed (time-outs included).
  const c = calls();
  expect(c.failed / c.total).toBeGreaterThan(0.2);
  console.log(JSON.stringify({ faults: { platform, messages: MESSAGES, sent: sent.length, dead: dead.length, platformCalls: c.total, failedCalls: c.failed, outboxRounds: rounds, fakeMinutes: Math.round((clock.ms - START) / 60_000), maxAttempts: Math.max(...items.map((i) => i.attempts)) } }));
}

describe('platform faults: 30 % of the calls fail', () => {
  it('WeCom (5xx, time-outs, 45009, 42001, -1): every message arrives exactly once, or is a dead letter', { timeout: 120_000 }, () => run('wecom'));
  it('DingTalk (5xx, 429, rejected token, time-outs): every message arrives exactly once, or is a dead letter', { timeout: 120_000 }, () => run('dingtalk'));
});
