import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatFor, ticketRows, toCsv } from '../../src/intake/export.ts';
import { type IntakeBot, createIntakeBot } from './harness.ts';

let t: IntakeBot;
afterEach(async () => t?.close());

const root = join(import.meta.dirname, '..', '..');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

async function twoTickets(): Promise<IntakeBot> {
  const bot = await createIntakeBot();
  await bot.customerSays('wmA', '账户被冻结，联系电话13812345678');
  await bot.customerSays('wmB', '=HYPERLINK("http://x") 设备被查封, "急"');
  await bot.say('纾困中心工作人员甲', 'single', '回复 Q1 已联系银行');
  await bot.say('纾困中心工作人员甲', 'single', '转办 Q2 单位:法院');
  return bot;
}

describe('tickets export', () => {
  it('gives one row per ticket with the center’s data, masking phone numbers on request', async () => {
    t = await twoTickets();
    const rows = await t.app.store.transact({ actor: 'test', action: 'read' }, (tx) => ticketRows(tx, t.config, t.app.calendar));
    expect(rows[0]).toEqual({
      id: 'Q1', state: '处理中', category: '', suggestedCategory: '账户冻结', enterpriseId: '', enterpriseName: '', uscc: '', unit: '',
      createdAt: '2026-11-23 09:00', firstAnswerAt: '2026-11-23 09:00', answerWorkingHours: '0', closedAt: '',
      requests: '[2026-11-23 09:00] 账户被冻结，联系电话13812345678', replies: '[2026-11-23 09:00] 已联系银行',
      externalUserId: 'wmA', openKfId: 'wkRescueCenter01',
    });
    expect(rows[1]).toMatchObject({ id: 'Q2', state: '已转办', unit: '区法院' });
    const masked = await t.app.store.transact({ actor: 'test', action: 'read' }, (tx) => ticketRows(tx, t.config, t.app.calendar, { mask: true }));
    expect(masked[0]!.requests).toBe('[2026-11-23 09:00] 账户被冻结，联系电话138****5678');
  });

  it('writes CSV for Excel: BOM, CRLF, quoting, and no formulas from enterprise text', () => {
    const row = { id: 'Q1', requests: '=1+1', replies: 'a,"b"\nc' } as Parameters<typeof toCsv>[0][number];
    const csv = toCsv([row]);
    expect(csv.startsWith('\uFEFF编号,状态,类别,建议类别,企业编号,企业名称,信用代码,承办单位,提交时间,首次答复时间,答复用时（工作小时）,办结时间,企业留言,答复,微信客户ID,客服账号\r\n')).toBe(true);
    expect(csv).toContain(",'=1+1,\"a,\"\"b\"\"\nc\",");
    expect(formatFor('台账.CSV')).toBe('csv');
    expect(formatFor('x.json')).toBe('json');
    expect(formatFor('x.txt', 'json')).toBe('json');
    expect(() => formatFor('x.csv', 'xlsx')).toThrow('导出格式只能是 csv 或 json，不能是“xlsx”。');
  });

  it('npm run cli -- export tickets --out FILE, also while the service holds the data directory', async () => {
    t = await twoTickets();
    const out = join(mkdtempSync(join(tmpdir(), 'fuyuan-export-test-')), '诉求台账.csv');
    // The test bot keeps the data directory locked, as a running service does.
    const r = await cli(['export', 'tickets', '--out', out], { DATA_DIR: t.dataDir });
    expect(r.out).toContain(`已导出 2 件企业诉求 → ${out}（CSV）`);
    expect(r.code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[1]).toMatch(/^Q1,处理中,,账户冻结,/u);

    const json = join(out, '..', 'tickets.json');
    await t.close();
    const r2 = await cli(['export', 'tickets', '--out', json, '--mask'], { DATA_DIR: t.dataDir });
    expect(r2.code).toBe(0);
    const parsed = JSON.parse(readFileSync(json, 'utf8')) as { id: string; requests: string }[];
    expect(parsed.map((x) => x.id)).toEqual(['Q1', 'Q2']);
    expect(parsed[0]!.requests).toContain('138****5678');
    t = undefined as unknown as IntakeBot;
  }, 60_000);
});
