import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Enterprise } from '../../src/store/model.ts';
import { Store } from '../../src/store/store.ts';

function enterprise(id: string, name: string): Enterprise {
  const at = '2026-11-21T00:00:00.000Z';
  return { id, names: [name], signals: [], tierHistory: [], status: 'active', history: [], createdAt: at, updatedAt: at };
}

/** Drops the store without a checkpoint, as kill -9 would. */
function crash(store: Store): void {
  (store as unknown as { lock: { release(): void } }).lock.release();
}

describe('journal torn-tail repair', () => {
  it('cuts exactly the torn bytes when the tail ends inside a multi-byte character', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuyuan-journal-'));
    const store = await Store.open(dir);
    await store.transact({ actor: 'p1', action: '登记' }, (tx) => tx.put('enterprises', enterprise('E1', '甲公司')));
    crash(store);
    const seg = join(dir, 'journal', readdirSync(join(dir, 'journal')).sort().at(-1)!);
    const clean = readFileSync(seg);
    // The first byte of 公 (E5 85 AC): a record cut inside a 3-byte character.
    appendFileSync(seg, Buffer.concat([Buffer.from('{"seq":2,"at":"2026-11-21","actor":"p1","action":"登记","changes":[{"c":"enterprises","id":"E2","v":{"names":["乙'), Buffer.from([0xe5])]));

    const again = await Store.open(dir);
    expect(readFileSync(seg)).toEqual(clean);
    await again.transact({ actor: 'p1', action: '登记' }, (tx) => tx.put('enterprises', enterprise('E2', '乙公司')));
    crash(again);

    const third = await Store.open(dir);
    expect(third.get('enterprises', 'E1')?.names).toEqual(['甲公司']);
    expect(third.get('enterprises', 'E2')?.names).toEqual(['乙公司']);
    await third.close();
  });
});
