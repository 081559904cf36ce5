import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readChannelEnv } from '../../config/env.ts';
import { loadConfig } from '../../config/load.ts';
import { WorkingCalendar } from '../../domain/calendar/working-days.ts';
import { formatFor, ticketRows, toCsv, toJson } from '../../intake/export.ts';
import { createBackup } from '../../store/backup.ts';
import { restoreBackup } from '../../store/restore.ts';
import { DataDirLockedError } from '../../store/lock.ts';
import { Store } from '../../store/store.ts';

/**
 * `npm run cli -- export tickets --out 诉求台账.csv`: the 纾困中心's tickets for Excel (or JSON).
 * Works while the service runs: the data directory is then read from a consistent copy (as a
 * backup is taken), never opened by a second writer.
 */
export function registerExportTickets(program: Command): void {
  const exportCmd = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('导出数据');
  exportCmd
    .command('tickets')
    .description('导出企业诉求（微信客服）台账：CSV（UTF-8 带 BOM，Excel 可直接打开）或 JSON')
    .requiredOption('-o, --out <file>', '输出文件，如 诉求台账.csv 或 tickets.json')
    .option('-f, --format <format>', 'csv 或 json（默认按文件扩展名）')
    .option('--mask', '遮盖手机号和身份证号（给中心以外的人时使用）')
    .option('-c, --config <file>', '配置文件（默认 FUYUAN_CONFIG 或 config/demo.yaml）')
    .action(async (opts: { out: string; format?: string; mask?: boolean; config?: string }) => {
      const format = formatFor(opts.out, opts.format);
      const config = loadConfig(opts.config);
      const { dataDir } = readChannelEnv();
      const { store, cleanup } = await openForReading(dataDir);
      try {
        const calendar = new WorkingCalendar({ overrides: config.calendarOverrides });
        // A read-only transaction: it sees a consistent state and commits nothing.
        const rows = await store.transact({ actor: 'cli', action: 'export:tickets' }, (tx) => ticketRows(tx, config, calendar, { mask: Boolean(opts.mask) }));
        mkdirSync(dirname(resolve(opts.out)), { recursive: true });
        writeFileSync(opts.out, format === 'csv' ? toCsv(rows) : toJson(rows), 'utf8');
        process.stdout.write(`已导出 ${rows.length} 件企业诉求 → ${opts.out}（${format.toUpperCase()}${opts.mask ? '，已遮盖手机号和身份证号' : ''}）\n`);
      } finally {
        await store.close();
        cleanup();
      }
    });
}

async function openForReading(dataDir: string): Promise<{ store: Store; cleanup: () => void }> {
  try {
    return { store: await Store.open(dataDir), cleanup: () => undefined };
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    const tmp = mkdtempSync(join(tmpdir(), 'fuyuan-export-'));
    const archive = join(tmp, 'copy.tar.gz');
    await createBackup(dataDir, archive);
    await restoreBackup(archive, join(tmp, 'data'));
    return { store: await Store.open(join(tmp, 'data')), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
  }
}
