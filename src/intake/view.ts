/**
 * Tickets as staff and unit liaisons read them (诉求, 诉求 Q12, and the replies of the commands).
 * Internal: enterprise file summary, unit, notes and the platform window are shown here, never to
 * the enterprise.
 */
import type { Config } from '../config/config.ts';
import type { Person } from '../domain/types.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { formatShortDate } from '../domain/dates.ts';
import { safe } from '../render/escape.ts';
import { render } from '../render/templates.ts';
import type { KfSession, Ticket, TicketMessage } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';
import { enterpriseSummary } from './link.ts';
import { categoryLabel, whenText } from './notices.ts';
import { overdueTickets } from './service-level.ts';
import { byNumber, ticketTitle } from './tickets.ts';
import { WINDOW_MESSAGES, checkSend, formatWhen } from './window.ts';

function author(config: Config, m: TicketMessage): string {
  if (m.from === 'customer') return '企业';
  // People's names are role labels (纾困中心工作人员甲, 区税务局联络员): they say the unit too.
  return m.by ? (config.personById(m.by)?.name ?? m.by) : '纾困中心';
}

function deliveryNote(m: TicketMessage): string {
  if (m.from !== 'staff') return '';
  if (m.delivery === 'held') return `暂存未发：${m.heldReason ?? ''}；企业再发消息时自动发出`;
  if (m.delivery === 'failed') return `未送达：${m.heldReason ?? ''}`;
  return m.queuedAt ? `${whenText(m.queuedAt)} 补发` : '';
}

/** The platform window in one line: how many more messages may go, until when, or why none. */
export function windowLine(session: KfSession | undefined, now: Date): string {
  const c = checkSend(session, now);
  if (!c.ok) return `现在不能给企业发消息（${c.reason}）`;
  return `还可给企业发${c.left}条（共${WINDOW_MESSAGES}条），${formatWhen(c.closesAt)}前有效`;
}

export function ticketDetail(reader: StateReader, config: Config, t: Ticket, now: Date, headline?: string): string {
  const session = reader.get('kfSessions', `${t.openKfId}:${t.externalUserId}`);
  const open = t.state !== '已办结';
  const actions = open
    ? [`答复：回复 ${t.id} <内容>｜受理：受理 ${t.id} 类别:…｜转办：转办 ${t.id} 单位:…｜关联：关联 ${t.id} 企业:E…｜办结：办结 ${t.id}`]
    : [];
  const body = render('ticket-detail', {
    id: t.id,
    state: t.state,
    category: categoryLabel(t),
    enterprise: t.enterpriseId ? enterpriseSummary(reader, config, t.enterpriseId) : '',
    claimedUscc: t.claimedUscc ?? '',
    unit: t.assignedUnitId ? (config.unitById(t.assignedUnitId)?.name ?? t.assignedUnitId) : '',
    note: t.assignNote ?? '',
    created: whenText(t.createdAt),
    answered: t.firstAnswerAt ? whenText(t.firstAnswerAt) : '',
    closed: t.closedAt ? whenText(t.closedAt) : '',
    window: open ? windowLine(session, now) : '',
    messages: t.messages.map((m) => ({ when: whenText(m.at), who: author(config, m), text: m.text, note: deliveryNote(m) })),
    history: t.history.map((h) => ({ when: whenText(h.at), text: h.text })),
    actions: actions.map((a) => safe(a)),
  });
  return headline ? `${headline}\n${body}` : body;
}

export function ticketList(reader: StateReader, config: Config, calendar: WorkingCalendar, tickets: Ticket[], now: Date, title: string): string {
  const overdue = new Set(overdueTickets(tickets, now, calendar, config.rhythms.ticketAnswerWorkingHours).map((o) => o.ticket.id));
  return render('ticket-list', {
    title,
    count: tickets.length,
    tickets: tickets.map((t) => ({
      id: t.id,
      state: t.state,
      category: categoryLabel(t),
      enterprise: t.enterpriseId ? (reader.get('enterprises', t.enterpriseId)?.names[0] ?? t.enterpriseId) : '',
      unit: t.assignedUnitId ? (config.unitById(t.assignedUnitId)?.name ?? '') : '',
      age: formatShortDate(toShanghaiDate(new Date(t.createdAt))),
      summary: ticketTitle(t),
      overdue: overdue.has(t.id),
    })),
  });
}

/** The tickets a person may read (诉求 and the dashboard): all for staff, a liaison's unit's otherwise. */
export function ticketsVisibleTo(tx: StateReader, person: Person): Ticket[] {
  const isStaff = person.roles.includes('centerStaff') || person.roles.includes('director');
  const mine = (t: Ticket) => isStaff || (person.unitId !== undefined && t.assignedUnitId === person.unitId);
  return [...tx.values('tickets')].filter(mine).sort(byNumber);
}

/** How a person relates to a ticket: 纾困中心 staff / the director handle all, a liaison only its unit's. */
export function roleFor(person: Person, t: Pick<Ticket, 'assignedUnitId' | 'state'>): 'staff' | 'unit' | undefined {
  if (person.roles.includes('centerStaff') || person.roles.includes('director')) return 'staff';
  if (person.roles.includes('liaison') && person.unitId && person.unitId === t.assignedUnitId) return 'unit';
  return undefined;
}
