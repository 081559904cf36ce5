import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readChannelEnv } from '../../config/env.ts';
import { loadConfig } from '../../config/load.ts';
import { toShanghaiDate } from '../../domain/calendar/shanghai.ts';
import { WorkingCalendar } from '../../domain/calendar/working-days.ts';
import { datedName, exportsDir } from '../../documents/files.ts';
import { type DocEnv, parseIssue, pickIssue, type Produced, produceBriefing, produceMinutes, produceReport, produceRoster } from '../../documents/produce.ts';
import { templateXlsx } from '../../documents/template-xlsx.ts';
import { loadStoredArrangements } from '../../scheduler/calendar-store.ts';
import { createBackup } from '../../store/backup.ts';
import { restoreBackup } from '../../store/restore.ts';
import { DataDirLockedError } from '../../store/lock.ts';
import { Store } from '../../store/store.ts';
import type { Tx } from '../../store/tx.ts';
import { systemClock } from '../../domain/clock.ts';

/**
 * `npm run cli -- export roster|minutes M7|briefing|report [2026Q4]|template --out FILE`: the same
 * files the chat's 导出 / 模板 send, written to a file. Works while the service runs (read from a
 * consistent copy, as a backup is taken) — except a NEW 工作简报, whose 期号 must be recorded.
 */
export function registerDocumentExports(program: Command): void {
  const exportCmd = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('导出数据');
  const common = (cmd: Command) =>
    cmd
      .option('-o, --out <file>', '输出文件（默认写到 DATA_DIR/exports/，文件名带日期）')
      .option('-c, --config <file>', '配置文件（默认 FUYUAN_CONFIG 或 config/demo.yaml）');

  common(exportCmd.command('roster').description('导出困境企业名册（Excel：一档、二档、三档、未分档、观察名单各一张表）'))
    .action(async (opts: Opts) => run(opts, false, (env) => produceRoster(env)));
  common(exportCmd.command('minutes <meeting>').description('导出会议纪要（Word，GB/T 9704 纪要格式），如 minutes M7'))
    .action(async (meeting: string, opts: Opts) => run(opts, false, (env) => produceMinutes(env, meeting)));
  common(exportCmd.command('report [quarter]').description('导出季度督办通报（Word），如 report 2026Q4；不写为上一季度'))
    .action(async (quarter: string | undefined, opts: Opts) =>
      run(opts, false, (env, tx, copy) => produceReport(env, quarter, copy ? undefined : { tx, by: 'cli', at: env.now.toISOString() })));
  common(exportCmd.command('briefing').description('导出工作简报（Word）：不写 --issue 生成新的一期（需先停止服务）'))
    .option('--issue <n>', '重新导出已有的一期，如 3')
    .action(async (opts: Opts & { issue?: string }) => {
      const number = parseIssue(opts.issue);
      await run(opts, number === undefined, async (env, tx) => {
        const create = number === undefined ? { tx, by: 'cli', at: env.now.toISOString() } : undefined;
        return produceBriefing(env, pickIssue(tx, env.today, number, create));
      });
    });
  common(exportCmd.command('template').description('导出某成员单位报送名单的 Excel 模板'))
    .requiredOption('-u, --unit <unit>', '成员单位，如 税务局')
    .action(async (opts: Opts & { unit: string }) => {
      const config = loadConfig(opts.config);
      const unit = config.findUnit(opts.unit);
      if (!unit) throw new Error(`没有找到成员单位“${opts.unit}”。`);
      const now = systemClock();
      const name = datedName(`${unit.name}报送名单模板`, now, 'xlsx');
      write(opts.out, readChannelEnv().dataDir, { name, bytes: await templateXlsx(config, unit, toShanghaiDate(now)), summary: `${unit.name}报送名单模板` });
    });
}

interface Opts {
  out?: string;
  config?: string;
}

/** `copy`: the service holds the data directory and this reads a copy, where nothing written is kept. */
async function run(opts: Opts, needsWrite: boolean, produce: (env: DocEnv, tx: Tx, copy: boolean) => Promise<Produced>): Promise<void> {
  const config = loadConfig(opts.config);
  const { dataDir } = readChannelEnv();
  const { store, cleanup, copy } = await openStore(dataDir, needsWrite);
  try {
    const calendar = new WorkingCalendar({ overrides: config.calendarOverrides });
    loadStoredArrangements(store, calendar);
    const now = systemClock();
    // One transaction: a consistent view, and the only write (a new 简报's 期号) commits with it.
    const produced = await store.transact({ actor: 'cli', action: 'export:document' }, (tx) =>
      produce({ tx, config, calendar, now, today: toShanghaiDate(now) }, tx, copy));
    write(opts.out, dataDir, produced);
  } finally {
    await store.close();
    cleanup();
  }
}

function write(out: string | undefined, dataDir: string, p: Produced): void {
  const path = out ? resolve(out) : join(exportsDir(dataDir), p.name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, p.bytes);
  process.stdout.write(`已导出${p.summary} → ${path}\n`);
}

/** The data directory itself, or — while the service holds it and only reading is needed — a consistent copy. */
async function openStore(dataDir: string, needsWrite: boolean): Promise<{ store: Store; cleanup: () => void; copy: boolean }> {
  try {
    return { store: await Store.open(dataDir), cleanup: () => undefined, copy: false };
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    if (needsWrite) throw new Error('服务正在运行，新一期简报的期号要写入数据目录：请在聊天中发“导出 简报”，或停止服务后再运行；重新导出已有的一期请加 --issue N。');
    const tmp = mkdtempSync(join(tmpdir(), 'fuyuan-export-'));
    const archive = join(tmp, 'copy.tar.gz');
    await createBackup(dataDir, archive);
    await restoreBackup(archive, join(tmp, 'data'));
    return { store: await Store.open(join(tmp, 'data')), cleanup: () => rmSync(tmp, { recursive: true, force: true }), copy: true };
  }
}
