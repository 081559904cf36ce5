import { PlatformError } from '../../outbox/platform-error.ts';
import { retryAfterMs, type HttpResult } from './http.ts';

/**
 * Turns DingTalk answers into `PlatformError`s. DingTalk has two API generations:
 * - api.dingtalk.com (v1.0): HTTP status + `{code, message}` on failure;
 * - oapi.dingtalk.com (custom robot, sessionWebhook): HTTP 200 + `{errcode, errmsg}`.
 */

/** Default wait after an HTTP 429 without Retry-After: the v1.0 limits are per second. */
const DEFAULT_429_WAIT_MS = 2_000;

/** Codes the v1.0 robot API uses for flow control (seen in public client code; none official). */
const API_RATE_LIMIT_CODES = new Set(['send.too.fast', 'too.many.group', 'too.many.people', 'send.byToken.tooFast']);

/** The custom robot is throttled for 10 minutes after 20 messages in a minute (reference §5.4). */
export const ROBOT_THROTTLE_MS = 10 * 60 * 1000;
/** 130101 "send too fast"; 660026 is reported for the same throttle on some deployments. */
const OAPI_THROTTLE_CODES = new Set([130101, 660026]);

export function apiCodeOf(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isTokenRejected(res: HttpResult): boolean {
  return res.status === 401 || apiCodeOf(res.body) === 'InvalidAuthentication';
}

export function apiError(res: HttpResult, path: string): PlatformError {
  const code = apiCodeOf(res.body) ?? res.status;
  const message = (res.body as { message?: unknown } | undefined)?.message;
  const text = `钉钉接口 ${path} 失败：HTTP ${res.status} ${code}${typeof message === 'string' ? ` ${message}` : ''}`;
  const rateLimited =
    res.status === 429 || (typeof code === 'string' && (API_RATE_LIMIT_CODES.has(code) || /QpsLimit|Throttl/i.test(code)));
  if (rateLimited) {
    return new PlatformError(text, {
      platform: 'dingtalk', code, retryable: true, retryAfterMs: retryAfterMs(res.headers, DEFAULT_429_WAIT_MS),
    });
  }
  // 5xx is DingTalk's trouble; a token rejected twice in a row is usually a token race, not a config error.
  const retryable = res.status >= 500 || isTokenRejected(res);
  return new PlatformError(text, { platform: 'dingtalk', code, retryable });
}

/** Checks an oapi-style answer; returns normally only for errcode 0. */
export function checkOapiResult(res: HttpResult, what: string): void {
  if (res.status !== 200) {
    if (res.status === 429 || res.status >= 500) {
      const extra = res.status === 429 ? { retryAfterMs: retryAfterMs(res.headers, DEFAULT_429_WAIT_MS) } : {};
      throw new PlatformError(`${what}失败：HTTP ${res.status}`, { platform: 'dingtalk', code: res.status, retryable: true, ...extra });
    }
    throw new PlatformError(`${what}失败：HTTP ${res.status}`, { platform: 'dingtalk', code: res.status, retryable: false });
  }
  const body = res.body as { errcode?: unknown; errmsg?: unknown } | undefined;
  const errcode = typeof body?.errcode === 'number' ? body.errcode : undefined;
  if (errcode === 0) return;
  if (errcode === undefined) {
    throw new PlatformError(`${what}失败：无法识别的应答`, { platform: 'dingtalk', retryable: false });
  }
  const text = `${what}失败：errcode ${errcode} ${typeof body?.errmsg === 'string' ? body.errmsg : ''}`.trim();
  if (OAPI_THROTTLE_CODES.has(errcode)) {
    throw new PlatformError(text, { platform: 'dingtalk', code: errcode, retryable: true, retryAfterMs: ROBOT_THROTTLE_MS });
  }
  // -1 is oapi's "system busy".
  throw new PlatformError(text, { platform: 'dingtalk', code: errcode, retryable: errcode === -1 });
}
