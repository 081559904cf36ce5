import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelSender } from '../../src/outbox/sender.ts';
import { loadConfig } from '../../src/config/load.ts';
import { PlatformError } from '../../src/outbox/platform-error.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { OutboxWorker } from '../../src/outbox/worker.ts';
import { Store } from '../../src/store/store.ts';

let store: Store | undefined;
afterEach(async () => store?.close());

describe('OutboxWorker and the senders’ own rate limits', () => {
  it('waits as long as the limit says without using up attempts, so a burst never becomes dead letters', async () => {
    store = await Store.open(mkdtempSync(join(tmpdir(), 'fuyuan-outbox-wait-')));
    const now = { t: Date.parse('2026-12-01T01:00:00Z') };
    let refusals = 20;
    const delivered: string[] = [];
    const sender: ChannelSender = {
      family: 'console',
      async send(msg) {
        if (refusals-- > 0) throw new PlatformError('每分钟最多发送 20 条', { platform: 'dingtalk', retryable: true, retryAfterMs: 30_000, notAttempted: true });
        delivered.push(msg.idempotencyKey);
      },
    };
    const worker = new OutboxWorker({ store, config: loadConfig(), senders: [sender], clock: () => new Date(now.t), maxAttempts: 3 });
    await store.transact({ actor: 't', action: 't' }, (tx) => enqueue(tx, new Date(now.t), { to: { kind: 'person', personId: 'director' }, text: '提醒', idempotencyKey: 'k' }));
    for (let i = 0; i < 25 && delivered.length === 0; i++) {
      await worker.runOnce();
      expect(store.get('outbox', 'k')?.state).not.toBe('dead');
      now.t += 30_000;
    }
    expect(delivered).toEqual(['k']);
    expect(store.get('outbox', 'k')).toMatchObject({ state: 'sent', attempts: 1 });
  });
});
