import pino from 'pino';
import { maskPersonalData } from './mask.ts';

/**
 * The one logger. Everything that reaches it is masked on the way out:
 * phone and ID numbers keep only their ends, secrets and tokens never appear.
 * The enterprise roster is sensitive, so log ids (E12, T31) rather than texts where possible.
 */

const SECRET_KEYS = /^(access_?token|accessToken|secret|corpsecret|appSecret|appsecret|app_secret|token|aesKey|aes_key|encodingAESKey|password|ticket|sign|webhookKey|wecomKey|dingtalkToken|dingtalkSecret|clientSecret|authorization|x-acs-dingtalk-access-token)$/i;

export { maskPersonalData };

/** Deep-copies a log object with secrets removed and personal numbers masked. */
export function sanitize(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return maskPersonalData(value);
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1));
  if (value instanceof Error) {
    return { type: value.name, message: maskPersonalData(value.message), stack: value.stack && maskPersonalData(value.stack) };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEYS.test(k) ? '***' : sanitize(v, depth + 1);
    }
    return out;
  }
  return value;
}

const level = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');

export const logger = pino({
  level,
  base: undefined,
  hooks: {
    logMethod(args, method) {
      const cleaned = args.map((a) => sanitize(a)) as Parameters<typeof method>;
      return method.apply(this, cleaned);
    },
  },
}, pino.destination({ dest: process.env.LOG_FILE ?? 2, sync: false }));

export type Logger = typeof logger;
