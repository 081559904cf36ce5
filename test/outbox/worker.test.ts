import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelSender, SendTarget } from '../../src/outbox/sender.ts';
import { loadConfig } from '../../src/config/load.ts';
import { PlatformError } from '../../src/outbox/platform-error.ts';
import type { OutboundMessage } from '../../src/domain/types.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { OutboxWorker } from '../../src/outbox/worker.ts';
import { Store } from '../../src/store/store.ts';
import { WecomApiClient } from '../../src/channels/wecom/api-client.ts';
import { WecomSender } from '../../src/channels/wecom/sender.ts';
import { WecomWebhookClient } from '../../src/channels/wecom/webhook-client.ts';
import { startFakeWecom } from '../fakes/wecom-server.ts';

const config = loadConfig();
let store: Store | undefined;
afterEach(async () => store?.close());

/** A sender that fails as told, then records what it delivered. */
class FlakySender implements ChannelSender {
  readonly family = 'console' as const;
  delivered: string[] = [];
  failures: PlatformError[] = [];
  async send(msg: OutboundMessage, _target: SendTarget): Promise<void> {
    const f = this.failures.shift();
    if (f) throw f;
    this.delivered.push(msg.idempotencyKey);
  }
}

const retryable = (retryAfterMs?: number) => new PlatformError('busy', { platform: 'wecom', retryable: true, ...(retryAfterMs ? { retryAfterMs } : {}) });

async function setup(now: { t: Date }) {
  const dir = mkdtempSync(join(tmpdir(), 'fuyuan-outbox-'));
  store = await Store.open(dir);
  const sender = new FlakySender();
  const worker = new OutboxWorker({ store, config, senders: [sender], clock: () => now.t, baseDelayMs: 1000, maxAttempts: 4 });
  const put = (key: string, to = { kind: 'person' as const, personId: 'director' }) =>
    store!.transact({ actor: 't', action: 't' }, (tx) => {
      enqueue(tx, now.t, { to, text: '测试', idempotencyKey: key });
    });
  return { dir, sender, worker, put };
}

describe('OutboxWorker', () => {
  it('delivers each item once and never again', async () => {
    const now = { t: new Date('2026-12-01T01:00:00Z') };
    const { sender, worker, put } = await setup(now);
    await put('a');
    await put('a'); // same idempotency key: not queued twice
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect(sender.delivered).toEqual(['a']);
    expect(store!.get('outbox', 'a')?.state).toBe('sent');
  });

  it('retries a retryable failure with back-off and respects the platform retry-after', async () => {
    const now = { t: new Date('2026-12-01T01:00:00Z') };
    const { sender, worker, put } = await setup(now);
    sender.failures.push(retryable(), retryable(60_000));
    await put('b');
    await worker.runOnce();
    expect(store!.get('outbox', 'b')).toMatchObject({ state: 'pending', attempts: 1, dueAt: '2026-12-01T01:00:01.000Z' });
    now.t = new Date('2026-12-01T01:00:01Z');
    await worker.runOnce();
    expect(store!.get('outbox', 'b')?.dueAt).toBe('2026-12-01T01:01:01.000Z'); // 60 s retry-after beats 2 s back-off
    now.t = new Date('2026-12-01T01:00:30Z');
    expect(await worker.runOnce()).toBe(0);
    now.t = new Date('2026-12-01T01:01:01Z');
    expect(await worker.runOnce()).toBe(1);
    expect(sender.delivered).toEqual(['b']);
  });

  it('makes a dead letter of a refused message and of one that failed too often', async () => {
    const now = { t: new Date('2026-12-01T01:00:00Z') };
    const { sender, worker, put } = await setup(now);
    sender.failures.push(new PlatformError('invalid user', { platform: 'wecom', code: 81013, retryable: false }));
    await put('c');
    await worker.runOnce();
    expect(store!.get('outbox', 'c')).toMatchObject({ state: 'dead', lastError: 'invalid user' });
    sender.failures.push(retryable(), retryable(), retryable(), retryable());
    await put('d');
    for (let i = 0; i < 4; i++) {
      await worker.runOnce();
      now.t = new Date(now.t.getTime() + 60 * 60_000);
    }
    expect(store!.get('outbox', 'd')).toMatchObject({ state: 'dead', attempts: 4 });
    expect(sender.delivered).toEqual([]);
  });

  it('makes a dead letter of a message for nobody it can reach', async () => {
    const now = { t: new Date('2026-12-01T01:00:00Z') };
    const { worker, put } = await setup(now);
    await put('e', { kind: 'person', personId: 'no-such-person' } as never);
    await worker.runOnce();
    expect(store!.get('outbox', 'e')?.state).toBe('dead');
  });

  it('resumes after a restart without re-sending what was sent', async () => {
    const now = { t: new Date('2026-12-01T01:00:00Z') };
    const { dir, sender, worker, put } = await setup(now);
    await put('f');
    await worker.runOnce();
    await put('g');
    await store!.close();
    store = await Store.open(dir);
    const again = new OutboxWorker({ store, config, senders: [sender], clock: () => now.t });
    await again.runOnce();
    expect(sender.delivered).toEqual(['f', 'g']);
  });
});

