import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUCKETS } from '../../src/store/indexes.ts';
import type { Task } from '../../src/store/model.ts';
import { SnapshotFiles } from '../../src/store/snapshot.ts';
import { Store } from '../../src/store/store.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'fuyuan-layout-'));
const crash = (store: Store) => (store as unknown as { lock: { release(): void } }).lock.release();

function task(n: number): Task {
  const at = '2026-11-21T00:00:00.000Z';
  return {
    id: `T${n}`, content: `任务${n}`, leadUnitId: 'tax', coUnitIds: [], deadline: '2026-12-31', originalDeadline: '2026-12-31',
    source: { kind: 'assigned', by: 'director' }, enterpriseIds: [], state: '办理中', history: [], createdAt: at, updatedAt: at,
  };
}

async function withTasks(dir: string, n: number): Promise<Store> {
  const store = await Store.open(dir);
  await store.transact({ actor: 'p', action: 'x' }, (tx) => {
    for (let i = 1; i <= n; i++) tx.put('tasks', task(i));
  });
  return store;
}

const original = BUCKETS.tasks;
afterEach(() => {
  BUCKETS.tasks = original;
  vi.restoreAllMocks();
});

describe('snapshot bucket layout', () => {
  it('names bucket files by their layout and removes files of an old one', async () => {
    const dir = tempDir();
    BUCKETS.tasks = 4;
    await (await withTasks(dir, 40)).close();
    expect(readdirSync(join(dir, 'snapshot')).filter((f) => f.startsWith('tasks.')).sort()).toEqual(['tasks.0of4.json', 'tasks.1of4.json', 'tasks.2of4.json', 'tasks.3of4.json']);
    BUCKETS.tasks = 8;
    const store = await Store.open(dir);
    expect(store.count('tasks')).toBe(40);
    await store.close();
    expect(readdirSync(join(dir, 'snapshot')).filter((f) => f.startsWith('tasks.'))).toHaveLength(8);
    expect((await Store.open(dir)).count('tasks')).toBe(40);
  });

  it('keeps the old layout whole when a re-distribution stops before its manifest is written', async () => {
    const dir = tempDir();
    BUCKETS.tasks = 1;
    await (await withTasks(dir, 50)).close();
    BUCKETS.tasks = 4;
    const store = await Store.open(dir);
    // Every new bucket file is written, then the process dies before the manifest.
    vi.spyOn(SnapshotFiles.prototype, 'writeManifest').mockRejectedValue(new Error('killed'));
    await expect(store.checkpoint()).rejects.toThrow('killed');
    crash(store);
    vi.restoreAllMocks();
    BUCKETS.tasks = 1;
    const again = await Store.open(dir);
    expect(again.count('tasks')).toBe(50);
    crash(again);
    BUCKETS.tasks = 4;
    const after = await Store.open(dir);
    expect(after.count('tasks')).toBe(50);
    await after.close();
    expect((await Store.open(dir)).count('tasks')).toBe(50);
  });

  it('reads a data directory written before the layout names, and converts it at the next checkpoint', async () => {
    const dir = tempDir();
    BUCKETS.tasks = 2;
    const store = await withTasks(dir, 20);
    await store.checkpoint();
    await store.transact({ actor: 'p', action: 'x' }, (tx) => tx.put('tasks', { ...task(21), content: '只在日志里' }));
    crash(store);
    // Make it look like the old naming: `tasks.0.json`, and a manifest without `layout`.
    const snap = join(dir, 'snapshot');
    const manifest = JSON.parse(readFileSync(join(snap, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    delete manifest.layout;
    writeFileSync(join(snap, 'manifest.json'), JSON.stringify(manifest));
    for (const f of readdirSync(snap)) {
      const m = /^(\w+)\.(\d+)of\d+\.json$/.exec(f);
      if (m) renameSync(join(snap, f), join(snap, `${m[1]}.${m[2]}.json`));
    }
    const legacy = await Store.open(dir);
    expect(legacy.count('tasks')).toBe(21);
    expect(legacy.get('tasks', 'T21')?.content).toBe('只在日志里');
    await legacy.close();
    expect(readdirSync(snap).filter((f) => /^\w+\.\d+\.json$/.test(f))).toEqual([]);
    expect((await Store.open(dir)).count('tasks')).toBe(21);
  });
});
