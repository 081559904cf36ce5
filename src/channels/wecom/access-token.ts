import { PlatformError } from '../../outbox/platform-error.ts';
import { type FetchLike, requestJson } from './http-json.ts';
import { systemMillis } from '../../domain/clock.ts';

/**
 * The app's access_token (WeCom doc 91039): cached until shortly before it expires, and fetched by
 * one request however many callers need it at once, because gettoken is throttled.
 */

export interface AccessTokenOptions {
  baseUrl: string;
  corpId: string;
  secret: string;
  fetch: FetchLike;
  timeoutMs?: number;
  /** Refresh this long before WeCom's expiry. */
  marginMs?: number;
  now?: () => number;
}

export class AccessTokenCache {
  #token: string | undefined;
  #expiresAt = 0;
  #inFlight: Promise<string> | undefined;

  constructor(private readonly opts: AccessTokenOptions) {}

  async get(): Promise<string> {
    const now = (this.opts.now ?? systemMillis)();
    if (this.#token && now < this.#expiresAt) return this.#token;
    this.#inFlight ??= this.#fetch().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /**
   * Drops `token` after WeCom rejected it. Only that token: a caller holding an older one must not
   * throw away the fresh token another caller just fetched.
   */
  invalidate(token: string): void {
    if (this.#token === token) {
      this.#token = undefined;
      this.#expiresAt = 0;
    }
  }

  async #fetch(): Promise<string> {
    const { baseUrl, corpId, secret } = this.opts;
    const url = `${baseUrl}/cgi-bin/gettoken?corpid=${encodeURIComponent(corpId)}&corpsecret=${encodeURIComponent(secret)}`;
    const result = await requestJson(this.opts.fetch, url, 'gettoken', { method: 'GET' }, this.opts.timeoutMs);
    const code = typeof result.errcode === 'number' ? result.errcode : 0;
    if (code !== 0 || typeof result.access_token !== 'string' || !result.access_token) {
      // Wrong corpid/secret is configuration: retrying will not help. Busy/limited is transient.
      const transient = code === -1 || code === 45009;
      throw new PlatformError(`企业微信 gettoken 失败：${code}`, {
        platform: 'wecom',
        code,
        retryable: transient,
        retryAfterMs: transient ? 60_000 : undefined,
      });
    }
    const expiresInMs = (typeof result.expires_in === 'number' ? result.expires_in : 7200) * 1000;
    const margin = Math.min(this.opts.marginMs ?? 300_000, expiresInMs / 2);
    this.#token = result.access_token;
    this.#expiresAt = (this.opts.now ?? systemMillis)() + expiresInMs - margin;
    return this.#token;
  }
}
