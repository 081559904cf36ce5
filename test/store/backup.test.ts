import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackup, restoreBackup } from '../../src/store/backup.ts';
import { DataDirLockedError } from '../../src/store/lock.ts';
import { Store } from '../../src/store/store.ts';

const temp = () => mkdtempSync(join(tmpdir(), 'fuyuan-backup-'));

async function storeWith(dir: string, ids: string[]): Promise<Store> {
  const store = await Store.open(dir);
  for (const id of ids) await store.transact({ actor: 't', action: 't' }, (tx) => tx.put('settings', { id, value: id }));
  return store;
}

describe('backup and restore', () => {
  it('backs up a running store and restores every acknowledged change into an empty directory', async () => {
    const dir = temp();
    const store = await storeWith(dir, ['a', 'b']);
    await store.checkpoint();
    await store.transact({ actor: 't', action: 't' }, (tx) => tx.put('settings', { id: 'c', value: 'c' }));
    const file = join(temp(), 'b.tar.gz');
    await createBackup(dir, file); // while the store is open
    await store.close();
    const target = join(temp(), 'restored');
    const r = await restoreBackup(file, target);
    expect(r.journalSeq).toBe(3);
    const restored = await Store.open(target);
    expect(['a', 'b', 'c'].map((id) => restored.get('settings', id)?.value)).toEqual(['a', 'b', 'c']);
    await restored.close();
  });

  it('refuses to overwrite data without --force, keeps the old data aside with it, and refuses while a service runs', async () => {
    const src = temp();
    await (await storeWith(src, ['new'])).close();
    const file = join(temp(), 'b.tar.gz');
    await createBackup(src, file);
    const target = temp();
    const running = await storeWith(target, ['old']);
    await expect(restoreBackup(file, target, { force: true })).rejects.toBeInstanceOf(DataDirLockedError);
    await running.close();
    await expect(restoreBackup(file, target)).rejects.toThrow(/已有数据。确认要用备份覆盖时加 --force/);
    const r = await restoreBackup(file, target, { force: true });
    expect(r.keptAside).toMatch(/before-restore/);
    const restored = await Store.open(target);
    expect(restored.get('settings', 'new')).toBeDefined();
    expect(restored.get('settings', 'old')).toBeUndefined();
    await restored.close();
  });

  it('reports a damaged backup instead of restoring it', async () => {
    const bad = join(temp(), 'bad.tar.gz');
    writeFileSync(bad, 'not a tarball');
    await expect(restoreBackup(bad, join(temp(), 'x'))).rejects.toThrow();
  });
});
