import { logger } from '../log/log.ts';
import type { WecomLogin } from './settings.ts';

/**
 * WeCom 网页授权 (snsapi_base, silent inside WeCom): the browser goes to the authorize page, comes
 * back with a code, and auth/getuserinfo (paid for with the app's access_token, on WECOM_API_BASE)
 * turns the code into the member's userid.
 */
export function wecomAuthorizeUrl(login: WecomLogin, redirectUri: string, state: string): string {
  const q = new URLSearchParams({
    appid: login.corpId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'snsapi_base',
    state,
    agentid: String(login.agentId),
  });
  return `${login.oauthBase}/connect/oauth2/authorize?${q.toString()}#wechat_redirect`;
}

/** The member's userid, or undefined for a spent or forged code and for a non-member (openid only). */
export async function wecomUserId(login: WecomLogin, code: string): Promise<string | undefined> {
  try {
    const result = await login.api.call('auth/getuserinfo', undefined, { method: 'GET', query: { code } });
    const id = result.userid ?? result.UserId;
    return typeof id === 'string' && id ? id : undefined;
  } catch (err) {
    logger.warn({ err }, 'wecom getuserinfo refused');
    return undefined;
  }
}
