import type { WecomKfEnv } from '../../config/env.ts';
import { WecomApiClient } from './api-client.ts';
import type { FetchLike, WecomResult } from './http-json.ts';
import type { CustomerServiceApi, KfMessage, KfServiceState, KfSyncResult } from '../../intake/customer-service.ts';

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

export class KfApi implements CustomerServiceApi {
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
