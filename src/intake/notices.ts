/**
 * What staff are told when an enterprise writes: the new ticket (or the added messages), the
 * suggested category and why, the roster link (internal), the answer deadline, and what to type.
 * The center group gets it; without a center group, each 纾困中心 staff member does.
 */
import type { Config } from '../config/config.ts';
import type { Recipient } from '../domain/types.ts';
import { toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { formatShortDate } from '../domain/dates.ts';
import { safe } from '../render/escape.ts';
import { render } from '../render/templates.ts';
import type { Ticket } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';
import { answerDue } from './customer-texts.ts';
import { enterpriseSummary } from './link.ts';

export function staffRecipients(config: Config): Recipient[] {
  const group = config.centerGroup();
  if (group) return [{ kind: 'group', groupId: group.id }];
  return config.peopleWithRole('centerStaff').map((p) => ({ kind: 'person', personId: p.id }));
}

export function unitRecipients(config: Config, unitId: string): Recipient[] {
  return config.liaisonsOf(unitId).map((p) => ({ kind: 'person', personId: p.id }));
}

export function categoryLabel(t: Pick<Ticket, 'category' | 'suggestedCategory'>): string {
  return t.category ?? `${t.suggestedCategory}（建议）`;
}

export function whenText(iso: string): string {
  const d = new Date(iso);
  return `${formatShortDate(toShanghaiDate(d))} ${toShanghaiTime(d)}`;
}

export interface NoticeInput {
  ticket: Ticket;
  isNew: boolean;
  /** The customer texts of this batch. */
  texts: string[];
  /** Some of them were images, files … (not shown in chat). */
  media: boolean;
  /** Held replies that went out with this batch. */
  held: number;
}

export function staffNotice(reader: StateReader, config: Config, calendar: WorkingCalendar, n: NoticeInput): string {
  const t = n.ticket;
  const due = !t.firstAnswerAt ? answerDue(calendar, new Date(t.createdAt), config.rhythms.ticketAnswerWorkingHours) : undefined;
  const actions = n.isNew
    ? [`受理：受理 ${t.id} 类别:${t.suggestedCategory}`, `答复企业：回复 ${t.id} <答复内容>`, `转成员单位：转办 ${t.id} 单位:<单位> 说明:<说明>`]
    : [`答复企业：回复 ${t.id} <答复内容>｜详情：诉求 ${t.id}`];
  if (n.isNew && !t.enterpriseId) {
    actions.push(`关联名册：关联 ${t.id} 企业:<E编号>${t.claimedUscc ? `；未在册可由联络员登记：登记 <企业名称> 代码:${t.claimedUscc} 情形:<情形>` : ''}`);
  }
  return render('ticket-notice', {
    headline: n.isNew ? '企业诉求' : '诉求补充',
    id: t.id,
    suggested: categoryLabel(t).replace('（建议）', ''),
    basis: t.category ? '' : t.suggestedBy.join('、'),
    enterprise: t.enterpriseId ? enterpriseSummary(reader, config, t.enterpriseId) : '',
    claimedUscc: t.claimedUscc ?? '',
    unit: t.assignedUnitId ? (config.unitById(t.assignedUnitId)?.name ?? t.assignedUnitId) : '',
    texts: n.texts,
    media: n.media,
    held: n.held,
    due: due ? whenText(due.toISOString()) : '',
    // Our own wording (the code in it is validated): kept as written, placeholders and all.
    actions: actions.map((a) => safe(a)),
  });
}
