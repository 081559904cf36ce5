import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticImportGraph } from './support/static-imports.ts';

const root = join(import.meta.dirname, '..');

function start(env: Record<string, string>): { exited: Promise<{ code: number | null; out: string }>; kill(): void; output(): string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return {
    exited: new Promise((resolve) => child.on('exit', (code) => resolve({ code, out }))),
    kill: () => child.kill('SIGTERM'),
    output: () => out,
  };
}

async function until(check: () => boolean, ms = 45_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start', () => {
  it('serves /healthz with no platform account, and refuses a second process on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-main-'));
    const first = start({ DATA_DIR: dataDir, PORT: '0' });
    await until(() => first.output().includes('HTTP 服务'));
    expect(first.output()).toContain('未开启任何平台渠道：所有要发出的消息都打印在这里。');
    const second = start({ DATA_DIR: dataDir, PORT: '0' });
    const { code, out } = await second.exited;
    expect(code).toBe(3);
    expect(out).toMatch(/数据目录 .* 正被另一个进程（pid \d+）使用/);
    first.kill();
    expect((await first.exited).code).toBe(0);
  }, 90_000);

  it('refuses to run on a damaged data file, naming it, instead of starting empty', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-main-'));
    const first = start({ DATA_DIR: dataDir, PORT: '0' });
    await until(() => first.output().includes('HTTP 服务'));
    first.kill();
    await first.exited; // a clean stop writes a checkpoint
    const snap = join(dataDir, 'snapshot');
    writeFileSync(join(snap, 'manifest.json'), '{"schemaVersion":1,"seq":');
    const again = start({ DATA_DIR: dataDir, PORT: '0' });
    const { code, out } = await again.exited;
    expect(code).toBe(4);
    expect(out).toMatch(/manifest\.json 已损坏/);
    expect(readdirSync(snap)).toContain('manifest.json');
  }, 90_000);

  it('explains a broken config by key and exits with code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuyuan-main-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'mechanism: { name: 甲, office: 乙, region: 丙 }\nunits: []\npeople: []\n');
    const { code, out } = await start({ DATA_DIR: dir, PORT: '0', FUYUAN_CONFIG: file }).exited;
    expect(code).toBe(2);
    expect(out).toMatch(/配置文件 .*bad\.yaml 有误（共 2 处）：/);
    expect(out).toMatch(/units 至少要有 1 项（第 2 行）/);
  }, 90_000);

  it('says in one sentence that an unwritable data directory cannot be used, with exit code 7 and no stack trace', async () => {
    // sysfs refuses every new directory, even to root — as a read-only mount refuses the service.
    const { code, out } = await start({ DATA_DIR: '/sys/fuyuan-data', PORT: '0' }).exited;
    expect(code).toBe(7);
    expect(out).toContain('启动失败：数据目录 /sys/fuyuan-data 无法写入（没有写入权限）。服务必须能写数据目录');
    expect(out).not.toMatch(/\n\s+at /);
  }, 90_000);
});

describe('what starting the service loads', () => {
  it('leaves the Excel and Word writers, both platform SDKs and the calendar file library until first use', () => {
    const { packages } = staticImportGraph(join(root, 'src/main.ts'));
    const heavy = ['exceljs', 'docx', 'dingtalk-stream', '@wecom/aibot-node-sdk', 'ics', 'axios'];
    expect(Object.fromEntries(heavy.filter((p) => packages.has(p)).map((p) => [p, packages.get(p)!.slice(root.length + 1)]))).toEqual({});
  });
});

describe('npm start opens the dashboard', () => {
  it('prints a one-time local login link per console person when no platform is configured; each signs in once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-main-'));
    const server = start({ DATA_DIR: dataDir, PORT: '0' });
    await until(() => /区税务局联络员：http:\/\/127\.0\.0\.1:\d+\/dashboard\/login\/local\?token=\S+/u.test(server.output()));
    const link = /办公室主任：(http:\/\/127\.0\.0\.1:\d+\/dashboard\/login\/local\?token=\S+)/u.exec(server.output())![1]!;
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const cookie = first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const home = await fetch(new URL('/dashboard/', link), { headers: { cookie } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<span>办公室主任</span>');
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(401);
    server.kill();
    expect((await server.exited).code).toBe(0);
  }, 90_000);
});
