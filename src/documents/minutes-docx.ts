/**
 * A recorded 纪要 as a .docx in the GB/T 9704-2012 §10.3 form (domain-rules §4.3): the red 纪要标志
 * "…纪要" and （第N号）, the office on the left and the date on the right, a red line, 会议概况,
 * "会议议定如下：" and the items 一、二、… (each task item with its 牵头/协办 unit and deadline), then,
 * after a blank line, 出席：/请假：/列席： with the label in 黑体, and the 版记 (分送, 印发). A 纪要 carries no seal.
 */
import type { Config } from '../config/config.ts';
import { formatOfficialDateOf } from '../domain/dates.ts';
import { levelLabel } from '../domain/meeting-levels.ts';
import { chineseOrdinal } from '../domain/minutes-body.ts';
import { overview } from '../meetings/minutes.ts';
import type { Meeting, Minutes } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';
import { blank, body, centred, issuerMark, labelLine, lead, officeAndDate, rule } from './gbt9704.ts';
import { gbDocument, packDocx } from './gbt9704-page.ts';
import { recordBlock } from './gbt9704-parts.ts';

export function minutesTitle(config: Config, m: Meeting): string {
  return `${config.mechanism.name}${levelLabel(m.level)}纪要`;
}

/** （2026年第1号）: the number counts per year, as the bot's notices say it. */
export function minutesNumber(minutes: Minutes): string {
  return `${minutes.year}年第${minutes.number}号`;
}

export async function minutesDocx(reader: StateReader, config: Config, m: Meeting, minutes: Minutes): Promise<Uint8Array> {
  const date = formatOfficialDateOf(minutes.recordedAt);
  const { present, absent, observers } = minutes.attendance;
  const children = [
    issuerMark(minutesTitle(config, m)),
    centred(`（${minutesNumber(minutes)}）`),
    officeAndDate(config.mechanism.office, date),
    rule(),
    blank(),
    body(overview(reader, config, m, minutes)),
    body('会议议定如下：'),
    ...minutes.items.map((item, i) => lead(`${chineseOrdinal(i + 1)}、`, item.text, 'heading1')),
    blank(),
    labelLine('出席：', present.join('、') || '（未记录）'),
    ...(absent.length ? [labelLine('请假：', absent.join('、'))] : []),
    ...(observers.length ? [labelLine('列席：', observers.join('、'))] : []),
    blank(),
    recordBlock({ label: '分送', to: '联席会议总召集人、召集人，各成员单位' }, config.mechanism.office, date),
  ];
  return packDocx(gbDocument({ title: `${minutesTitle(config, m)}（${minutesNumber(minutes)}）`, creator: config.mechanism.office }, children));
}
