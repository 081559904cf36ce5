import { PlatformError } from '../../outbox/platform-error.ts';
import { hostOf, isPlatformUrl } from '../reply-url.ts';
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
    if (!this.ownsResponseUrl(url)) {
      throw new PlatformError(`企业微信 response_url 不在配置的 API 域名下：${hostOf(url)}`, { platform: 'wecom', retryable: false });
    }
    const target = new URL(url);
    const result = await requestJson(this.#fetch, target.href, 'aibot/response', { method: 'POST', body }, this.#timeoutMs);
    return checkResult(result, 'aibot/response');
  }

  /** Whether a response_url from a callback points at the configured API host (reply-url.ts). */
  ownsResponseUrl(url: string): boolean {
    return isPlatformUrl(url, this.baseUrl);
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

  /** media/upload: a temporary file (kept 3 days by WeCom) → its media_id, for a file message. */
  async uploadMedia(name: string, data: Uint8Array, type: 'file' | 'image' = 'file'): Promise<string> {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(data)]), name);
    const result = await this.call('media/upload', form, { query: { type } });
    return mediaIdOf(result, 'media/upload');
  }

  /**
   * media/get: the bytes of a file a member sent to the app (MediaId of the callback). WeCom
   * answers with the file, or with JSON when it refuses (bad media_id, expired token).
   */
  async downloadMedia(mediaId: string): Promise<Uint8Array> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.#tokens.get();
      const res = await this.#get(this.#url('media/get', token, { media_id: mediaId }), 'media/get');
      const type = res.headers.get('content-type') ?? '';
      if (!/json|text\/plain/iu.test(type)) return new Uint8Array(await res.arrayBuffer());
      const result = (await res.json().catch(() => ({ errcode: -1, errmsg: 'bad json' }))) as WecomResult;
      if (attempt === 0 && typeof result.errcode === 'number' && TOKEN_ERRCODES.has(result.errcode)) {
        this.#tokens.invalidate(token);
        continue;
      }
      checkResult(result, 'media/get');
      throw new PlatformError('企业微信 media/get 没有返回文件', { platform: 'wecom', code: 'no_file', retryable: false });
    }
  }

  async #get(url: string, what: string): Promise<Response> {
    let res: Response;
    try {
      res = await this.#fetch(url, { method: 'GET', signal: AbortSignal.timeout(this.#timeoutMs * 3) });
    } catch {
      throw new PlatformError(`企业微信 ${what} 网络错误或超时`, { platform: 'wecom', code: 'network', retryable: true });
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new PlatformError(`企业微信 ${what} HTTP ${res.status}`, { platform: 'wecom', code: res.status, retryable: res.status >= 500 || res.status === 429 });
    }
    return res;
  }

  #url(path: string, token: string, query: Record<string, string> = {}): string {
    const params = new URLSearchParams({ access_token: token, ...query });
    return `${this.baseUrl}/cgi-bin/${path}?${params.toString()}`;
  }
}

export function mediaIdOf(result: WecomResult, what: string): string {
  const id = result.media_id;
  if (typeof id !== 'string' || id === '') {
    throw new PlatformError(`企业微信 ${what} 没有返回 media_id`, { platform: 'wecom', code: 'no_media_id', retryable: false });
  }
  return id;
}
