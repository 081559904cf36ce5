import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { type App, createApp } from '../../app.ts';
import { readChannelEnv } from '../../config/env.ts';
import { loadConfig } from '../../config/load.ts';
import { UserError } from '../../domain/errors.ts';
import { yearOf } from '../../domain/calendar/civil.ts';
import { toShanghaiDate } from '../../domain/calendar/shanghai.ts';
import { formatOfficialDate, formatOfficialDateOf } from '../../domain/dates.ts';
import { ArrangementError, describeYear, isYear, parseDateList, removeArrangement, setArrangement } from '../../scheduler/calendar-admin.ts';
import { calendarWarnings } from '../../scheduler/calendar-warnings.ts';
import { storedArrangements } from '../../scheduler/calendar-store.ts';
import { systemClock } from '../../domain/clock.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function withApp<T>(configPath: string | undefined, fn: (app: App) => Promise<T>): Promise<T> {
  const config = loadConfig(configPath);
  const app = await createApp({ config, dataDir: readChannelEnv().dataDir, senders: [], clock: systemClock });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

function readArrangementFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`读不到文件 ${path}。`);
  }
  const data: unknown = parseYaml(text);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError(`文件 ${path} 应包含 year、holidays、workdays 三项（YAML 或 JSON）。`);
  }
  return data as Record<string, unknown>;
}

/**
 * `calendar show [year]`, `calendar set <year> --holidays … --workdays …` (or --file), and
 * `calendar remove <year>`: the admin's tools for the working-day calendar. The data directory
 * must not be in use (stop the service first); the service reads the stored arrangements at start.
 */
export function registerCalendar(program: Command): void {
  const calendar = program.command('calendar').description('工作日历：查看、录入某年的节假日安排（放假和调休上班日期）');

  calendar
    .command('show [year]')
    .description('查看日历覆盖哪些年份，或某年的放假和调休安排')
    .option('-c, --config <file>', '配置文件')
    .action(async (year: string | undefined, opts: { config?: string }) => {
      await withApp(opts.config, async (app) => {
        if (year !== undefined) {
          if (!isYear(year)) throw new UserError(`年份应为四位数字，例如 2027，您写的是“${year}”。`);
          for (const line of describeYear(app, Number(year))) out(line);
          return;
        }
        const years = app.calendar.coveredYears();
        const pkg = years.filter((y) => app.calendar.sourceOf(y) === 'chinese-days');
        const stored = storedArrangements(app.store);
        out(`数据包（chinese-days）覆盖：${pkg.length ? `${pkg[0]}—${pkg.at(-1)}年` : '无'}`);
        out(`管理员录入：${stored.length ? stored.map((a) => `${a.year}年（${formatOfficialDateOf(a.enteredAt)}）`).join('、') : '无'}`);
        out(`配置文件 calendarOverrides：${app.config.calendarOverrides.length ? app.config.calendarOverrides.map((o) => `${o.year}年`).join('、') : '无'}`);
        const today = toShanghaiDate(systemClock());
        for (const w of calendarWarnings(app.calendar, today, 'always')) out(`⚠ ${w}`);
        for (const y of [yearOf(today), yearOf(today) + 1]) if (app.calendar.isCovered(y)) for (const line of describeYear(app, y)) out(line);
      });
    });

  calendar
    .command('set <year>')
    .description('录入（或更正）某年的节假日安排，按“连续工作不超过6天”等规则校验后保存')
    .option('--holidays <dates>', '放假日期，如 "元旦:2027-01-01..2027-01-03, 春节:2027-02-05..2027-02-12, 2027-04-05"')
    .option('--workdays <dates>', '调休上班的周末日期，如 "2027-02-20, 2027-10-09"')
    .option('--file <path>', '从 YAML/JSON 文件读取（year、holidays、workdays）')
    .option('-c, --config <file>', '配置文件')
    .action(async (year: string, opts: { holidays?: string; workdays?: string; file?: string; config?: string }) => {
      if (!isYear(year)) throw new UserError(`年份应为四位数字，例如 2027，您写的是“${year}”。`);
      let input: Record<string, unknown>;
      if (opts.file) {
        if (opts.holidays || opts.workdays) throw new UserError('请只用一种方式录入：--file，或 --holidays 和 --workdays。');
        input = readArrangementFile(opts.file);
        if (input.year !== undefined && String(input.year) !== year) throw new UserError(`文件中的年份（${String(input.year)}）与命令中的年份（${year}）不一致。`);
        input = { ...input, year: Number(year) };
      } else {
        if (!opts.holidays) throw new UserError(`请写放假日期：calendar set ${year} --holidays "元旦:${year}-01-01..${year}-01-03, …" --workdays "…"，或用 --file 指定文件。`);
        input = { year: Number(year), holidays: parseDateList(opts.holidays), workdays: Object.values(parseDateList(opts.workdays ?? '')).flat() };
      }
      await withApp(opts.config, async (app) => {
        const r = await setArrangement(app, input, 'admin-cli', systemClock()).catch((err: unknown) => {
          if (err instanceof ArrangementError) throw new UserError(`节假日安排有误（${year}年），没有保存：\n${err.problems.map((p) => `  · ${p}`).join('\n')}`);
          throw err;
        });
        out(`已${r.replaced ? '更新' : '录入'}${r.year}年节假日安排：放假${r.holidays}天，调休上班${r.workdays}天，全年工作日${r.workingDays}天。`);
        for (const line of describeYear(app, r.year).slice(1)) out(line);
        if (r.moved.length) out(`期限落在放假日的督办事项已顺延并通知有关单位：${r.moved.map((m) => `${m.id} ${formatOfficialDate(m.from)}→${formatOfficialDate(m.to)}`).join('；')}`);
        if (r.meetingsOnDaysOff.length) out(`⚠ 以下会议定在非工作日，请发起人改期：${r.meetingsOnDaysOff.join('、')}`);
        out('服务下次启动时按新安排计算工作日；该年暂停的提醒随即恢复。');
      });
    });

  calendar
    .command('remove <year>')
    .description('删除管理员录入的某年安排（数据包或配置文件中的安排仍然有效）')
    .option('-c, --config <file>', '配置文件')
    .action(async (year: string, opts: { config?: string }) => {
      if (!isYear(year)) throw new UserError(`年份应为四位数字，例如 2027，您写的是“${year}”。`);
      await withApp(opts.config, async (app) => {
        const removed = await removeArrangement(app, Number(year), 'admin-cli');
        out(removed ? `已删除管理员录入的${year}年节假日安排。` : `没有管理员录入的${year}年节假日安排。`);
      });
    });
}
