import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelSender, SendTarget } from '../../src/outbox/sender.ts';
import { PlatformError } from '../../src/outbox/platform-error.ts';
import type { OutboundMessage } from '../../src/domain/types.ts';
import { OutboxWorker } from '../../src/outbox/worker.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

/** A channel that is down until told otherwise, then records what it delivered. */
class DownSender implements ChannelSender {
  readonly family = 'console' as const;
  down = true;
  delivered: OutboundMessage[] = [];
  async send(msg: OutboundMessage, _target: SendTarget): Promise<void> {
    if (this.down) throw new PlatformError('channel down', { platform: 'wecom', retryable: true });
    this.delivered.push(msg);
  }
}

/** The bot's own outbox is drained by a worker whose channel is down. */
async function withChannelDown(): Promise<{ sender: DownSender; worker: OutboxWorker }> {
  t = await createTestBot({ dataDir: mkdtempSync(join(tmpdir(), 'fuyuan-stale-')) });
  const sender = new DownSender();
  const worker = new OutboxWorker({ store: t.app.store, config: t.config, senders: [sender], clock: () => t.clock.now, baseDelayMs: 1 });
  return { sender, worker };
}

const pending = () => t.app.store.lookup('outbox', 'state', 'pending');

/** Puts an item back in the queue as if its channel had been down all along. */
async function stillQueued(id: string): Promise<void> {
  await t.app.store.transact({ actor: 'test', action: 'undeliver' }, (tx) => {
    const { sentAt: _sent, ...item } = tx.get('outbox', id)!;
    tx.put('outbox', { ...item, state: 'pending', attempts: 1, lastError: 'channel down' });
  });
}

describe('a queued push made false by a later change', () => {
  it('a 会议邀请 still queued when the meeting moved is withdrawn; the 会议改期 goes out instead', async () => {
    const { sender, worker } = await withChannelDown();
    await t.say('区税务局联络员', 'single', '申请会议 议题:解除查封 单位:人社局 时间:"2026-12-03 15:00"');
    const invitation = [...t.app.store.values('outbox')].find((i) => i.message.text.startsWith('【会议邀请】'))!;
    await t.say('区税务局联络员', 'single', '会议 M1 时间:"2026-12-04 10:00"');
    const moved = [...t.app.store.values('outbox')].find((i) => i.message.text.startsWith('【会议改期】') && i.message.to.kind === 'person' && i.message.to.personId === 'hrss-liaison')!;
    await stillQueued(invitation.id);
    await stillQueued(moved.id);
    sender.down = false;
    await worker.runOnce();
    expect(t.app.store.get('outbox', invitation.id)).toMatchObject({ state: 'withdrawn', lastError: '已撤回：会议 M1 的时间已改' });
    expect(sender.delivered.map((m) => m.idempotencyKey)).toEqual([moved.id]);
    expect(pending()).toEqual([]);
  });

  it('an invitation for a meeting since parked, and a task card for a task since closed, are withdrawn', async () => {
    const { sender, worker } = await withChannelDown();
    await t.say('区税务局联络员', 'single', '申请会议 议题:解除查封 单位:人社局 时间:"2026-12-03 15:00"');
    const invitation = [...t.app.store.values('outbox')].find((i) => i.message.text.startsWith('【会议邀请】'))!;
    await t.say('区税务局联络员', 'single', '暂缓 M1 理由:等待评估报告');
    await t.say('办公室主任', 'single', '交办 内容:核实欠薪 牵头:人社局 期限:2026-12-18');
    const card = [...t.app.store.values('outbox')].find((i) => i.message.card?.title === '督办任务 T1')!;
    await t.say('区人社局联络员', 'single', '完成 T1 说明:已核实');
    await t.say('办公室主任', 'single', '办结 T1');
    await stillQueued(invitation.id);
    await stillQueued(card.id);
    sender.down = false;
    await worker.runOnce();
    expect(t.app.store.get('outbox', invitation.id)).toMatchObject({ state: 'withdrawn', lastError: '已撤回：会议 M1 已暂缓' });
    expect(t.app.store.get('outbox', card.id)).toMatchObject({ state: 'withdrawn', lastError: '已撤回：督办任务 T1 已办结' });
    expect(sender.delivered).toEqual([]);
  });
});
