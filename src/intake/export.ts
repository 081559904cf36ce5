/**
 * Tickets exported for the 纾困中心's own records (台账): one row per ticket, as CSV for Excel
 * (UTF-8 with a BOM, so Excel reads the Chinese) or JSON. This is the center's data, so texts are
 * complete; `mask` hides phone and ID numbers for a copy that leaves the center.
 */
import type { Config } from '../config/config.ts';
import { maskPersonalData } from '../log/log.ts';
import { toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import type { Ticket } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';
import { hoursOrGap } from './service-level.ts';
import { byNumber } from './tickets.ts';

export type ExportFormat = 'csv' | 'json';

/** Column key → Chinese header, in order. */
export const COLUMNS = {
  id: '编号',
  state: '状态',
  category: '类别',
  suggestedCategory: '建议类别',
  enterpriseId: '企业编号',
  enterpriseName: '企业名称',
  uscc: '信用代码',
  unit: '承办单位',
  createdAt: '提交时间',
  firstAnswerAt: '首次答复时间',
  answerWorkingHours: '答复用时（工作小时）',
  closedAt: '办结时间',
  requests: '企业留言',
  replies: '答复',
  externalUserId: '微信客户ID',
  openKfId: '客服账号',
} as const;

export type TicketRow = Record<keyof typeof COLUMNS, string>;

const when = (iso: string | undefined) => (iso ? `${toShanghaiDate(new Date(iso))} ${toShanghaiTime(new Date(iso))}` : '');

export function ticketRows(reader: StateReader, config: Config, calendar: WorkingCalendar, options: { mask?: boolean } = {}): TicketRow[] {
  const text = (s: string) => (options.mask ? maskPersonalData(s) : s);
  const lines = (t: Ticket, from: 'customer' | 'staff') =>
    t.messages.filter((m) => m.from === from).map((m) => `[${when(m.at)}] ${text(m.text)}`).join('\n');
  return [...reader.values('tickets')].sort(byNumber).map((t) => {
    const e = t.enterpriseId ? reader.get('enterprises', t.enterpriseId) : undefined;
    const hours = t.firstAnswerAt ? hoursOrGap(calendar, new Date(t.createdAt), new Date(t.firstAnswerAt)) : undefined;
    return {
      id: t.id,
      state: t.state,
      category: t.category ?? '',
      suggestedCategory: t.suggestedCategory,
      enterpriseId: t.enterpriseId ?? '',
      enterpriseName: e?.names[0] ?? '',
      uscc: e?.uscc ?? t.claimedUscc ?? '',
      unit: t.assignedUnitId ? (config.unitById(t.assignedUnitId)?.name ?? t.assignedUnitId) : '',
      createdAt: when(t.createdAt),
      firstAnswerAt: when(t.firstAnswerAt),
      answerWorkingHours: hours === undefined ? '' : String(Math.round(hours * 10) / 10),
      closedAt: when(t.closedAt),
      requests: lines(t, 'customer'),
      replies: lines(t, 'staff'),
      externalUserId: t.externalUserId,
      openKfId: t.openKfId,
    };
  });
}

/**
 * RFC 4180 CSV with CRLF line ends and a BOM. A cell that starts with = + - @ gets a leading
 * apostrophe, so an enterprise's text can never run as a formula in Excel.
 */
export function toCsv(rows: readonly TicketRow[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/u.test(v) ? `'${v}` : v;
    return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
  };
  const keys = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];
  const out = [keys.map((k) => COLUMNS[k]).join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))];
  return `\uFEFF${out.join('\r\n')}\r\n`;
}

export function toJson(rows: readonly TicketRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

export function formatFor(file: string, explicit?: string): ExportFormat {
  const f = (explicit ?? (file.toLowerCase().endsWith('.json') ? 'json' : 'csv')).toLowerCase();
  if (f !== 'csv' && f !== 'json') throw new Error(`导出格式只能是 csv 或 json，不能是“${f}”。`);
  return f;
}