describe('resolveTarget', () => {
  it('sends a reply back on the platform the person wrote on, and other messages on the preferred one', async () => {
    const { resolveTarget } = await import('../../src/outbox/resolve-target.ts');
    const wecom = { family: 'wecom' as const, send: async () => undefined };
    const dingtalk = { family: 'dingtalk' as const, send: async () => undefined };
    const director = { kind: 'person' as const, personId: 'director' };
    expect(resolveTarget(director, config, [wecom, dingtalk])?.sender.family).toBe('wecom');
    expect(resolveTarget(director, config, [wecom, dingtalk], 'dingtalk')?.sender.family).toBe('dingtalk');
    const group = { kind: 'group' as const, groupId: 'liaison-group' };
    expect(resolveTarget(group, config, [wecom, dingtalk], 'dingtalk')?.target).toMatchObject({ kind: 'group', platformChatId: 'cid-demo-liaison' });
  });

  it('a message in several parts resumes after a restart at the part it stopped at', async () => {
    const fake = await startFakeWecom({});
    try {
      const now = { t: new Date('2026-12-01T01:00:00Z') };
      const dir = mkdtempSync(join(tmpdir(), 'fuyuan-outbox-'));
      const wecom = () => {
        const api = new WecomApiClient({ baseUrl: fake.baseUrl, corpId: fake.corpId, secret: fake.secret, agentId: fake.agentId });
        return new WecomSender({ api, webhook: new WecomWebhookClient({ baseUrl: fake.baseUrl }) });
      };
      store = await Store.open(dir);
      const text = Array.from({ length: 120 }, (_, i) => `${i + 1}. 某某机械有限公司（E${i}）区税务局：欠税，已三个月。`).join('\n');
      await store.transact({ actor: 't', action: 't' }, (tx) => enqueue(tx, now.t, { to: { kind: 'person', personId: 'director' }, text, idempotencyKey: 'long' }));
      // Part 3 fails; then the service stops (its in-memory state is gone).
      let n = 0;
      fake.failWhen((call) => (call.path === '/cgi-bin/message/send' && ++n === 3 ? { http: 502 } : undefined));
      await new OutboxWorker({ store, config, senders: [wecom()], clock: () => now.t }).runOnce();
      fake.failWhen(undefined);
      await store.close();

      store = await Store.open(dir);
      now.t = new Date('2026-12-01T02:00:00Z');
      expect(await new OutboxWorker({ store, config, senders: [wecom()], clock: () => now.t }).runOnce()).toBe(1);
      const contents = fake.callsTo('message/send').map((c) => (c.body as { markdown: { content: string } }).markdown.content);
      // Parts 1 and 2 went out once; part 3 failed once and was sent again after the restart.
      expect(contents.length).toBeGreaterThan(3);
      expect(contents[3]).toBe(contents[2]);
      expect(new Set(contents).size).toBe(contents.length - 1);
      expect(contents.slice(3).join('\n')).toBe(text.slice(text.indexOf(contents[3]!)));
      expect(fake.callsTo('message/send')[0]!.body).toMatchObject({ enable_duplicate_check: 1, duplicate_check_interval: 1800 });
    } finally {
      await fake.close();
    }
  });
});
