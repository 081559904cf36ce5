import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docxXml, readWorkbook, workingBot } from '../documents/fixture.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(dataDir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(WECOM|DINGTALK)_/u.test(k)) env[k] = v;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    cwd: ROOT, env: { ...env, DATA_DIR: dataDir, FUYUAN_CONFIG: '', LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run cli -- export …', () => {
  it('writes the roster, a 纪要 and a new 简报; a new 简报 needs the data directory to itself', async () => {
    const t = await workingBot();
    const out = mkdtempSync(join(tmpdir(), 'fuyuan-cli-docs-'));
    // While the service (here the test bot) holds the data directory: reading works from a copy…
    const roster = cli(t.dataDir, 'export', 'roster', '--out', join(out, '名册.xlsx'));
    expect(roster.stderr).toBe('');
    expect(roster.stdout).toBe(`已导出困境企业名册（一档（保）0家，二档（帮）1家，三档（关）0家，未分档1家，观察名单1家） → ${join(out, '名册.xlsx')}\n`);
    expect((await readWorkbook(join(out, '名册.xlsx'))).worksheets).toHaveLength(5);
    // …but a new issue of the 简报 must record its number.
    const locked = cli(t.dataDir, 'export', 'briefing');
    expect(locked.code).toBe(6);
    expect(locked.stderr).toContain('服务正在运行，新一期简报的期号要写入数据目录');
    await t.close();

    const minutes = cli(t.dataDir, 'export', 'minutes', 'M1', '--out', join(out, '纪要.docx'));
    expect(minutes.stdout).toContain('已导出城区企业破产处置府院联动机制业务会议纪要（第1号，业务会议 M1）');
    expect((await docxXml(join(out, '纪要.docx'))).text).toContain('出席：区税务局、区法院');

    const briefing = cli(t.dataDir, 'export', 'briefing');
    expect(briefing.code).toBe(0);
    expect(briefing.stdout).toMatch(/^已导出城区企业纾困工作简报第1期（.*） → .*\/exports\/城区企业纾困工作简报第1期_.*\.docx\n$/u);
    expect(readdirSync(join(t.dataDir, 'exports')).some((f) => f.startsWith('城区企业纾困工作简报第1期'))).toBe(true);
    const again = cli(t.dataDir, 'export', 'briefing', '--issue', '1', '--out', join(out, '简报.docx'));
    expect(again.stdout).toContain('已导出城区企业纾困工作简报第1期');
    expect(existsSync(join(out, '简报.docx'))).toBe(true);
  }, 120_000);
});
