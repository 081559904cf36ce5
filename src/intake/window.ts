/**
 * The 微信客服 sending rules (protocols §4), decided before anything is queued so that staff hear
 * at once when a reply cannot go out, instead of the outbox failing later:
 * - only within 48 hours after the customer's last message;
 * - at most 5 messages until the customer writes again (each customer message starts a new count);
 * - only while the session is 0 未处理 or 1 智能助手 (2 排队 / 3 人工接待 belong to the WeCom 客服
 *   tool's servicers; 4 已结束 waits for the customer).
 */
import { toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import { formatShortDate } from '../domain/dates.ts';
import type { KfSession } from '../store/model.ts';

export const WINDOW_HOURS = 48;
export const WINDOW_MESSAGES = 5;
const WINDOW_MS = WINDOW_HOURS * 3_600_000;

export type SendCheck =
  | { ok: true; left: number; closesAt: Date }
  | { ok: false; why: 'never' | 'window' | 'limit' | 'state'; reason: string };

const when = (d: Date) => `${formatShortDate(toShanghaiDate(d))} ${toShanghaiTime(d)}`;

/** Whether one more message may be sent to this customer now; the reason is for staff. */
export function checkSend(session: Pick<KfSession, 'lastCustomerAt' | 'sentInWindow' | 'serviceState'> | undefined, now: Date): SendCheck {
  if (!session?.lastCustomerAt) return { ok: false, why: 'never', reason: '企业还没有在微信客服中发过消息' };
  const last = new Date(session.lastCustomerAt);
  const closesAt = new Date(last.getTime() + WINDOW_MS);
  if (now >= closesAt) {
    return { ok: false, why: 'window', reason: `企业最后一次发消息是${when(last)}，已超过48小时，平台不允许再发` };
  }
  if (session.sentInWindow >= WINDOW_MESSAGES) {
    return { ok: false, why: 'limit', reason: `企业${when(last)}发消息后已给企业发了${WINDOW_MESSAGES}条，达到平台上限` };
  }
  const state = session.serviceState;
  if (state === 2 || state === 3) {
    return { ok: false, why: 'state', reason: state === 2 ? '该会话在企业微信客服的待接入池排队，机器人不能代发' : '该会话正由人工客服在企业微信中接待，机器人不能代发' };
  }
  if (state === 4) return { ok: false, why: 'state', reason: '该会话已结束，平台不允许再发' };
  return { ok: true, left: WINDOW_MESSAGES - session.sentInWindow, closesAt };
}

export function formatWhen(d: Date): string {
  return when(d);
}
