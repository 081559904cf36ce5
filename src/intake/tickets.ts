/**
 * Tickets (诉求) as the intake and the staff commands use them: found by the id people type, a
 * customer's open ticket, their steps, and the few words an enterprise may see about one.
 */
import { UserError } from '../domain/errors.ts';
import type { Config } from '../config/config.ts';
import type { KfSession, Ticket, TicketState } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

export const TICKET_ID = /^[Qq]\d{1,7}$/u;

export function customerKey(openKfId: string, externalUserId: string): string {
  return `${openKfId}:${externalUserId}`;
}

/** A copy of the ticket, or one Chinese sentence that says what to write. */
export function loadTicket(reader: StateReader, ref: string | undefined, usage: string): Ticket {
  if (!ref || !TICKET_ID.test(ref)) throw new UserError(`请写诉求编号，如 Q12。写法：${usage}`);
  const t = reader.get('tickets', ref.toUpperCase());
  if (!t) throw new UserError(`没有编号为 ${ref.toUpperCase()} 的诉求。发“诉求”查看未办结的诉求。`);
  return structuredClone(t);
}

/** The customer's tickets, newest first. */
export function ticketsOf(reader: StateReader, openKfId: string, externalUserId: string): Ticket[] {
  return reader.lookup('tickets', 'customer', customerKey(openKfId, externalUserId)).sort(byNumberDesc);
}

/** The one ticket a customer's new message joins, if any (only one is open at a time). */
export function openTicketOf(reader: StateReader, openKfId: string, externalUserId: string): Ticket | undefined {
  const open = ticketsOf(reader, openKfId, externalUserId).find((t) => t.state !== '已办结');
  return open ? structuredClone(open) : undefined;
}

export function isOpen(t: Pick<Ticket, 'state'>): boolean {
  return t.state !== '已办结';
}

export function byNumber(a: { id: string }, b: { id: string }): number {
  return Number(a.id.slice(1)) - Number(b.id.slice(1));
}

function byNumberDesc(a: { id: string }, b: { id: string }): number {
  return byNumber(b, a);
}

export function step(t: Ticket, at: string, by: string, text: string): void {
  t.history.push({ at, by, text });
  t.updatedAt = at;
}

export function sessionOf(reader: StateReader, openKfId: string, externalUserId: string): KfSession {
  const id = customerKey(openKfId, externalUserId);
  const s = reader.get('kfSessions', id);
  return s ? structuredClone(s) : { id, openKfId, externalUserId, sentInWindow: 0 };
}

/**
 * What an enterprise is told about its ticket's state. 已转办 does not name the unit: which
 * member unit handles it is the mechanism's internal routing.
 */
export const CUSTOMER_STATE: Record<TicketState, string> = {
  待受理: '已收到，等待受理',
  处理中: '正在办理',
  已转办: '正在办理（已转相关部门协同办理）',
  已办结: '已办结',
};

/** What the enterprise wrote, one line per message (for notices, lists and the export). */
export function customerTexts(t: Pick<Ticket, 'messages'>): string[] {
  return t.messages.filter((m) => m.from === 'customer').map((m) => m.text);
}

/** The first customer message, shortened, as a ticket's title in lists. */
export function ticketTitle(t: Pick<Ticket, 'messages'>, max = 30): string {
  const first = customerTexts(t)[0] ?? '';
  const flat = first.replace(/\s+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The rescue center's name for the enterprise ("城区企业纾困司法协同中心"). */
export function centerName(config: Config): string {
  return `${config.mechanism.region}企业纾困司法协同中心`;
}
