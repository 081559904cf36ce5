/**
 * Everything an enterprise reads from the bot: the welcome, the receipt, the answer to 进度 and the
 * closing note. Built only from the ticket's id, dates, customer-facing state and staff replies —
 * never tiers, signals, other tickets or enterprises, the unit it was routed to, or internal notes.
 */
import type { Config } from '../config/config.ts';
import { CalendarGapError, type WorkingCalendar } from '../domain/calendar/working-days.ts';
import { formatOfficialDateOf } from '../domain/dates.ts';
import { compact } from '../domain/text.ts';
import { addWorkingHours, workingDaysFor } from '../domain/working-hours.ts';
import { render } from '../render/templates.ts';
import type { Ticket } from '../store/model.ts';
import { CUSTOMER_STATE, centerName } from './tickets.ts';

const PROGRESS_WORDS = new Set(['进度', '查进度', '查询进度', '办理进度', '进展', '查询']);

/** The enterprise asks where its request stands (a message of just that word). */
export function isProgressQuery(text: string): boolean {
  return PROGRESS_WORDS.has(compact(text).replace(/[?？。!！]+$/u, ''));
}

/** The answer deadline of a ticket created at `from`; undefined in a year without holiday data. */
export function answerDue(calendar: WorkingCalendar, from: Date, hours: number): Date | undefined {
  try {
    return addWorkingHours(calendar, from, hours);
  } catch (err) {
    if (err instanceof CalendarGapError) return undefined;
    throw err;
  }
}

export function welcomeText(config: Config): string {
  return render('ticket-welcome', { center: centerName(config), days: workingDaysFor(config.rhythms.ticketAnswerWorkingHours) });
}

export function receiptText(config: Config, calendar: WorkingCalendar, t: Pick<Ticket, 'id' | 'createdAt'>): string {
  const hours = config.rhythms.ticketAnswerWorkingHours;
  const due = answerDue(calendar, new Date(t.createdAt), hours);
  return render('ticket-receipt', { id: t.id, days: workingDaysFor(hours), due: due ? formatOfficialDateOf(due) : '' });
}

/**
 * The answer to 进度: the ticket's state and its last staff reply that went out (a reply still
 * held is not shown here — it is sent on its own as soon as the rules allow).
 */
export function progressText(t: Ticket | undefined, options: { omitReply?: boolean } = {}): string {
  if (!t) return '您还没有提交过诉求。请直接发送企业遇到的困难，我们会尽快答复。';
  const last = [...t.messages].reverse().find((m) => m.from === 'staff' && m.delivery === 'queued');
  const reply = last && !options.omitReply ? last.text : '';
  return render('ticket-progress', {
    id: t.id,
    date: formatOfficialDateOf(t.createdAt),
    state: CUSTOMER_STATE[t.state],
    reply,
    replyDate: last ? formatOfficialDateOf(last.queuedAt ?? last.at) : '',
    closed: t.state === '已办结',
  });
}

export function closingText(t: Pick<Ticket, 'id'>): string {
  return `您的诉求 ${t.id} 已办结。感谢您的反馈；如有新的困难，请直接发送，我们会作为新的诉求受理。`;
}
