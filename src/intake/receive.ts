/**
 * Acting on one page of kf/sync_msg inside one transaction: new customer messages open or join a
 * ticket, get a receipt or a progress answer, release held replies, and tell staff; service-state
 * and send-failure events update what we know. Messages already seen (by msgid) are skipped, so a
 * page read twice — a duplicate callback, a restart before the cursor was saved — acts once.
 */
import type { Config } from '../config/config.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { suggestCategory } from '../domain/ticket-category.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { KfMessage } from './customer-service.ts';
import { kfMsgIdFor } from './customer-service.ts';
import type { Ticket } from '../store/model.ts';
import type { Tx } from '../store/tx.ts';
import { flushHeld, sendToCustomer } from './deliver.ts';
import { isProgressQuery, progressText, receiptText } from './customer-texts.ts';
import { refreshLink } from './link.ts';
import { staffNotice, staffRecipients, unitRecipients, whenText } from './notices.ts';
import { customerTexts, openTicketOf, sessionOf, ticketsOf } from './tickets.ts';

export interface IntakeEnv {
  config: Config;
  calendar: WorkingCalendar;
}

const MEDIA_LABELS: Record<string, string> = {
  image: '[图片]', voice: '[语音]', video: '[视频]', file: '[文件]', location: '[位置]', link: '[链接]',
  business_card: '[名片]', miniprogram: '[小程序]', channels_shop_product: '[商品]', channels_shop_order: '[订单]',
};

/** What a customer message says, as text; other types become a label staff can look up. */
export function contentOf(m: KfMessage): { text: string; media: boolean } {
  if (m.msgtype === 'text') return { text: String(m.text?.content ?? '').trim(), media: false };
  return { text: MEDIA_LABELS[m.msgtype] ?? `[${m.msgtype}]`, media: true };
}

/** Seen msgids are kept a little longer than sync_msg can return them (3 days). */
export const SEEN_KEEP_MS = 4 * 86_400_000;

export interface BatchOutcome {
  /** Customers (`${openKfId}:${externalUserId}`) who wrote in this batch. */
  customers: Set<string>;
  /** Tickets opened. */
  opened: string[];
}

interface Touched {
  isNew: boolean;
  texts: string[];
  media: boolean;
  held: number;
  firstMsgid: string;
}

export function applyBatch(tx: Tx, env: IntakeEnv, msgs: readonly KfMessage[], now: Date): BatchOutcome {
  const out: BatchOutcome = { customers: new Set(), opened: [] };
  const touched = new Map<string, Touched>();
  const at = now.toISOString();
  for (const m of msgs) {
    if (!m.msgid || tx.get('kfSeen', m.msgid)) continue;
    tx.put('kfSeen', { id: m.msgid, at });
    if (m.origin === 3 && m.external_userid) {
      out.customers.add(`${m.open_kfid}:${m.external_userid}`);
      customerMessage(tx, env, m, now, touched, out);
    } else if (m.origin === 4 && m.event) {
      systemEvent(tx, env, m, now);
    }
    // origin 5: a servicer wrote in the WeCom 客服 tool; nothing for the bot to do.
  }
  for (const [id, x] of touched) notify(tx, env, id, x, now);
  return out;
}

