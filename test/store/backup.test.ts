import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createBackup } from '../../src/store/backup.ts';
import { restoreBackup, verifyBackup } from '../../src/store/restore.ts';
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
    // An existing empty directory (a mounted volume) is filled in place, not replaced.
    const mounted = temp();
    const inode = statSync(mounted).ino;
    expect((await restoreBackup(file, mounted)).journalSeq).toBe(3);
    expect(statSync(mounted).ino).toBe(inode);
    expect(readdirSync(mounted).sort()).toEqual(['journal', 'snapshot']);
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

  it('200 hot backups under 4 writers with a checkpoint every 3 records: each restores, with every change acknowledged before it began', { timeout: 120_000 }, async () => {
    // On a RAM disk where there is one: this proves consistency, not the speed of fsync on a
    // shared test machine.
    const savedTmp = process.env.TMPDIR;
    if (existsSync('/dev/shm')) process.env.TMPDIR = '/dev/shm';
    onTestFinished(() => {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    });
    const dir = temp();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/hot-writers.ts'), dir], { stdio: ['pipe', 'pipe', 'inherit'] });
    /** Per writer, the highest acknowledged n (each writer acknowledges in order). */
    const acked = [-1, -1, -1, -1];
    let ready = false;
    createInterface({ input: child.stdout }).on('line', (l) => {
      const [kind, w, n] = l.split(' ');
      if (kind === 'READY') ready = true;
      else acked[Number(w)] = Number(n);
    });
    const out = temp();
    const backups: { file: string; before: number[] }[] = [];
    try {
      while (!ready) await new Promise((r) => setTimeout(r, 5));
      for (let i = 0; i < 200; i++) {
        const before = [...acked];
        child.stdin.write('go\n'); // four commits and a checkpoint or two, while the backup runs
        const file = join(out, `${i}.tar.gz`);
        await createBackup(dir, file);
        backups.push({ file, before });
      }
    } finally {
      child.kill('SIGKILL');
    }
    const problems: string[] = [];
    for (const { file, before } of backups) {
      try {
        await verifyBackup(file, (restored) => {
          before.forEach((last, w) => {
            const counter = restored.get('settings', `writer-${w}`)?.value as number | undefined;
            if (last >= 0 && (counter === undefined || counter < last)) problems.push(`${file}: writer ${w} counter ${counter} < ${last}`);
            for (let n = 0; n <= last; n++) if (!restored.get('enterprises', `E-${w}-${n}`)) problems.push(`${file}: E-${w}-${n} missing`);
          });
        });
      } catch (err) {
        problems.push(`${file}: ${(err as Error).message}`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(acked.reduce((a, b) => a + b)).toBeGreaterThan(200);
  });

  it('never leaves a file at the output path when the backup fails', async () => {
    const dir = temp();
    const store = await storeWith(dir, ['a']);
    await store.checkpoint();
    await store.close();
    rmSync(join(dir, 'snapshot', readdirSync(join(dir, 'snapshot')).find((f) => f.startsWith('settings'))!));
    const out = temp();
    await expect(createBackup(dir, join(out, 'b.tar.gz'))).rejects.toThrow();
    expect(readdirSync(out)).toEqual([]);
  });

  it('leaves the data directory untouched when the backup cannot be restored', async () => {
    const bad = join(temp(), 'bad.tar.gz');
    writeFileSync(bad, 'not a tarball');
    const target = join(temp(), 'data');
    await expect(restoreBackup(bad, target)).rejects.toThrow(/已损坏或不是本系统的备份/);
    expect(existsSync(target)).toBe(false);
    // An existing data directory: the damaged backup neither renames nor half-overwrites it.
    const existing = temp();
    await (await storeWith(existing, ['keep'])).close();
    const files = readdirSync(existing, { recursive: true }).sort();
    await expect(restoreBackup(bad, existing, { force: true })).rejects.toThrow(/未做任何改动/);
    expect(readdirSync(existing, { recursive: true }).sort()).toEqual(files);
    expect(readdirSync(join(existing, '..')).filter((f) => f.startsWith(basename(existing)) && f !== basename(existing))).toEqual([]);
  });
});

