import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(dataDir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, FUYUAN_CONFIG: '', LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run cli -- backup', () => {
  it('writes a backup, and --verify (the restore drill) opens it as the service would without touching DATA_DIR', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-cli-backup-'));
    const store = await Store.open(dataDir);
    await store.transact({ actor: 't', action: 't' }, (tx) => tx.put('settings', { id: 'a', value: 1 }));
    await store.close();
    const out = mkdtempSync(join(tmpdir(), 'fuyuan-cli-backup-out-'));
    const file = join(out, 'b.tar.gz');

    expect(cli(dataDir, 'backup', '--out', file).stdout).toMatch(/^已备份 .* → .*b\.tar\.gz（[\d.]+ KB）\n$/);
    expect(readdirSync(out)).toEqual(['b.tar.gz']);
    const before = readdirSync(dataDir, { recursive: true }).sort();
    const verified = cli(join(out, 'no-such-data-dir'), 'backup', '--verify', file);
    expect(verified).toMatchObject({ code: 0, stdout: `备份 ${file} 可以恢复：0 家企业，日志到第 1 条。\n` });
    expect(readdirSync(dataDir, { recursive: true }).sort()).toEqual(before);

    const bad = join(out, 'bad.tar.gz');
    writeFileSync(bad, 'not a backup');
    const refused = cli(dataDir, 'backup', '--verify', bad);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toMatch(/^备份文件 bad\.tar\.gz 已损坏或不是本系统的备份（.*），未做任何改动。\n$/);
  });
});
