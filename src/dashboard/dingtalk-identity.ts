import { logger } from '../log/log.ts';
import type { DingtalkLogin } from './settings.ts';

/**
 * DingTalk 免登 through the OAuth2 page (inside the DingTalk client it passes without a click): the
 * browser comes back with an authCode; the user's token (v1.0/oauth2/userAccessToken) gives the
 * unionId (v1.0/contact/users/me), and the app's token turns that into the staff userid
 * (oapi topapi/user/getbyunionid) that the config names people by.
 */
export function dingtalkAuthorizeUrl(login: DingtalkLogin, redirectUri: string, state: string): string {
  const q = new URLSearchParams({
    redirect_uri: redirectUri,
    response_type: 'code',
    client_id: login.appKey,
    scope: 'openid',
    state,
    prompt: 'consent',
  });
  return `${login.loginBase}/oauth2/auth?${q.toString()}`;
}

const TIMEOUT_MS = 10_000;

async function json(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${new URL(url).pathname} HTTP ${res.status} ${String(body.code ?? '')}`);
  return body;
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** The staff userid behind an authCode, or undefined when DingTalk refuses any step. */
export async function dingtalkUserId(login: DingtalkLogin, authCode: string): Promise<string | undefined> {
  try {
    const token = await json(`${login.apiBase}/v1.0/oauth2/userAccessToken`, post({
      clientId: login.appKey, clientSecret: login.appSecret, code: authCode, grantType: 'authorization_code',
    }));
    if (typeof token.accessToken !== 'string') return undefined;
    const me = await json(`${login.apiBase}/v1.0/contact/users/me`, { headers: { 'x-acs-dingtalk-access-token': token.accessToken } });
    if (typeof me.unionId !== 'string') return undefined;
    const appToken = await login.api.accessToken();
    const found = await json(`${login.oapiBase}/topapi/user/getbyunionid?access_token=${encodeURIComponent(appToken)}`, post({ unionid: me.unionId }));
    const userid = (found.result as { userid?: unknown } | undefined)?.userid;
    return found.errcode === 0 && typeof userid === 'string' && userid ? userid : undefined;
  } catch (err) {
    logger.warn({ err }, 'dingtalk login refused');
    return undefined;
  }
}
