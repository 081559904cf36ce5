/**
 * Each document the office asks for, produced from the store: its file name, its bytes and one
 * line for the chat answer. The chat commands (导出, 纪要 M7 文档, 模板) and the CLI (`export …`)
 * call the same functions, so a file looks the same whichever way it was asked for.
 */
import type { Config } from '../config/config.ts';
import { UserError } from '../domain/errors.ts';
import { yearOf } from '../domain/calendar/civil.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { formatOfficialDate } from '../domain/dates.ts';
import { parseQuarterId, previousQuarter, quarterContaining } from '../domain/periods.ts';
import { loadMeeting, meetingName } from '../meetings/records.ts';
import type { BriefingIssue, ReportIssue } from '../store/model.ts';
import type { StateReader, Tx } from '../store/tx.ts';
import { briefingDocx, briefingName } from './briefing-docx.ts';
import { briefingFacts, issuesOf, lastIssue, nextIssuePeriod } from './briefing-facts.ts';
import { datedName } from './files.ts';
import { documentNumber } from './gbt9704-parts.ts';
import { minutesDocx, minutesTitle } from './minutes-docx.ts';
import { reportDocx, reportTitle } from './report-docx.ts';
import { rosterCounts, rosterXlsx } from './roster-xlsx.ts';

export interface DocEnv {
  tx: StateReader;
  config: Config;
  calendar: WorkingCalendar;
  now: Date;
  today: string;
}

export interface Produced {
  name: string;
  bytes: Uint8Array;
  /** One Chinese line: what the file is. */
  summary: string;
}

export async function produceRoster(env: DocEnv): Promise<Produced> {
  const counts = rosterCounts(env.tx);
  const bytes = await rosterXlsx(env.tx, env.config, env.today);
  return {
    name: datedName('困境企业名册', env.now, 'xlsx'),
    bytes,
    summary: `困境企业名册（${counts.map((c) => `${c.name}${c.count}家`).join('，')}）`,
  };
}

export async function produceMinutes(env: DocEnv, ref: string | undefined): Promise<Produced> {
  const m = loadMeeting(env.tx, ref, '导出 纪要 M7');
  const minutes = env.tx.get('minutes', m.id);
  if (!minutes) throw new UserError(`${meetingName(m)}还没有纪要，先记录纪要（纪要 ${m.id}，换行写议定事项）再导出。`);
  return {
    name: datedName(`${minutesTitle(env.config, m)}第${minutes.number}号`, env.now, 'docx'),
    bytes: await minutesDocx(env.tx, env.config, m, minutes),
    summary: `${minutesTitle(env.config, m)}（第${minutes.number}号，${meetingName(m)}）`,
  };
}

/** The quarter a 通报 is about: the one named ('2026Q4'), else the last finished one. */
export function reportQuarter(text: string | undefined, today: string) {
  const q = text ? parseQuarterId(text) : previousQuarter(quarterContaining(today));
  if (!q) throw new UserError(`季度写成 2026Q4 这样的形式，您写的是“${text}”。`);
  if (q.start > today) throw new UserError(`${q.label}还没有开始。`);
  return q;
}

/** Who issues a document that needs a number the first time: its write transaction. */
export interface Issuing {
  tx: Tx;
  by: string;
  at: string;
}

/**
 * The quarter's 通报 number: the one it was given when first exported, or the next of this year's
 * counter (stored, so no two 通报 share a 发文字号, and re-exporting keeps it).
 */
export function reportIssue(tx: StateReader, quarterId: string, today: string, create?: Issuing): ReportIssue {
  const found = tx.get('reports', quarterId);
  if (found) return found;
  if (!create) throw new UserError('这一季度的通报还没有发文字号，编号要写入数据目录：请在聊天中发“导出 通报”，或停止服务后再运行。');
  const year = yearOf(today);
  const counter = `通报${year}-`;
  const n = Number(create.tx.nextId(counter).slice(counter.length));
  const issue: ReportIssue = { id: quarterId, year, number: n, issuedAt: create.at, by: create.by };
  create.tx.put('reports', issue);
  return issue;
}

export async function produceReport(env: DocEnv, quarter: string | undefined, create?: Issuing): Promise<Produced> {
  const q = reportQuarter(quarter, env.today);
  const issue = reportIssue(env.tx, q.id, env.today, create);
  return {
    name: datedName(`${q.label}督办${q.end > env.today ? '阶段' : ''}通报`, env.now, 'docx'),
    bytes: await reportDocx(env, q, issue),
    summary: `${reportTitle(env.config, q, q.end > env.today)}（${documentNumber(env.config.mechanism.docCode, issue.year, issue.number)}）`,
  };
}

/** '第3期' / '3' → 3; undefined for a new issue. */
export function parseIssue(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = /^第?\s*(\d{1,3})\s*期?$/u.exec(text.trim());
  if (!m) throw new UserError(`期号写成“第3期”或“3”，您写的是“${text}”。`);
  return Number(m[1]);
}

/**
 * A new issue (numbered in the store, 第N期 of this year, covering the days since the last one),
 * or an issue already made, again. A new issue needs a writing transaction.
 */
export function pickIssue(tx: StateReader, today: string, number: number | undefined, create?: Issuing): BriefingIssue {
  const year = yearOf(today);
  if (number !== undefined) {
    const found = issuesOf(tx, year).find((i) => i.number === number);
    if (!found) throw new UserError(`${year}年还没有第${number}期简报。不写期号即生成新的一期。`);
    return found;
  }
  if (!create) throw new UserError('生成新一期简报需要写入期号：请在服务停止时运行，或在聊天中发“导出 简报”；重新导出已有的一期请写期号。');
  const period = nextIssuePeriod(tx, today);
  if (!period) {
    const last = lastIssue(tx)!;
    throw new UserError(`第${last.number}期简报已包括今天（${formatOfficialDate(last.from)}至${formatOfficialDate(last.to)}），新的一期从明天起算，请明天再生成。重新导出本期请发“导出 简报 第${last.number}期”。`);
  }
  const counter = `简报${year}-`;
  const n = Number(create.tx.nextId(counter).slice(counter.length));
  const issue: BriefingIssue = { id: `${year}-${n}`, year, number: n, ...period, issuedAt: create.at, by: create.by };
  create.tx.put('briefings', issue);
  return issue;
}

export async function produceBriefing(env: DocEnv, issue: BriefingIssue): Promise<Produced> {
  const facts = briefingFacts(env.tx, issue.from, issue.to);
  const copies = env.config.units.length + env.config.peopleWithRole('convener').length;
  return {
    name: datedName(`${briefingName(env.config)}第${issue.number}期`, env.now, 'docx'),
    bytes: await briefingDocx(env.config, issue, facts, copies),
    summary: `${briefingName(env.config)}第${issue.number}期（${formatOfficialDate(issue.from)}至${formatOfficialDate(issue.to)}）`,
  };
}
