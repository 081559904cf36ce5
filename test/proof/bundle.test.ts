import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/wait.ts';
import { freePort } from './support/service.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

describe('the offline bundle (npm run bundle)', () => {
  it('unpacks into an empty folder and serves /healthz with Node alone, the registry unreachable', async () => {
    const built = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const tarball = built.stdout.trim().split('\n').at(-1)!;
    const into = tempDir('fuyuan-bundle-test-');
    expect(spawnSync('tar', ['-xzf', tarball, '-C', into]).status).toBe(0);
    const [top, ...more] = readdirSync(into);
    expect(more).toEqual([]);
    const app = join(into, top!);

    // Compiled code and production dependencies only: no sources, no compiler, no test tools.
    expect(existsSync(join(app, 'dist/src/main.js'))).toBe(true);
    expect(existsSync(join(app, 'src'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/koa'))).toBe(true);
    for (const dev of ['typescript', 'vitest', 'tsx']) expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    const unit = readFileSync(join(app, 'deploy/fuyuan-bot.service'), 'utf8');
    expect(unit).toMatch(/^User=fuyuan$/m);
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(existsSync(join(app, 'config/demo.yaml'))).toBe(true);

    // `npm start` there, with no registry, no npm cache and no home of its own.
    const home = tempDir('fuyuan-bundle-home-');
    const port = await freePort();
    const child = spawn('npm', ['start'], {
      cwd: app,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        npm_config_registry: 'http://127.0.0.1:9',
        npm_config_offline: 'true',
        npm_config_cache: join(home, '.npm'),
        npm_config_update_notifier: 'false',
        DATA_DIR: join(home, 'data'),
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await eventually(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(res.status).toBe(200);
      }, 60_000);
      expect(output).toContain('府院联动助手 启动');
      expect(output).not.toMatch(/ENOTFOUND|ECONNREFUSED|npm error/);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }, 900_000);
});
