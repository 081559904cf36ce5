/**
 * 纪要 (GB/T 9704-2012 §10.3, domain-rules §4.3): 纪要标志, 第N号, the office and the date, the
 * 会议概况, "会议议定如下：一、…二、…" with each item's responsible unit and deadline, then the
 * 出席 / 请假 / 列席 lines. No seal (纪要不加盖印章).
 */
import type { Config } from '../config/config.ts';
import { unitName, unitNames } from '../core/unit-list.ts';
import { toShanghaiTime } from '../domain/calendar/shanghai.ts';
import { formatOfficialDate, formatOfficialDateOf } from '../domain/dates.ts';
import { levelLabel } from '../domain/meeting-levels.ts';
import { chineseOrdinal } from '../domain/minutes-body.ts';
import { render } from '../render/templates.ts';
import type { Meeting, Minutes, Task } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';
import { enterpriseNames, hostName } from './records.ts';

/** One 议定事项 with its responsibility: "…。牵头单位：区法院；协办单位：区公安分局；完成时限：2026年12月7日前（督办编号 T3）。" */
export function taskItemText(config: Config, t: Pick<Task, 'id' | 'content' | 'leadUnitId' | 'coUnitIds' | 'deadline'>): string {
  const co = t.coUnitIds.length ? `；协办单位：${unitNames(config, t.coUnitIds)}` : '';
  return `${t.content.replace(/[。；;]$/u, '')}。牵头单位：${unitName(config, t.leadUnitId)}${co}；完成时限：${formatOfficialDate(t.deadline)}前（督办编号 ${t.id}）。`;
}

export function overview(reader: StateReader, config: Config, m: Meeting, minutes: Minutes): string {
  const at = m.time ? new Date(m.time) : new Date(minutes.recordedAt);
  const when = `${formatOfficialDateOf(at)}${m.time ? toShanghaiTime(at) : ''}`;
  const host = hostName(config, m);
  const called = m.level === '业务' ? `${host}提议召开${levelLabel(m.level)}` : `${host}召开${levelLabel(m.level)}`;
  const place = minutes.place ? `在${minutes.place}` : '';
  const chair = minutes.chair ? `会议由${minutes.chair}主持。` : '';
  const enterprises = m.enterpriseIds.length ? `涉及企业：${enterpriseNames(reader, m.enterpriseIds)}。` : '';
  const from = m.escalatedFrom ? `（由${levelLabel(reader.get('meetings', m.escalatedFrom)?.level ?? '业务')} ${m.escalatedFrom}升级）` : '';
  return `${when}，${called}${from}${place ? `，${place}` : ''}，研究“${m.topic}”有关事项。${chair}${enterprises}`;
}

/** A decision as an item of the 纪要: ends with a full stop like the rest. */
export function decisionText(text: string): string {
  return /[。！；.;!]$/u.test(text) ? text : `${text}。`;
}

export function renderMinutes(reader: StateReader, config: Config, m: Meeting, minutes: Minutes): string {
  return render('minutes', {
    title: `${config.mechanism.name}${levelLabel(m.level)}纪要${minutes.corrected ? '（更正）' : ''}`,
    number: minutes.number,
    office: config.mechanism.office,
    date: formatOfficialDateOf(minutes.recordedAt),
    overview: overview(reader, config, m, minutes),
    items: minutes.items.map((item, i) => ({ label: chineseOrdinal(i + 1), text: item.text })),
    present: minutes.attendance.present.join('、') || '（未记录）',
    absent: minutes.attendance.absent.join('、'),
    observers: minutes.attendance.observers.join('、'),
  });
}
