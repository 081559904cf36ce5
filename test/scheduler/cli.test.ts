import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTickTime } from '../../src/cli/commands/tick.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-tick-'));

/** Runs `npm run cli -- …` as an admin would, with no platform credentials in the environment. */
function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(WECOM|DINGTALK)_/u.test(k)) env[k] = v;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: ROOT,
    env: { ...env, DATA_DIR: dataDir, FUYUAN_CONFIG: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tick --at', () => {
  it('with no platform configured prints every message — recipient and full text — to stdout', () => {
    const r = cli('tick', '--at', '2026-12-01T09:00:00+08:00');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('📨 发给 区税务局联络员（单聊）：');
    expect(r.stdout).toContain('**【季度排查】2026年第四季度危困企业排查开始**');
    expect(r.stdout).toContain('📨 发给 办公室主任（单聊）：');
    expect(r.stdout).toContain('定时任务 2026年12月1日 09:00：');
    expect(r.stdout).toContain('（未配置平台，已打印在上面）');
  }, 60_000);

  it('ticking the same instant again sends nothing', () => {
    const r = cli('tick', '--at', '2026-12-01T09:00:00+08:00');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('📨');
    expect(r.stdout).toContain('送出0条消息');
  }, 60_000);

  it('reads times with or without a zone (without: Beijing time)', () => {
    expect(parseTickTime('2026-12-01T09:00:00+08:00').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(parseTickTime('2026-12-01 09:00').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(parseTickTime('2026-12-01T01:00:00Z').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(parseTickTime('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(() => parseTickTime('明天九点')).toThrow('看不懂时间');
  });
});

describe('calendar set / show', () => {
  it('refuses an arrangement with 7 working days in a row, with the reason', () => {
    // Made-up 2027 dates (the real notice was not out when this was written), plus a bad 调休 Sunday.
    const r = cli('calendar', 'set', '2027',
      '--holidays', '元旦:2027-01-01..2027-01-03, 春节:2027-02-05..2027-02-12, 清明节:2027-04-03..2027-04-05, 劳动节:2027-05-01..2027-05-05, 端午节:2027-06-09, 中秋节:2027-09-15, 国庆节:2027-10-01..2027-10-07',
      '--workdays', '2027-01-31, 2027-02-14, 2027-02-20, 2027-04-25, 2027-05-08, 2027-09-26, 2027-10-09');
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('2027-02-14 至 2027-02-20 连续工作7天');
  }, 60_000);

  it('stores a valid one from a file and shows it', () => {
    const file = join(dataDir, 'arrangement-2027.yaml');
    writeFileSync(file, [
      '# HYPOTHETICAL 2027 arrangement for a test — not the real State Council notice',
      'year: 2027',
      'holidays:',
      '  元旦: 2027-01-01..2027-01-03',
      '  春节: 2027-02-05..2027-02-12',
      '  清明节: 2027-04-03..2027-04-05',
      '  劳动节: 2027-05-01..2027-05-05',
      '  端午节: 2027-06-09',
      '  中秋节: 2027-09-15',
      '  国庆节: 2027-10-01..2027-10-07',
      'workdays: [2027-01-31, 2027-02-20, 2027-04-25, 2027-05-08, 2027-09-26, 2027-10-09]',
    ].join('\n'));
    const set = cli('calendar', 'set', '2027', '--file', file);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('已录入2027年节假日安排');
    const show = cli('calendar', 'show', '2027');
    expect(show.stdout).toContain('2027年节假日安排（来源：管理员录入');
    expect(show.stdout).toContain('春节 2月5日—2月12日');
    expect(show.stdout).toContain('调休上班：1月31日（星期日）');
  }, 60_000);
});
