import { describe, expect, it } from 'vitest';
import { customRobotSign, dingtalkSign, verifyCallbackSign } from '../../../src/channels/dingtalk/sign.ts';

// Reference §6.4: computed (not official) from the official page's header example.
const TS = 1577262236757;
const SECRET = 'this is secret';
const SIGN = 'hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=';

describe('DingTalk signatures', () => {
  it('matches the §6.4 vector', () => {
    expect(dingtalkSign(String(TS), SECRET)).toBe(SIGN);
    expect(dingtalkSign(TS, SECRET)).toBe(SIGN);
  });

  it('url-encodes the custom-robot sign', () => {
    expect(customRobotSign(SECRET, TS)).toBe('hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D');
  });

  it('accepts a good callback within the hour, on both sides', () => {
    for (const now of [TS, TS + 3_600_000, TS - 3_600_000]) {
      expect(verifyCallbackSign({ timestamp: String(TS), sign: SIGN, appSecret: SECRET, now })).toEqual({ ok: true });
    }
  });

  it('rejects a timestamp outside the window even with a right sign', () => {
    for (const now of [TS + 3_600_001, TS - 3_600_001]) {
      expect(verifyCallbackSign({ timestamp: String(TS), sign: SIGN, appSecret: SECRET, now })).toEqual({ ok: false, reason: 'outside-window' });
    }
  });

  it('rejects a wrong sign, a wrong secret and a truncated sign', () => {
    const base = { timestamp: String(TS), appSecret: SECRET, now: TS };
    expect(verifyCallbackSign({ ...base, sign: SIGN.replace('h', 'H') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyCallbackSign({ ...base, sign: SIGN, appSecret: 'other' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyCallbackSign({ ...base, sign: SIGN.slice(0, -1) })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects missing and malformed headers', () => {
    expect(verifyCallbackSign({ timestamp: undefined, sign: SIGN, appSecret: SECRET, now: TS }).ok).toBe(false);
    expect(verifyCallbackSign({ timestamp: String(TS), sign: undefined, appSecret: SECRET, now: TS })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyCallbackSign({ timestamp: '', sign: '', appSecret: SECRET, now: TS })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyCallbackSign({ timestamp: '1577262236757abc', sign: SIGN, appSecret: SECRET, now: TS })).toEqual({ ok: false, reason: 'malformed' });
  });
});
