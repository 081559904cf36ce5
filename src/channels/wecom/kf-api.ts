import { createHash } from 'node:crypto';
import type { WecomKfEnv } from '../../config/env.ts';
import { WecomApiClient } from './api-client.ts';
import type { FetchLike, WecomResult } from './http-json.ts';

/**
 * The 微信客服 (kf) endpoints the rescue-center intake uses (protocols §4; WeCom doc 94670,
 * 94677, 94669, 95122). Typed views over `WecomApiClient.call`; errors are the client's
 * PlatformErrors, with the kf codes below recognised by callers.
 */

/** Session state not allowing send_msg (the session is queued, with a human servicer, or ended). */
export const KF_SESSION_STATE_INVALID = 95018;
/**
 * The sync_msg token from the callback is invalid or expired (valid 10 minutes). Unconfirmed
 * code: treat any sync_msg failure with a token as "try once without it".
 */
export const KF_INVALID_MSG_TOKEN = 95007;

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

export class KfApi {
  constructor(private readonly client: Pick<WecomApiClient, 'call'>) {}

  async syncMsg(body: { open_kfid: string; cursor: string; token?: string; limit?: number }): Promise<KfSyncResult> {
    // Without the callback's token the call is strictly rate-limited, but allowed (catch-up at start).
    const r = await this.client.call('kf/sync_msg', {
      open_kfid: body.open_kfid,
      cursor: body.cursor,
      limit: body.limit ?? 1000,
      ...(body.token ? { token: body.token } : {}),
    });
    return {
      next_cursor: typeof r.next_cursor === 'string' ? r.next_cursor : body.cursor,
      has_more: r.has_more === 1 || r.has_more === true,
      msg_list: Array.isArray(r.msg_list) ? (r.msg_list as KfMessage[]) : [],
    };
  }

  /** A text to a customer; `msgid` (≤32 of [0-9a-zA-Z_-]) is echoed back by a msg_send_fail event. */
  sendText(body: { touser: string; open_kfid: string; content: string; msgid?: string }): Promise<WecomResult> {
    const { content, ...rest } = body;
    return this.client.call('kf/send_msg', { ...rest, msgtype: 'text', text: { content } });
  }

  /** The welcome message with an enter_session event's welcome_code (valid 20 s, once). */
  sendTextOnEvent(body: { code: string; content: string }): Promise<WecomResult> {
    return this.client.call('kf/send_msg_on_event', { code: body.code, msgtype: 'text', text: { content: body.content } });
  }

  async getServiceState(body: { open_kfid: string; external_userid: string }): Promise<KfServiceState> {
    const r = await this.client.call('kf/service_state/get', body);
    return Number(r.service_state) as KfServiceState;
  }

  transServiceState(body: { open_kfid: string; external_userid: string; service_state: KfServiceState; servicer_userid?: string }): Promise<WecomResult> {
    return this.client.call('kf/service_state/trans', body);
  }
}

/** The kf client: WECOM_KF_SECRET when set, else the self-built app's secret (env.ts decides). */
export function kfApiFromEnv(env: WecomKfEnv, options: { fetch?: FetchLike; now?: () => number } = {}): KfApi {
  // kf endpoints take no agentid; the client requires one for message/send only.
  const client = new WecomApiClient({ baseUrl: env.apiBase, corpId: env.corpId, secret: env.secret, agentId: 0, ...options });
  return new KfApi(client);
}

/** Our msgid for a send_msg, stable per outbox item, so a msg_send_fail event names the item. */
export function kfMsgIdFor(idempotencyKey: string): string {
  return createHash('sha1').update(idempotencyKey).digest('hex').slice(0, 32);
}
