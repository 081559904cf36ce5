import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneExports, pruneOld } from '../../src/store/housekeeping.ts';
import { Store } from '../../src/store/store.ts';

describe('pruneOld', () => {
  it('drops old handled-message and sent records, and keeps pending, dead and recent ones', async () => {
    const store = await Store.open(mkdtempSync(join(tmpdir(), 'fuyuan-hk-')));
    const old = '2026-10-01T00:00:00.000Z';
    const recent = '2026-11-20T00:00:00.000Z';
    const msg = { to: { kind: 'person' as const, personId: 'director' }, text: 'x', idempotencyKey: 'k' };
    await store.transact({ actor: 't', action: 't' }, (tx) => {
      tx.put('inbox', { id: 'old', at: old, replies: [] });
      tx.put('inbox', { id: 'new', at: recent, replies: [] });
      tx.put('inbox', { id: 'pending', at: old, replies: [], pending: { message: { channel: 'console', messageId: 'p', chatKind: 'single', chatId: 'a', senderId: 'a', text: 'x', receivedAt: new Date(old) }, repliesViaOutbox: true } });
      tx.put('outbox', { id: 'sent-old', message: msg, state: 'sent', attempts: 1, createdAt: old, dueAt: old, sentAt: old });
      tx.put('outbox', { id: 'sent-new', message: msg, state: 'sent', attempts: 1, createdAt: recent, dueAt: recent, sentAt: recent });
      tx.put('outbox', { id: 'dead-old', message: msg, state: 'dead', attempts: 8, createdAt: old, dueAt: old });
      // A card's buttons are mapped back through its outbox item when it is clicked, months later.
      const card = { cardId: 'task-T1-1-tax-liaison', title: '督办任务 T1', description: 'x', buttons: [{ key: 'done', text: '完成', command: '完成 T1 说明:已办理' }] };
      tx.put('outbox', { id: 'card-old', message: { ...msg, card }, state: 'sent', attempts: 1, createdAt: old, dueAt: old, sentAt: old });
    });
    expect(await pruneOld(store, new Date('2026-11-21T00:00:00Z'))).toEqual({ inbox: 1, outbox: 1, imports: 0 });
    expect([...store.values('inbox')].map((r) => r.id).sort()).toEqual(['new', 'pending']);
    expect([...store.values('outbox')].map((r) => r.id).sort()).toEqual(['card-old', 'dead-old', 'sent-new']);
    await store.close();
  });
});

describe('pruning staged lists and exported files', () => {
  it('drops a list nobody confirmed within a week, and keeps applied ones', async () => {
    const store = await Store.open(mkdtempSync(join(tmpdir(), 'fuyuan-hk-')));
    const batch = (id: string, state: 'staged' | 'applied', createdAt: string) =>
      ({ id, unitId: 'tax', fileName: 'a.xlsx', source: 'cli:x', rows: [], state, by: 'tax-liaison', createdAt });
    await store.transact({ actor: 't', action: 't' }, (tx) => {
      tx.put('imports', batch('I1', 'staged', '2026-11-01T00:00:00.000Z'));
      tx.put('imports', batch('I2', 'applied', '2026-11-01T00:00:00.000Z'));
      tx.put('imports', batch('I3', 'staged', '2026-11-20T00:00:00.000Z'));
    });
    expect((await pruneOld(store, new Date('2026-11-21T00:00:00Z'))).imports).toBe(1);
    expect([...store.values('imports')].map((b) => b.id).sort()).toEqual(['I2', 'I3']);
    await store.close();
  });

  it('deletes month-old exports but not one a waiting message is about to send', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuyuan-hk-'));
    const store = await Store.open(dir);
    mkdirSync(join(dir, 'exports', 'minutes'), { recursive: true });
    const old = new Date('2026-10-01T00:00:00Z');
    const paths = ['old.xlsx', 'minutes/old.docx', 'waiting.xlsx', 'new.xlsx'].map((f) => join(dir, 'exports', f));
    for (const p of paths) writeFileSync(p, 'x');
    for (const p of paths.slice(0, 3)) utimesSync(p, old, old);
    await store.transact({ actor: 't', action: 't' }, (tx) => {
      tx.put('outbox', { id: 'f', message: { to: { kind: 'person', personId: 'director' }, text: '名册', file: { name: 'waiting.xlsx', path: paths[2]! }, idempotencyKey: 'f' }, state: 'pending', attempts: 0, createdAt: old.toISOString(), dueAt: old.toISOString() });
    });
    expect(pruneExports(store, new Date('2026-11-21T00:00:00Z'))).toBe(2);
    expect(paths.map((p) => existsSync(p))).toEqual([false, false, true, true]);
    await store.close();
  });
});
