/**
 * The 工作简报 (domain-rules §4.5): 报头 — "内部资料", the 简报名称 large and red, 第N期 (a yearly
 * sequence kept in the store), the 编印单位 on the left and the date on the right, a red line;
 * 报核 — a title, a 导语 with the period's numbers and a 主体 by topic in the hierarchy
 * 一、（一）1.（1）; 报尾 — below a black line, 报/送/发 and the number of copies.
 */
import { AlignmentType, Paragraph } from 'docx';
import type { Config } from '../config/config.ts';
import { formatOfficialDate, formatOfficialDateOf } from '../domain/dates.ts';
import { levelLabel } from '../domain/meeting-levels.ts';
import { chineseOrdinal } from '../domain/minutes-body.ts';
import { triggerByCode } from '../domain/triggers.ts';
import { tierOf } from '../domain/tiers.ts';
import { displayName } from '../store/enterprises.ts';
import type { BriefingIssue } from '../store/model.ts';
import type { BriefingFacts } from './briefing-facts.ts';
import { blank, body, centred, heading1, heading2, lead, officeAndDate, RED, rule, ruleAbove, runs, SIZE, title } from './gbt9704.ts';
import { gbDocument, packDocx } from './gbt9704-page.ts';

const LISTED = 20;

export function briefingName(config: Config): string {
  return `${config.mechanism.region}企业纾困工作简报`;
}

function unitNameOf(config: Config, id: string): string {
  return config.unitById(id)?.name ?? id;
}

function span(f: BriefingFacts): string {
  return f.from === f.to ? formatOfficialDate(f.from) : `${formatOfficialDate(f.from)}至${formatOfficialDate(f.to)}`;
}

function intro(f: BriefingFacts): string {
  const c = f.changes;
  return `${span(f)}，各成员单位新列入困境企业${c.listed.length}家，补充预警信号${c.signals.length}条，作出分档决定${c.tiers.length}件；召开协调会议${f.meetings.length}次（已解决${f.resolved}次），形成会议纪要${f.minutes}份；交办督办事项${f.tasksGiven.length}件，办结${f.tasksClosed.length}件；纾困中心受理企业诉求${f.tickets.received}件，办结${f.tickets.closed}件。截至${formatOfficialDate(f.to)}，在册困境企业${f.roster.listed}家（一档${f.roster.tiers[0]}家、二档${f.roster.tiers[1]}家、三档${f.roster.tiers[2]}家、待分档${f.roster.untiered}家），观察名单${f.roster.watch}家。`;
}

function numbered(items: readonly string[]): Paragraph[] {
  const shown = items.slice(0, LISTED).map((t, i) => body(`${i + 1}.${t}`));
  if (items.length > LISTED) shown.push(body(`（另有${items.length - LISTED}项，详见名册。）`));
  return shown;
}

function rosterSection(config: Config, f: BriefingFacts): Paragraph[] {
  const out: Paragraph[] = [];
  const c = f.changes;
  out.push(heading2(`（一）新列入名册${c.listed.length}家`));
  if (c.listed.length === 0) out.push(body('本期没有新列入名册的企业。'));
  c.listed.slice(0, LISTED).forEach((e, i) => {
    out.push(body(`${i + 1}.${displayName(e)}${e.region ? `（${e.region}）` : ''}`));
    e.signals.filter((s) => !s.withdrawnAt).forEach((s, j) => {
      out.push(body(`（${j + 1}）${unitNameOf(config, s.unitId)}：${triggerByCode(s.trigger)?.label ?? s.trigger}${s.detail ? `，${s.detail}` : ''}`));
    });
  });
  if (c.listed.length > LISTED) out.push(body(`（另有${c.listed.length - LISTED}家，详见名册。）`));
  out.push(heading2(`（二）补充预警信号${c.signals.length}条`));
  if (c.signals.length === 0) out.push(body('本期没有补充的预警信号。'));
  else out.push(...numbered(c.signals.map(({ e, s }) => `${displayName(e)}：${unitNameOf(config, s.unitId)}，${triggerByCode(s.trigger)?.label ?? s.trigger}`)));
  out.push(heading2(`（三）分档和移出`));
  const moves = [
    ...c.tiers.map(({ e, d }) => `${displayName(e)}定为${tierOf(d.tier).label}（${tierOf(d.tier).cls}）${d.measures ? `，措施：${d.measures}` : ''}`),
    ...c.removed.map((e) => `${displayName(e)}移出名册（${e.outcome?.kind ?? '移出'}）`),
  ];
  if (moves.length === 0) out.push(body('本期没有分档决定和移出名册的企业。'));
  else out.push(...numbered(moves));
  return out;
}

