/**
 * The quarterly 督办通报 as a .docx (domain-rules §4.4): 标题 "…关于…督办事项办理情况的通报", 主送,
 * 总体情况 with the numbers (交办、按期办结、逾期、正在办理), a table per member unit, 好的做法,
 * 存在问题 naming the units, 下一步要求 with a deadline, and the office's 落款 with the date, under a 版头
 * (the office's 发文机关标志, 发文字号 and the red line) and above a 版记 (抄送, 印发). The
 * figures are the scheduler's (supervisionFigures): the pushed digest and this document agree.
 */
import type { Paragraph, Table } from 'docx';
import type { Config } from '../config/config.ts';
import { unitName } from '../core/unit-list.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { formatOfficialDate } from '../domain/dates.ts';
import { chineseOrdinal } from '../domain/minutes-body.ts';
import { nextQuarter, type Period } from '../domain/periods.ts';
import { supervisionFigures, type SupervisionFigures, type UnitFigures } from '../scheduler/digest/supervision.ts';
import { orGap } from '../scheduler/slots.ts';
import { plannedOpening } from '../screening/rounds.ts';
import type { StateReader } from '../store/tx.ts';
import type { ReportIssue } from '../store/model.ts';
import { addressee, blank, body, figuresTable, heading1, lead, title } from './gbt9704.ts';
import { gbDocument, packDocx } from './gbt9704-page.ts';
import { documentNumber, issuerHead, recordBlock, unsealedSignature } from './gbt9704-parts.ts';

export interface ReportEnv {
  tx: StateReader;
  config: Config;
  calendar: WorkingCalendar;
  now: Date;
  today: string;
}

const SCREENING = { onTime: '按时', late: '逾期', missing: '未报', none: '—' } as const;

export function reportTitle(config: Config, q: Period, stage = false): string {
  return `${config.mechanism.office}关于${q.label}督办事项办理情况的${stage ? '阶段' : ''}通报`;
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '—';
}

function overall(f: SupervisionFigures, end: string): string[] {
  const lines = [
    f.total
      ? `截至${formatOfficialDate(end)}，纳入督办的事项共${f.total}件（本季度交办${f.fresh}件，此前结转${f.carried}件）。其中按期办结${f.onTime}件，逾期办结${f.closedLate}件，正在办理${f.inProgress}件，逾期未办结${f.overdue}件，按期办结率${percent(f.onTime, f.onTime + f.closedLate + f.overdue)}。`
      : `截至${formatOfficialDate(end)}，本季度没有纳入督办的事项。`,
  ];
  if (f.screening) {
    const s = f.screening;
    lines.push(`本季度危困企业排查应报送单位${s.total}个，按时报送${s.onTime}个，逾期报送${s.late}个，未报送${s.missing}个。`);
  }
  const invited = f.units.reduce((n, u) => n + u.invited, 0);
  const replied = f.units.reduce((n, u) => n + u.replied, 0);
  lines.push(`本季度召开协调会议${f.meetings}次${invited ? `，会议邀请答复${replied}次（应答复${invited}次，答复率${percent(replied, invited)}）` : ''}。`);
  return lines;
}

function praise(config: Config, f: SupervisionFigures): string[] {
  const out: string[] = [];
  const perfect = f.units.filter((u) => u.given > 0 && u.onTime === u.given);
  if (perfect.length) out.push(`${perfect.map((u) => unitName(config, u.unitId)).join('、')}牵头的督办事项全部按期办结，工作积极、优质、高效，予以通报表扬。`);
  if (f.screening && f.screening.total > 0 && f.screening.onTime === f.screening.total) out.push('各成员单位均按时报送了季度危困企业排查结果。');
  return out;
}

function problems(config: Config, f: SupervisionFigures): string[] {
  const name = (u: UnitFigures) => unitName(config, u.unitId);
  const out: string[] = [];
  for (const u of f.units.filter((x) => x.overdue > 0 || x.closedLate > 0).sort((a, b) => b.overdue - a.overdue)) {
    const parts = [u.overdue ? `逾期未办结${u.overdue}件` : '', u.closedLate ? `逾期办结${u.closedLate}件` : ''].filter(Boolean).join('、');
    out.push(`${name(u)}牵头的督办事项${parts}（督办编号 ${u.overdueTasks.join('、')}）。`);
  }
  const late = f.units.filter((u) => u.screening === 'late').map(name);
  const missing = f.units.filter((u) => u.screening === 'missing').map(name);
  if (late.length) out.push(`${late.join('、')}未按时报送季度排查结果。`);
  if (missing.length) out.push(`${missing.join('、')}未报送季度排查结果。`);
  const silent = f.units.filter((u) => u.invited > u.replied).map((u) => `${name(u)}（${u.invited - u.replied}次）`);
  if (silent.length) out.push(`收到会议邀请未答复：${silent.join('、')}。`);
  return out;
}

