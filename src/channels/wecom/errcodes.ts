import { PlatformError } from '../../outbox/platform-error.ts';
import type { WecomResult } from './http-json.ts';

/** Codes after which a fresh access_token and one more try fix the call (same set as wechatpy). */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** API frequency limit; WeCom counts per minute, so a minute is the sensible wait. */
export const RATE_LIMITED = 45009;
const RATE_LIMIT_WAIT_MS = 60_000;

/** Transient server-side conditions: -1 系统繁忙, 45033 接口并发调用超过限制. */
const TRANSIENT: ReadonlyMap<number, number> = new Map([
  [-1, 5_000],
  [45033, 5_000],
]);

/** Throws the PlatformError that matches a non-zero errcode; returns the result otherwise. */
export function checkResult(result: WecomResult, what: string): WecomResult {
  const code = typeof result.errcode === 'number' ? result.errcode : 0;
  if (code === 0) return result;
  const message = `企业微信 ${what} 失败：${code} ${String(result.errmsg ?? '').slice(0, 200)}`;
  if (code === RATE_LIMITED) {
    throw new PlatformError(message, { platform: 'wecom', code, retryable: true, retryAfterMs: RATE_LIMIT_WAIT_MS });
  }
  const wait = TRANSIENT.get(code);
  if (wait !== undefined) {
    throw new PlatformError(message, { platform: 'wecom', code, retryable: true, retryAfterMs: wait });
  }
  // A token error that survived one refresh is most likely transient on WeCom's side.
  if (TOKEN_ERRCODES.has(code)) throw new PlatformError(message, { platform: 'wecom', code, retryable: true });
  throw new PlatformError(message, { platform: 'wecom', code, retryable: false });
}
