import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { PlatformFamily } from '../domain/types.ts';
import { dingtalkAuthorizeUrl, dingtalkUserId } from './dingtalk-identity.ts';
import { refuse, SESSION_COOKIE, secureHeaders } from './guard.ts';
import { type DashboardOptions, loginChoices } from './options.ts';
import { renderPage } from './render.ts';
import { SESSION_MS } from './sessions.ts';
import { wecomAuthorizeUrl, wecomUserId } from './wecom-identity.ts';

const STATE_COOKIE = 'fy_dashboard_state';
const cookiePath = { path: '/dashboard', httpOnly: true, sameSite: 'lax' as const, signed: true };

/**
 * Signing in: the one-time local link, WeCom 网页授权 and DingTalk 免登. Each ends in the same
 * place: a configured person gets a session; anybody else (an unknown userid, a customer) gets
 * nothing but a sentence.
 */
export function authRoutes(router: Router, o: DashboardOptions): void {
  const startSession = (ctx: Context, personId: string) => {
    ctx.cookies.set(SESSION_COOKIE, o.sessions.start(personId), { ...cookiePath, maxAge: SESSION_MS, secure: ctx.secure });
    ctx.redirect('/dashboard/');
  };
  const signInPlatformUser = (ctx: Context, family: PlatformFamily, userId: string | undefined) => {
    // A spent, expired or forged code: the platform did not say who this is.
    if (!userId) return refuse(ctx, undefined, `${family === 'wecom' ? '企业微信' : '钉钉'}没有确认您的身份（登录链接可能已用过或已过期），请从工作台重新打开。`);
    const person = o.config.personByPlatformId(family, userId);
    if (!person) return refuse(ctx, undefined, '您不在本机制的人员名单中，无法查看工作台。请联系办公室主任。');
    startSession(ctx, person.id);
  };
  // The state ties the platform's answer to this browser's request (no forged sign-in links).
  const newState = (ctx: Context) => {
    const state = randomBytes(16).toString('base64url');
    ctx.cookies.set(STATE_COOKIE, state, { ...cookiePath, maxAge: 10 * 60_000, secure: ctx.secure });
    return state;
  };
  const stateMatches = (ctx: Context) => {
    const expected = ctx.cookies.get(STATE_COOKIE, { signed: true });
    ctx.cookies.set(STATE_COOKIE, null, cookiePath);
    return Boolean(expected) && ctx.query.state === expected;
  };
  const returnUrl = (ctx: Context, path: string) => `${(o.config.mechanism.dashboardUrl ?? `${ctx.protocol}://${ctx.host}/dashboard`).replace(/\/+$/u, '')}${path}`;
  const text = (v: unknown) => (typeof v === 'string' && v.length <= 512 ? v : undefined);

  router.use('/dashboard', async (ctx, next) => {
    secureHeaders(ctx);
    await next();
  });

  router.get('/dashboard/login', (ctx) => {
    const ua = ctx.get('user-agent');
    // Opened from the 工作台 inside the client: sign in without a click.
    if (o.wecom && /wxwork/iu.test(ua)) return ctx.redirect('/dashboard/login/wecom');
    if (o.dingtalk && /DingTalk/iu.test(ua)) return ctx.redirect('/dashboard/login/dingtalk');
    ctx.type = 'html';
    ctx.body = renderPage('login', { ...loginChoices(o), message: '' });
  });

  router.get('/dashboard/login/local', (ctx) => {
    const personId = o.links.redeem(text(ctx.query.token));
    if (!personId) return refuse(ctx, undefined, '这个登录链接无效或已经用过。请重新启动服务获取新的链接。', 401);
    startSession(ctx, personId);
  });

  router.get('/dashboard/login/wecom', (ctx) => {
    if (!o.wecom) return refuse(ctx, undefined, '未配置企业微信。', 404);
    ctx.redirect(wecomAuthorizeUrl(o.wecom, returnUrl(ctx, '/auth/wecom'), newState(ctx)));
  });
  router.get('/dashboard/auth/wecom', async (ctx) => {
    const code = text(ctx.query.code);
    if (!o.wecom || !code || !stateMatches(ctx)) return refuse(ctx, undefined, '登录请求无效，请从企业微信工作台重新打开。', 400);
    signInPlatformUser(ctx, 'wecom', await wecomUserId(o.wecom, code));
  });

  router.get('/dashboard/login/dingtalk', (ctx) => {
    if (!o.dingtalk) return refuse(ctx, undefined, '未配置钉钉。', 404);
    ctx.redirect(dingtalkAuthorizeUrl(o.dingtalk, returnUrl(ctx, '/auth/dingtalk'), newState(ctx)));
  });
  router.get('/dashboard/auth/dingtalk', async (ctx) => {
    const code = text(ctx.query.authCode) ?? text(ctx.query.code);
    if (!o.dingtalk || !code || !stateMatches(ctx)) return refuse(ctx, undefined, '登录请求无效，请从钉钉工作台重新打开。', 400);
    signInPlatformUser(ctx, 'dingtalk', await dingtalkUserId(o.dingtalk, code));
  });

  router.post('/dashboard/logout', (ctx) => {
    o.sessions.end(ctx.cookies.get(SESSION_COOKIE, { signed: true }));
    ctx.cookies.set(SESSION_COOKIE, null, cookiePath);
    ctx.redirect('/dashboard/login');
  });
}
