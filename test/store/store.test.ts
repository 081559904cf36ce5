import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorruptJournalError } from '../../src/store/journal.ts';
import { DataDirLockedError } from '../../src/store/lock.ts';
import type { Enterprise } from '../../src/store/model.ts';
import { CorruptSnapshotError } from '../../src/store/snapshot.ts';
import { FutureSchemaError, Store } from '../../src/store/store.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'fuyuan-store-'));

function enterprise(id: string, name: string, uscc?: string): Enterprise {
  const at = '2026-11-21T00:00:00.000Z';
  return { id, names: [name], ...(uscc ? { uscc } : {}), signals: [], tierHistory: [], status: 'active', history: [], createdAt: at, updatedAt: at };
}

describe('Store', () => {
  it('keeps a committed change across a restart, with and without a checkpoint', async () => {
    const dir = tempDir();
    let store = await Store.open(dir);
    await store.transact({ actor: 'p1', action: '登记' }, (tx) => tx.put('enterprises', enterprise('E1', '某某机械有限公司')));
    await store.close(); // checkpoints
    store = await Store.open(dir);
    expect(store.get('enterprises', 'E1')?.names).toEqual(['某某机械有限公司']);
    await store.transact({ actor: 'p1', action: '登记' }, (tx) => tx.put('enterprises', enterprise('E2', '某某商贸有限公司')));
    // Simulate a crash: release the lock without a checkpoint, then reopen.
    (store as unknown as { lock: { release(): void } }).lock.release();
    store = await Store.open(dir);
    expect(store.get('enterprises', 'E2')?.names).toEqual(['某某商贸有限公司']);
    expect(store.count('enterprises')).toBe(2);
    await store.close();
  });

  it('changes nothing when the transaction throws', async () => {
    const store = await Store.open(tempDir());
    await expect(
      store.transact({ actor: 'p1', action: 'x' }, (tx) => {
        tx.put('enterprises', enterprise('E1', '甲公司'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(store.get('enterprises', 'E1')).toBeUndefined();
    expect(store.lastSeq).toBe(0);
    await store.close();
  });

  it('finds documents through indexes, including inside a transaction', async () => {
    const store = await Store.open(tempDir());
    await store.transact({ actor: 'p1', action: 'x' }, (tx) => tx.put('enterprises', enterprise('E1', '甲公司', '91440300192317458F')));
    expect(store.lookup('enterprises', 'uscc', '91440300192317458F').map((e) => e.id)).toEqual(['E1']);
    await store.transact({ actor: 'p1', action: 'x' }, (tx) => {
      tx.put('enterprises', enterprise('E2', '乙公司', '914403001922038216'));
      expect(tx.lookup('enterprises', 'uscc', '914403001922038216').map((e) => e.id)).toEqual(['E2']);
      expect(tx.lookup('enterprises', 'name', '甲公司').map((e) => e.id)).toEqual(['E1']);
    });
    await store.transact({ actor: 'p1', action: 'rename' }, (tx) => {
      const e = tx.get('enterprises', 'E1')!;
      e.names = ['丙公司', ...e.names];
      tx.put('enterprises', e);
    });
    expect(store.lookup('enterprises', 'name', '丙公司').map((e) => e.id)).toEqual(['E1']);
    await store.close();
  });

  it('hands out copies: mutating what get() returned changes nothing until put', async () => {
    const store = await Store.open(tempDir());
    await store.transact({ actor: 'p1', action: 'x' }, (tx) => tx.put('enterprises', enterprise('E1', '甲公司')));
    await store.transact({ actor: 'p1', action: 'x' }, (tx) => {
      tx.get('enterprises', 'E1')!.names.push('乱改');
    });
    expect(store.get('enterprises', 'E1')?.names).toEqual(['甲公司']);
    await store.close();
  });

  it('issues short ids in order and never twice', async () => {
    const store = await Store.open(tempDir());
    const ids = await store.transact({ actor: 'p1', action: 'x' }, (tx) => [tx.nextId('E'), tx.nextId('E'), tx.nextId('T')]);
    expect(ids).toEqual(['E1', 'E2', 'T1']);
    expect(await store.transact({ actor: 'p1', action: 'x' }, (tx) => tx.nextId('E'))).toBe('E3');
    await store.close();
  });

  it('records who, what and from which message in the journal', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await store.transact({ actor: 'tax-liaison', action: '登记', source: 'wecom:123' }, (tx) => tx.put('enterprises', enterprise('E1', '甲公司')));
    await store.close();
    const segs = readdirSync(join(dir, 'journal'));
    const lines = segs.flatMap((s) => readFileSync(join(dir, 'journal', s), 'utf8').split('\n').filter(Boolean));
    const rec = JSON.parse(lines[0]!);
    expect(rec).toMatchObject({ seq: 1, actor: 'tax-liaison', action: '登记', source: 'wecom:123' });
    expect(typeof rec.at).toBe('string');
  });

  it('refuses a second process on the same data directory', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    writeFileSync(join(dir, 'LOCK'), '1'); // pid 1 is always alive
    await expect(Store.open(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await store.close();
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dir = tempDir();
    await (await Store.open(dir)).close();
    writeFileSync(join(dir, 'LOCK'), '999999999');
    const store = await Store.open(dir);
    expect(store.lastSeq).toBeGreaterThanOrEqual(0);
    await store.close();
  });

  it('drops a half-written last journal line and says so', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await store.transact({ actor: 'p1', action: 'x' }, (tx) => tx.put('enterprises', enterprise('E1', '甲公司')));
    (store as unknown as { lock: { release(): void } }).lock.release();
    const seg = join(dir, 'journal', readdirSync(join(dir, 'journal')).sort().at(-1)!);
    appendFileSync(seg, '{"seq":2,"at":"2026-11-2');
    const again = await Store.open(dir);
    expect(again.warnings.join()).toContain('写了一半');
    expect(again.get('enterprises', 'E1')).toBeDefined();
    await again.transact({ actor: 'p1', action: 'x' }, (tx) => tx.put('enterprises', enterprise('E2', '乙公司')));
    (again as unknown as { lock: { release(): void } }).lock.release();
    const third = await Store.open(dir);
    expect(third.get('enterprises', 'E2')).toBeDefined();
    await third.close();
  });

  it('refuses to run on a journal damaged in the middle', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    for (const id of ['E1', 'E2']) await store.transact({ actor: 'p1', action: 'x' }, (tx) => tx.put('enterprises', enterprise(id, id)));
    (store as unknown as { lock: { release(): void } }).lock.release();
    const seg = join(dir, 'journal', readdirSync(join(dir, 'journal')).sort().at(-1)!);
    const lines = readFileSync(seg, 'utf8').split('\n');
    lines[0] = lines[0]!.slice(0, 20);
    writeFileSync(seg, lines.join('\n'));
    await expect(Store.open(dir)).rejects.toBeInstanceOf(CorruptJournalError);
  });

  it('refuses to run on a damaged checkpoint file instead of starting empty', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await store.transact({ actor: 'p1', action: 'x' }, (tx) => tx.put('enterprises', enterprise('E1', '甲公司')));
    await store.close();
    const file = readdirSync(join(dir, 'snapshot')).find((f) => f.startsWith('enterprises.') && readFileSync(join(dir, 'snapshot', f), 'utf8').includes('E1'))!;
    writeFileSync(join(dir, 'snapshot', file), '{"items":{"E1":{"id":"E1"');
    await expect(Store.open(dir)).rejects.toBeInstanceOf(CorruptSnapshotError);
  });

  it('runs migrations once, as journaled transactions', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await store.transact({ actor: 'p1', action: 'x' }, (tx) => tx.put('enterprises', enterprise('E1', '甲公司')));
    await store.close();
    const upper = (tx: import('../../src/store/tx.ts').Tx) => {
      for (const e of [...tx.values('enterprises')]) tx.put('enterprises', { ...e, region: '城区' });
    };
    const migrated = await Store.open(dir, { migrations: [upper] });
    expect(migrated.get('enterprises', 'E1')?.region).toBe('城区');
    expect(migrated.schemaVersion()).toBe(2);
    const seqAfter = migrated.lastSeq;
    await migrated.close();
    const again = await Store.open(dir, { migrations: [upper] });
    expect(again.lastSeq).toBe(seqAfter);
    await again.close();
    await expect(Store.open(dir)).rejects.toBeInstanceOf(FutureSchemaError);
  });

  it('never loses an acknowledged write when the process is killed mid-write', async () => {
    const dir = tempDir();
    const acked = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/writer.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      let buf = '';
      const target = 30 + Math.floor(Math.random() * 80);
      await new Promise<void>((resolve) => {
        let seen = 0;
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          const lines = buf.split('\n');
          buf = lines.pop()!;
          for (const l of lines) if (l.startsWith('ACK ')) { acked.add(l.slice(4)); seen++; }
          if (seen >= target) child.kill('SIGKILL');
        });
        child.on('exit', () => resolve());
      });
      const store = await Store.open(dir);
      for (const id of acked) expect(store.get('settings', id), `acknowledged ${id} lost in round ${round}`).toBeDefined();
      (store as unknown as { lock: { release(): void } }).lock.release();
    }
    expect(acked.size).toBeGreaterThan(100);
  }, 60_000);
});
