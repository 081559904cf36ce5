import { postJson, type HttpOptions } from './http.ts';
import { checkOapiResult } from './platform-errors.ts';
import { customRobotSign } from './sign.ts';
import { systemMillis } from '../../domain/clock.ts';

export const DEFAULT_OAPI_BASE = 'https://oapi.dingtalk.com';

export interface CustomRobotOptions {
  /** DINGTALK_OAPI_BASE, default https://oapi.dingtalk.com */
  oapiBase?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * The 自定义机器人 webhook, for groups that have no enterprise robot but one of these (push only).
 * With a secret it signs (加签); without one it relies on the robot's keyword / IP settings.
 * Throttling (130101) comes back as a retryable PlatformError with a 10-minute retryAfter.
 */
export class CustomRobotClient {
  private readonly oapiBase: string;
  private readonly http: HttpOptions;
  private readonly now: () => number;

  constructor(opts: CustomRobotOptions = {}) {
    this.oapiBase = (opts.oapiBase ?? DEFAULT_OAPI_BASE).replace(/\/+$/, '');
    this.http = { fetch: opts.fetch ?? globalThis.fetch, timeoutMs: opts.timeoutMs ?? 10_000 };
    this.now = opts.now ?? systemMillis;
  }

  async send(args: { token: string; secret?: string | undefined; body: unknown }): Promise<void> {
    let url = `${this.oapiBase}/robot/send?access_token=${encodeURIComponent(args.token)}`;
    if (args.secret) {
      const timestamp = this.now();
      url += `&timestamp=${timestamp}&sign=${customRobotSign(args.secret, timestamp)}`;
    }
    checkOapiResult(await postJson(this.http, url, args.body), '钉钉自定义机器人发送');
  }
}
