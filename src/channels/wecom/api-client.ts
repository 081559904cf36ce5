import { PlatformError } from '../../core/errors.ts';
import { AccessTokenCache } from './access-token.ts';
import { TOKEN_ERRCODES, checkResult } from './errcodes.ts';
import { DEFAULT_TIMEOUT_MS, type FetchLike, type WecomResult, requestJson } from './http-json.ts';

/**
 * The self-built app's server API (qyapi). Token handling and error classification live here so
 * callers see either a result with errcode 0 or a PlatformError that tells the outbox whether to retry.
 */

export const DEFAULT_WECOM_API_BASE = 'https://qyapi.weixin.qq.com';

export interface WecomApiClientOptions {
  /** WECOM_API_BASE; a 政务微信 private deployment has its own host. */
  baseUrl?: string;
  corpId: string;
  secret: string;
  agentId: number | string;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  /** Extra query parameters, e.g. `type=file` for media/upload. */
  query?: Record<string, string>;
}

export type JsonBody = Record<string, unknown>;

export class WecomApiClient {
  readonly baseUrl: string;
  readonly agentId: number | string;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;
  readonly #tokens: AccessTokenCache;

  constructor(opts: WecomApiClientOptions) {
    this.baseUrl = (opts.baseUrl || DEFAULT_WECOM_API_BASE).replace(/\/+$/, '');
    // WeCom wants agentid as an integer; the environment gives a string.
    this.agentId = /^\d+$/.test(String(opts.agentId)) ? Number(opts.agentId) : opts.agentId;
    this.#fetch = opts.fetch ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#tokens = new AccessTokenCache({
      baseUrl: this.baseUrl,
      corpId: opts.corpId,
      secret: opts.secret,
      fetch: this.#fetch,
      timeoutMs: this.#timeoutMs,
      now: opts.now,
    });
  }

  /** message/send: text, markdown or template_card to members (`touser` "a|b"). */
  sendMessage(body: JsonBody): Promise<WecomResult> {
    return this.call('message/send', { agentid: this.agentId, ...body });
  }

  /** appchat/send: into a group this app created (no template_card there). */
  appchatSend(body: JsonBody): Promise<WecomResult> {
    return this.call('appchat/send', body);
  }

  /** message/update_template_card with a click's single-use response_code. */
  updateTemplateCard(body: JsonBody): Promise<WecomResult> {
    return this.call('message/update_template_card', { agentid: this.agentId, ...body });
  }

  /**
   * The aibot's response_url: one call per URL within an hour, no access_token. The URL comes from
   * a signed callback; it must still point at the configured API host, so a forged or mistyped URL
   * cannot make us post chat content elsewhere.
   */
  async postResponseUrl(url: string, body: JsonBody): Promise<WecomResult> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new PlatformError('企业微信 response_url 不合法', { platform: 'wecom', retryable: false });
    }
    if (target.origin !== new URL(this.baseUrl).origin) {
      throw new PlatformError('企业微信 response_url 不在配置的 API 域名下', { platform: 'wecom', retryable: false });
    }
    const result = await requestJson(this.#fetch, target.href, 'aibot/response', { method: 'POST', body }, this.#timeoutMs);
    return checkResult(result, 'aibot/response');
  }

  /**
   * Any token-authenticated endpoint under /cgi-bin/ (kf/sync_msg, kf/send_msg, oa/schedule/add,
   * media/upload with a FormData body …). On an invalid or expired token it refreshes once and retries.
   */
  async call(path: string, body?: JsonBody | FormData, opts: CallOptions = {}): Promise<WecomResult> {
    const what = path.replace(/^\/?(cgi-bin\/)?/, '');
    const method = opts.method ?? (body === undefined ? 'GET' : 'POST');
    let token = await this.#tokens.get();
    let result = await requestJson(this.#fetch, this.#url(what, token, opts.query), what, { method, body }, this.#timeoutMs);
    if (typeof result.errcode === 'number' && TOKEN_ERRCODES.has(result.errcode)) {
      this.#tokens.invalidate(token);
      token = await this.#tokens.get();
      result = await requestJson(this.#fetch, this.#url(what, token, opts.query), what, { method, body }, this.#timeoutMs);
    }
    return checkResult(result, what);
  }

  #url(path: string, token: string, query: Record<string, string> = {}): string {
    const params = new URLSearchParams({ access_token: token, ...query });
    return `${this.baseUrl}/cgi-bin/${path}?${params.toString()}`;
  }
}
