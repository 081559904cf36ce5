import { createHash } from 'node:crypto';

/**
 * The port through which the rescue center (纾困中心) talks to enterprises: the 微信客服 protocol's
 * shapes (WeCom doc 94670, 94677, 94669, 95122), owned here so that the intake never imports a
 * channel. `src/channels/wecom/kf-api.ts` implements it; tests use the fake WeCom server behind it.
 */

/** The longest text one customer message may carry (send_msg text.content: 2,048 bytes). */
export const CUSTOMER_TEXT_LIMIT_BYTES = 2048;

export type KfServiceState = 0 | 1 | 2 | 3 | 4;

/** One entry of sync_msg's msg_list; fields beyond these depend on msgtype. */
export interface KfMessage {
  msgid: string;
  open_kfid: string;
  external_userid?: string;
  /** Unix seconds. */
  send_time: number;
  /** 3 the WeChat customer, 4 a system event, 5 a servicer in the WeCom 客服 tool. */
  origin: number;
  servicer_userid?: string;
  msgtype: string;
  text?: { content?: string; menu_id?: string };
  event?: KfEvent;
  [field: string]: unknown;
}

export interface KfEvent {
  event_type: string;
  open_kfid?: string;
  external_userid?: string;
  scene?: string;
  scene_param?: string;
  /** enter_session: valid 20 s, for one send_msg_on_event. */
  welcome_code?: string;
  /** session_status_change: 1 接入, 2 转接, 3 结束, 4 重新接入. */
  change_type?: number;
  /** msg_send_fail: the msgid we gave to send_msg. */
  fail_msgid?: string;
  fail_type?: number;
  [field: string]: unknown;
}

export interface KfSyncResult {
  next_cursor: string;
  has_more: boolean;
  msg_list: KfMessage[];
}

/** What the intake needs of the customer-service API. */
export interface CustomerServiceApi {
  syncMsg(body: { open_kfid: string; cursor: string; token?: string; limit?: number }): Promise<KfSyncResult>;
  sendTextOnEvent(body: { code: string; content: string }): Promise<unknown>;
  getServiceState(body: { open_kfid: string; external_userid: string }): Promise<KfServiceState>;
}

/** Our msgid for a send_msg, stable per outbox item, so a msg_send_fail event names the item. */
export function kfMsgIdFor(idempotencyKey: string): string {
  return createHash('sha1').update(idempotencyKey).digest('hex').slice(0, 32);
}