function requirements(env: ReportEnv, f: SupervisionFigures, q: Period): string[] {
  const by = orGap(() => env.calendar.addWorkingDays(env.today, 10));
  const next = nextQuarter(q);
  const opening = plannedOpening(env.calendar, env.config, next);
  return [
    f.overdue > 0
      ? `限期整改。逾期未办结的事项，请牵头单位${by ? `于${formatOfficialDate(by)}前` : '在10个工作日内'}办结，并向联席会议办公室书面说明逾期原因；确有困难的，应在期限届满前申请延期，无故延误的将再次通报。`
      : '按期办理。各牵头单位继续按期办理督办事项，不能按期完成的，应在期限届满前申请延期。',
    `按时排查。请各成员单位按时报送${next.label}危困企业排查结果${typeof opening === 'string' && opening !== 'gap' ? `（${formatOfficialDate(opening)}开始）` : ''}。`,
    '落实会议议定事项。收到会议邀请后及时答复，会议议定事项按纪要分工落实，办结情况及时报联席会议办公室。',
  ];
}

function table(config: Config, f: SupervisionFigures) {
  const shown = f.units.filter((u) => u.given > 0 || u.screening !== 'none' || u.invited > 0);
  const headers = ['单位', '牵头事项', '按期办结', '逾期办结', '正在办理', '逾期未办结', '季度排查', '会议答复'];
  const rows = shown.map((u) => [
    unitName(config, u.unitId), String(u.given), String(u.onTime), String(u.closedLate), String(u.inProgress), String(u.overdue),
    SCREENING[u.screening], u.invited ? `${u.replied}/${u.invited}` : '—',
  ]);
  return { rows, table: figuresTable(headers, rows, [2644, 800, 800, 800, 800, 900, 1050, 1050]) };
}

export async function reportDocx(env: ReportEnv, q: Period, issue: ReportIssue): Promise<Uint8Array> {
  const { config } = env;
  const f = supervisionFigures(env.tx, config, q, env.now);
  const sections: { head: string; paragraphs: Paragraph[]; table?: Table }[] = [];
  sections.push({ head: '总体情况', paragraphs: overall(f, f.asOfDay).map((t) => body(t)) });
  const t = table(config, f);
  sections.push(t.rows.length
    ? { head: '各单位办理情况', paragraphs: [body('各成员单位牵头督办事项办理、季度排查报送和会议答复情况如下表。')], table: t.table }
    : { head: '各单位办理情况', paragraphs: [body('本季度各成员单位没有牵头督办事项。')] });
  const good = praise(config, f);
  if (good.length) sections.push({ head: '好的做法', paragraphs: good.map((x) => body(x)) });
  const bad = problems(config, f);
  sections.push({
    head: '存在问题',
    paragraphs: bad.length ? bad.map((x, i) => lead(`（${chineseOrdinal(i + 1)}）`, x, 'heading2')) : [body('本季度督办事项均按期推进，未发现逾期情况。')],
  });
  sections.push({ head: '下一步要求', paragraphs: requirements(env, f, q).map((x, i) => lead(`（${chineseOrdinal(i + 1)}）`, x, 'heading2')) });

  const issued = formatOfficialDate(env.today);
  const children = [
    ...issuerHead(config.mechanism.office, documentNumber(config.mechanism.docCode, issue.year, issue.number)),
    title(reportTitle(config, q, f.stage)),
    blank(),
    addressee('各成员单位'),
    body(`为推动${config.mechanism.name}协调确定事项落实到位，现将${q.label}${f.stage ? `截至${formatOfficialDate(f.asOfDay)}的` : ''}督办事项办理情况通报如下：`),
    ...sections.flatMap((s, i) => [heading1(`${chineseOrdinal(i + 1)}、${s.head}`), ...s.paragraphs, ...(s.table ? [s.table] : [])]),
    ...unsealedSignature(config.mechanism.office, issued),
    blank(),
    recordBlock({ label: '抄送', to: '联席会议总召集人、召集人' }, config.mechanism.office, issued),
  ];
  return packDocx(gbDocument({ title: reportTitle(config, q, f.stage), creator: config.mechanism.office }, children));
}