function customerMessage(tx: Tx, env: IntakeEnv, m: KfMessage, now: Date, touched: Map<string, Touched>, out: BatchOutcome): void {
  const ext = m.external_userid!;
  const sentAt = new Date((m.send_time || now.getTime() / 1000) * 1000).toISOString();
  // Every customer message opens a new 48-hour window with a fresh allowance of 5.
  const session = sessionOf(tx, m.open_kfid, ext);
  session.lastCustomerAt = sentAt > (session.lastCustomerAt ?? '') ? sentAt : session.lastCustomerAt;
  session.sentInWindow = 0;
  if (session.serviceState === 4) session.serviceState = 0;
  tx.put('kfSessions', session);

  const { text, media } = contentOf(m);
  let t = openTicketOf(tx, m.open_kfid, ext);
  if (!media && isProgressQuery(text)) {
    const ticket = t ?? ticketsOf(tx, m.open_kfid, ext)[0];
    const held = t ? flushHeld(tx, now, t, session) : 0;
    if (t && held) tx.put('tickets', t);
    sendToCustomer(tx, now, session, progressText(ticket, { omitReply: held > 0 }), `kf:${m.msgid}:progress`);
    return;
  }
  const isNew = !t;
  if (!t) {
    const suggestion = suggestCategory(text);
    t = {
      id: tx.nextId('Q'),
      externalUserId: ext,
      openKfId: m.open_kfid,
      suggestedCategory: suggestion.category,
      suggestedBy: suggestion.matched,
      messages: [],
      state: '待受理',
      history: [],
      createdAt: sentAt,
      updatedAt: sentAt,
    } satisfies Ticket;
    out.opened.push(t.id);
  }
  t.messages.push({ from: 'customer', text, at: sentAt, msgid: m.msgid });
  t.updatedAt = sentAt;
  // The first message usually names the trouble; later ones add detail. Only a ticket still
  // without a category is suggested again from everything the enterprise wrote.
  if (!t.category && t.suggestedCategory === '其他') {
    const suggestion = suggestCategory(customerTexts(t).join('\n'));
    t.suggestedCategory = suggestion.category;
    t.suggestedBy = suggestion.matched;
  }
  refreshLink(tx, t);
  if (isNew) sendToCustomer(tx, now, session, receiptText(env.config, env.calendar, t), `kf:${m.msgid}:receipt`);
  const held = flushHeld(tx, now, t, session);
  tx.put('tickets', t);

  const x = touched.get(t.id) ?? { isNew, texts: [], media: false, held: 0, firstMsgid: m.msgid };
  x.texts.push(text);
  x.media ||= media;
  x.held += held;
  touched.set(t.id, x);
}

/** One notice per ticket and batch, to the center, and to the assigned unit for added messages. */
function notify(tx: Tx, env: IntakeEnv, ticketId: string, x: Touched, now: Date): void {
  const t = tx.get('tickets', ticketId);
  if (!t) return;
  const text = staffNotice(tx, env.config, env.calendar, { ticket: t, ...x });
  const to = [...staffRecipients(env.config), ...(!x.isNew && t.assignedUnitId ? unitRecipients(env.config, t.assignedUnitId) : [])];
  to.forEach((recipient, i) => enqueue(tx, now, { to: recipient, text, idempotencyKey: `kf:${x.firstMsgid}:notice:${i}` }));
}

/** session_status_change keeps the known state current; msg_send_fail marks the reply failed and tells staff. */
function systemEvent(tx: Tx, env: IntakeEnv, m: KfMessage, now: Date): void {
  const e = m.event!;
  const ext = e.external_userid ?? m.external_userid;
  if (!ext) return;
  if (e.event_type === 'session_status_change') {
    const s = sessionOf(tx, m.open_kfid, ext);
    // 1 接入 / 2 转接 / 4 重新接入: a human servicer has it (3); 3 结束: ended (4).
    s.serviceState = e.change_type === 3 ? 4 : 3;
    s.stateAt = now.toISOString();
    tx.put('kfSessions', s);
  } else if (e.event_type === 'msg_send_fail' && e.fail_msgid) {
    for (const t of ticketsOf(tx, m.open_kfid, ext)) {
      const index = t.messages.findIndex((x) => x.outboxId && kfMsgIdFor(x.outboxId) === e.fail_msgid);
      if (index < 0) continue;
      const copy = structuredClone(t);
      copy.messages[index] = { ...copy.messages[index]!, delivery: 'failed', heldReason: '微信客服报告发送失败' };
      tx.put('tickets', copy);
      const text = `【诉求 ${t.id}】${whenText(copy.messages[index]!.at)} 的答复未送达企业（微信客服报告发送失败，例如企业已不再接收）。如需继续联系，请通过其他方式联系企业。`;
      staffRecipients(env.config).forEach((to, i) => enqueue(tx, now, { to, text, idempotencyKey: `kf:${m.msgid}:fail:${i}` }));
      return;
    }
  }
}
