import { randomBytes } from 'node:crypto';
import type { DingtalkApiClient } from '../channels/dingtalk/api-client.ts';
import type { WecomApiClient } from '../channels/wecom/api-client.ts';

type Env = Record<string, string | undefined>;

/** Where the browser is sent to sign in; private deployments (政务微信, 专有钉钉) have their own hosts. */
export const LOGIN_DEFAULTS = {
  WECOM_OAUTH_BASE: 'https://open.weixin.qq.com',
  DINGTALK_LOGIN_BASE: 'https://login.dingtalk.com',
} as const;

export interface WecomLogin {
  corpId: string;
  agentId: number | string;
  /** The authorize page's host (WECOM_OAUTH_BASE). */
  oauthBase: string;
  /** The self-built app's API client: its token pays for auth/getuserinfo. */
  api: WecomApiClient;
}

export interface DingtalkLogin {
  appKey: string;
  appSecret: string;
  /** The authorize page's host (DINGTALK_LOGIN_BASE). */
  loginBase: string;
  apiBase: string;
  oapiBase: string;
  api: DingtalkApiClient;
}

export interface DashboardEnv {
  /** Signs the session cookie (DASHBOARD_SECRET); a random one per start when unset. */
  cookieKeys: string[];
  wecomOauthBase: string;
  dingtalkLoginBase: string;
}

const base = (v: string | undefined, fallback: string) => (v?.trim() && /^https?:\/\//u.test(v.trim()) ? v.trim() : fallback).replace(/\/+$/u, '');

export function readDashboardEnv(env: Env = process.env): DashboardEnv {
  const secret = env.DASHBOARD_SECRET?.trim();
  return {
    cookieKeys: [secret || randomBytes(32).toString('base64url')],
    wecomOauthBase: base(env.WECOM_OAUTH_BASE, LOGIN_DEFAULTS.WECOM_OAUTH_BASE),
    dingtalkLoginBase: base(env.DINGTALK_LOGIN_BASE, LOGIN_DEFAULTS.DINGTALK_LOGIN_BASE),
  };
}