function meetingsSection(config: Config, f: BriefingFacts): Paragraph[] {
  if (f.meetings.length === 0) return [body('本期没有召开协调会议。')];
  const out = [body(`本期召开协调会议${f.meetings.length}次，已解决${f.resolved}次，形成会议纪要${f.minutes}份。`)];
  out.push(...numbered(f.meetings.map((m) => {
    const when = formatOfficialDateOf(m.time!);
    const host = m.requesterUnitId ? unitNameOf(config, m.requesterUnitId) : config.mechanism.office;
    return `${when}，${host}${levelLabel(m.level)}（${m.id}）研究“${m.topic}”${m.outcome ? `，${m.outcome.result}` : ''}。`;
  })));
  return out;
}

function tasksSection(config: Config, f: BriefingFacts): Paragraph[] {
  const out = [body(`本期交办督办事项${f.tasksGiven.length}件，办结${f.tasksClosed.length}件；截至${formatOfficialDate(f.to)}，逾期未办结${f.overdue.length}件。`)];
  if (f.overdue.length) {
    out.push(heading2('（一）逾期未办结事项'));
    out.push(...numbered(f.overdue.map((t) => `${t.id} ${t.content}（牵头：${unitNameOf(config, t.leadUnitId)}，期限：${formatOfficialDate(t.deadline)}）`)));
  }
  return out;
}

function serviceSection(f: BriefingFacts): Paragraph[] {
  const outcomes = Object.entries(f.outcomes).map(([k, n]) => `${k}${n}家`).join('、');
  return [
    body(`纾困中心本期受理企业诉求${f.tickets.received}件，办结${f.tickets.closed}件。`),
    ...(outcomes ? [body(`本期企业退出名册情况：${outcomes}。`)] : []),
  ];
}

export async function briefingDocx(config: Config, issue: BriefingIssue, f: BriefingFacts, copies: number): Promise<Uint8Array> {
  const sections: [string, Paragraph[]][] = [
    ['名册动态', rosterSection(config, f)],
    ['会商协调', meetingsSection(config, f)],
    ['督办落实', tasksSection(config, f)],
    ['纾困服务', serviceSection(f)],
  ];
  const issued = formatOfficialDateOf(issue.issuedAt);
  const children = [
    // 报头
    new Paragraph({ children: [...runs('内部资料　注意保存', { size: SIZE.small, font: 'heading1' })] }),
    blank(),
    title(briefingName(config), { color: RED, size: 72 }),
    centred(`第${issue.number}期`, { font: 'heading2' }),
    officeAndDate(config.mechanism.office, issued),
    rule(),
    // 报核
    blank(),
    title(`${span(f)}企业纾困工作情况`),
    blank(),
    body(intro(f)),
    ...sections.flatMap(([head, paragraphs], i) => [heading1(`${chineseOrdinal(i + 1)}、${head}`), ...paragraphs]),
    blank(),
    // 报尾
    ...ruleAbove([
      lead('报：', '联席会议总召集人、召集人', 'heading1'),
      lead('送：', '联席会议各成员单位', 'heading1'),
      lead('发：', '各成员单位联络员', 'heading1'),
    ]),
    rule('000000', 6),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [...runs(`（共印${copies}份）`, { size: SIZE.small })] }),
  ];
  return packDocx(gbDocument({ title: `${briefingName(config)} 第${issue.number}期`, creator: config.mechanism.office }, children));
}
