import type Router from '@koa/router';
import type { App } from '../app.ts';
import type { DingtalkApiClient } from '../channels/dingtalk/api-client.ts';
import type { WecomApiClient } from '../channels/wecom/api-client.ts';
import type { ChannelEnv } from '../config/env.ts';
import { dashboardRoutes } from './index.ts';
import { LoginLinks, Sessions } from './sessions.ts';
import { readDashboardEnv } from './settings.ts';

export interface DashboardSetup {
  routes: (router: Router) => void;
  /** Sign the session cookie (koa's app.keys). */
  cookieKeys: string[];
  /** Start-up lines: the one-time local login links when no platform can sign people in. */
  startLines(port: number): string[];
}

/** Builds the 工作台 from the running app and whichever platforms are configured. */
export function setupDashboard(options: { app: App; env: ChannelEnv; wecomApi?: WecomApiClient | undefined; dingtalkApi?: DingtalkApiClient | undefined }): DashboardSetup {
  const { app, env, wecomApi, dingtalkApi } = options;
  const settings = readDashboardEnv();
  const now = () => app.bot.now();
  const links = new LoginLinks();
  const wecom = env.wecomApp && wecomApi ? { corpId: env.wecomApp.corpId, agentId: env.wecomApp.agentId, oauthBase: settings.wecomOauthBase, api: wecomApi } : undefined;
  const dingtalk = env.dingtalk && dingtalkApi
    ? { appKey: env.dingtalk.appKey, appSecret: env.dingtalk.appSecret, loginBase: settings.dingtalkLoginBase, apiBase: env.dingtalk.apiBase, oapiBase: env.dingtalk.oapiBase, api: dingtalkApi }
    : undefined;
  const routes = dashboardRoutes({ store: app.store, config: app.config, calendar: app.calendar, now, sessions: new Sessions(now), links, wecom, dingtalk });
  return {
    routes,
    cookieKeys: settings.cookieKeys,
    startLines(port) {
      if (wecom || dingtalk) return [`工作台：/dashboard/（从企业微信或钉钉工作台打开即登录）`];
      const people = app.config.people.filter((p) => p.ids.console);
      return [
        '工作台一次性登录链接（每条只能用一次，登录后 8 小时有效）：',
        ...people.map((p) => `  ${p.name}：http://127.0.0.1:${port}/dashboard/login/local?token=${links.issue(p.id)}`),
      ];
    },
  };
}
