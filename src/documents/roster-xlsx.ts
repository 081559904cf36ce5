/**
 * The roster as the officials take it to the joint meeting: one sheet per tier (一档/二档/三档),
 * one for the enterprises not yet tiered and one for the watch list (观察名单: on the roster
 * without an active signal). One column per member unit holds that unit's signals, so the
 * 数据筛查对比 — which units flag the same enterprise — reads across a row.
 */
import ExcelJS from 'exceljs';
import type { Config } from '../config/config.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { formatOfficialDate, formatOfficialDateOf } from '../domain/dates.ts';
import { levelLabel } from '../domain/meeting-levels.ts';
import { caseCountAlert, triggerByCode } from '../domain/triggers.ts';
import { tierDisplay, tierOf } from '../domain/tiers.ts';
import { activeSignals, byNumber } from '../store/enterprises.ts';
import type { Enterprise, Meeting } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

export interface RosterSheet {
  name: string;
  title: string;
  enterprises: Enterprise[];
}

/** Which sheet an active enterprise belongs on. */
export function rosterSheets(reader: StateReader): RosterSheet[] {
  const active = [...reader.values('enterprises')].filter((e) => e.status === 'active').sort(byNumber);
  const listed = active.filter((e) => activeSignals(e).length > 0);
  const sheets: RosterSheet[] = ([1, 2, 3] as const).map((n) => {
    const tier = tierOf(n);
    return { name: tierDisplay(tier), title: `${tier.label}（${tier.cls}·${tier.classLabel}）`, enterprises: listed.filter((e) => e.tier?.tier === n) };
  });
  sheets.push({ name: '未分档', title: '未分档', enterprises: listed.filter((e) => !e.tier) });
  sheets.push({ name: '观察名单', title: '观察名单（无有效预警信号）', enterprises: active.filter((e) => activeSignals(e).length === 0) });
  return sheets;
}

interface Column {
  header: string;
  key: string;
  width: number;
  /** A date column: the cell holds an Excel date (sortable, filterable), shown as 2026年12月4日. */
  date?: boolean;
}

const DATE_FORMAT = 'yyyy"年"m"月"d"日"';

/** The Shanghai day of an instant as an Excel date: midnight UTC of that day, as Excel has no time zones. */
function excelDay(iso: string): Date {
  const day = toShanghaiDate(new Date(iso));
  return new Date(`${day}T00:00:00Z`);
}

function columns(config: Config): Column[] {
  return [
    { header: '编号', key: 'id', width: 8 },
    { header: '企业名称', key: 'name', width: 30 },
    { header: '统一社会信用代码', key: 'uscc', width: 22 },
    { header: '地区', key: 'region', width: 12 },
    { header: '行业', key: 'industry', width: 14 },
    { header: '规模', key: 'size', width: 8 },
    ...config.units.map((u) => ({ header: u.name, key: `unit:${u.id}`, width: 24 })),
    { header: '涉诉/涉执', key: 'cases', width: 16 },
    { header: '督办事项', key: 'tasks', width: 40 },
    { header: '最近会议', key: 'meeting', width: 30 },
    { header: '状态', key: 'state', width: 28 },
    { header: '列入日期', key: 'listedOn', width: 16, date: true },
    { header: '最近变动', key: 'changedOn', width: 16, date: true },
  ];
}

function short(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The meeting about it that was (or will be) held last; a meeting without a time counts last of all. */
function lastMeeting(reader: StateReader, e: Enterprise): Meeting | undefined {
  const meetings = reader.lookup('meetings', 'enterprise', e.id);
  return meetings.sort((a, b) => (a.time ?? '').localeCompare(b.time ?? '') || byNumber(a, b)).at(-1);
}

function meetingCell(m: Meeting | undefined): string {
  if (!m) return '';
  const when = m.time ? formatOfficialDateOf(m.time) : '待定时间';
  return `${m.id} ${levelLabel(m.level)} ${when}${m.outcome ? `（${m.outcome.result}）` : ''}`;
}

function stateCell(e: Enterprise): string {
  const units = new Set(activeSignals(e).map((s) => s.unitId)).size;
  if (units === 0) return '观察（无有效预警信号）';
  const head = `在册，${units}个单位预警`;
  if (!e.tier) return `${head}，待分档`;
  const tier = tierOf(e.tier.tier);
  const measures = e.tier.measures ? `：${e.tier.measures}` : '';
  return `${head}；${tierDisplay(tier)}${measures}（${formatOfficialDateOf(e.tier.at)}定）`;
}

/** One row's cells by column key. */
export function rosterRow(reader: StateReader, config: Config, e: Enterprise): Record<string, string> {
  const row: Record<string, string> = {
    id: e.id,
    name: e.names[0] ?? '',
    uscc: e.uscc ?? '',
    region: e.region ?? '',
    industry: e.industry ?? '',
    size: e.sizeClass ?? '',
  };
  for (const u of config.units) {
    row[`unit:${u.id}`] = activeSignals(e)
      .filter((s) => s.unitId === u.id)
      .map((s) => `${triggerByCode(s.trigger)?.label ?? s.trigger}${s.detail ? `：${s.detail}` : ''}`)
      .join('\n');
  }
  row.cases = e.cases ? `诉讼${e.cases.litigation}件／执行${e.cases.enforcement}件${caseCountAlert(e.cases.litigation, e.cases.enforcement) ? '（预警）' : ''}` : '';
  row.tasks = reader
    .lookup('tasks', 'enterprise', e.id)
    .filter((t) => t.state !== '已办结')
    .sort(byNumber)
    .map((t) => `${t.id} ${short(t.content, 20)}（${formatOfficialDate(t.deadline)}前）`)
    .join('\n');
  row.meeting = meetingCell(lastMeeting(reader, e));
  row.state = stateCell(e);
  return row;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF999999' } };

/** The whole workbook, ready to write. `today` is the export day ('YYYY-MM-DD'). */
export function buildRosterWorkbook(reader: StateReader, config: Config, today: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = config.mechanism.office;
  wb.title = `${config.mechanism.name}困境企业名册`;
  wb.subject = `导出日期：${formatOfficialDate(today)}`;
  const cols = columns(config);
  for (const sheet of rosterSheets(reader)) {
    const ws = wb.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      headerFooter: {
        oddHeader: `&C&"仿宋,常规"${config.mechanism.name}困境企业名册·${sheet.title}（${formatOfficialDate(today)}）`,
        oddFooter: '&C第 &P 页，共 &N 页',
      },
    });
    ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    for (const e of sheet.enterprises) ws.addRow({ ...rosterRow(reader, config, e), listedOn: excelDay(e.createdAt), changedOn: excelDay(e.updatedAt) });
    for (const c of cols.filter((x) => x.date)) ws.getColumn(c.key).numFmt = DATE_FORMAT;
    const header = ws.getRow(1);
    header.font = { bold: true, name: '黑体' };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.height = 24;
    ws.eachRow((row, n) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
        if (n > 1) cell.alignment = { vertical: 'top', wrapText: true };
      });
    });
    // 统一社会信用代码 as text: Excel would otherwise read an all-digit code as a number.
    ws.getColumn('uscc').numFmt = '@';
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  }
  return wb;
}

/** How many enterprises each sheet holds, for the chat answer. */
export function rosterCounts(reader: StateReader): { name: string; count: number }[] {
  return rosterSheets(reader).map((s) => ({ name: s.name, count: s.enterprises.length }));
}

export async function rosterXlsx(reader: StateReader, config: Config, today: string): Promise<Uint8Array> {
  const buffer = await buildRosterWorkbook(reader, config, today).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
