import { PlatformError } from '../../outbox/platform-error.ts';

/**
 * One JSON request to a WeCom endpoint with a time-out. Transport failures become retryable
 * PlatformErrors; the URL is never put in an error message because it carries the access_token or
 * the webhook key.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A WeCom answer: `errcode` 0 means success; other fields depend on the endpoint. */
export interface WecomResult {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export async function requestJson(
  fetchFn: FetchLike,
  url: string,
  what: string,
  init: { method: 'GET' | 'POST'; body?: unknown },
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<WecomResult> {
  // FormData (media upload) goes as multipart; everything else as JSON.
  const form = init.body instanceof FormData;
  const json = init.body !== undefined && !form;
  let res: Response;
  try {
    res = await fetchFn(url, {
      method: init.method,
      headers: json ? { 'content-type': 'application/json; charset=utf-8' } : undefined,
      body: form ? (init.body as FormData) : json ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const name = (err as Error).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    throw new PlatformError(`企业微信 ${what} ${timedOut ? '请求超时' : '网络错误'}`, {
      platform: 'wecom',
      code: timedOut ? 'timeout' : 'network',
      retryable: true,
    });
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new PlatformError(`企业微信 ${what} HTTP ${res.status}`, {
      platform: 'wecom',
      code: res.status,
      retryable: res.status >= 500 || res.status === 429,
    });
  }
  let data: unknown;
  try {
    data = await res.json();
  } catch (err) {
    const name = (err as Error).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    throw new PlatformError(`企业微信 ${what} ${timedOut ? '响应超时' : '返回的不是 JSON'}`, {
      platform: 'wecom',
      code: timedOut ? 'timeout' : 'bad_json',
      retryable: timedOut,
    });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new PlatformError(`企业微信 ${what} 返回格式不对`, { platform: 'wecom', code: 'bad_json', retryable: false });
  }
  return data as WecomResult;
}
