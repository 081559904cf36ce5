import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DingTalk's one signature scheme, used both ways:
 * Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)).
 * Incoming robot callbacks carry it in the `timestamp` / `sign` headers (secret = appSecret);
 * the custom-robot webhook wants it url-encoded in the query (secret = the robot's SEC… secret).
 */
export function dingtalkSign(timestamp: string | number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** DingTalk rejects a timestamp more than one hour away from its clock; we hold callers to the same. */
export const SIGN_WINDOW_MS = 60 * 60 * 1000;

export type SignCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'malformed' | 'outside-window' | 'mismatch' };

/**
 * Checks a robot callback. Both the window and the signature must pass: the window stops a captured
 * request from being replayed later, the signature proves the sender knows the appSecret.
 */
export function verifyCallbackSign(args: {
  timestamp: string | undefined;
  sign: string | undefined;
  appSecret: string;
  now: number;
}): SignCheck {
  const { timestamp, sign, appSecret, now } = args;
  if (!timestamp || !sign) return { ok: false, reason: 'missing' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'malformed' };
  if (Math.abs(now - Number(timestamp)) > SIGN_WINDOW_MS) return { ok: false, reason: 'outside-window' };
  const expected = Buffer.from(dingtalkSign(timestamp, appSecret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  // timingSafeEqual needs equal lengths; the length of a Base64 SHA-256 is public anyway.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'mismatch' };
  }
  return { ok: true };
}

/** The `sign` query value of the custom-robot webhook (加签 mode), already url-encoded. */
export function customRobotSign(secret: string, timestampMs: number): string {
  return encodeURIComponent(dingtalkSign(timestampMs, secret));
}
