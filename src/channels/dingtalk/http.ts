import { PlatformError } from '../../outbox/platform-error.ts';
import { systemMillis } from '../../domain/clock.ts';

/** What every DingTalk HTTP call needs; `fetch` is injectable so tests can watch or replace it. */
export interface HttpOptions {
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  body: unknown;
}

/**
 * POSTs JSON and reads the answer. Only transport failures throw here (retryable: the message may be
 * tried again later); interpreting the status and the body is the caller's job, since DingTalk's two
 * API generations report errors differently (HTTP status + `code` vs HTTP 200 + `errcode`).
 */
export async function postJson(
  http: HttpOptions,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  let res: Response;
  try {
    res = await http.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(http.timeoutMs),
    });
  } catch (err) {
    throw transportError(err, url);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw transportError(err, url);
  }
  return { status: res.status, headers: res.headers, body: parseJson(text) };
}

/** POSTs a multipart form (a file upload) and reads the JSON answer, like postJson. */
export async function sendForm(http: HttpOptions, url: string, form: FormData): Promise<HttpResult> {
  let res: Response;
  let text: string;
  try {
    res = await http.fetch(url, { method: 'POST', headers: { accept: 'application/json' }, body: form, signal: AbortSignal.timeout(http.timeoutMs * 3) });
    text = await res.text();
  } catch (err) {
    throw transportError(err, url);
  }
  return { status: res.status, headers: res.headers, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * `timeout` and `network` are told apart on purpose: after a time-out DingTalk may have delivered the
 * message, after a refused connection it certainly has not (the reply fallback relies on this).
 */
function transportError(err: unknown, url: string): PlatformError {
  const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
  const where = new URL(url).pathname;
  return new PlatformError(`钉钉接口${timedOut ? '超时' : '无法连接'}：${where}`, {
    platform: 'dingtalk',
    code: timedOut ? 'timeout' : 'network',
    retryable: true,
  });
}

/** Reads `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(headers: Headers, fallbackMs: number, now = systemMillis()): number {
  const value = headers.get('retry-after');
  if (!value) return fallbackMs;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? fallbackMs : Math.max(0, at - now);
}
