import type { Context } from 'koa';
import type { Config } from '../config/config.ts';
import type { Person } from '../domain/types.ts';
import { type CommandName, mayOpen, refusalFor } from './access.ts';
import { renderPage } from './render.ts';
import type { Sessions } from './sessions.ts';

export const SESSION_COOKIE = 'fy_dashboard';

/**
 * Pages are never cached and never framed by others; scripts and styles come only from this
 * origin (no CDN: government intranets have no internet), and the OAuth code in a URL is not
 * passed on in a Referer.
 */
export function secureHeaders(ctx: Context): void {
  ctx.set('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; form-action 'self'");
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cache-Control', 'no-store');
}

/** The configured person of this request's session, if any. */
export function personOf(ctx: Context, sessions: Sessions, config: Config): Person | undefined {
  const id = sessions.personOf(ctx.cookies.get(SESSION_COOKIE, { signed: true }));
  return id ? config.personById(id) : undefined;
}

/** 401 with the sign-in page. */
export function refuseAnonymous(ctx: Context, loginOptions: object): void {
  ctx.status = 401;
  ctx.type = 'html';
  ctx.body = renderPage('login', { ...loginOptions, message: '请先登录。' });
}

/** 403 with the chat's own refusal sentence when the matching command would not run for this person. */
export function refuseUnlessAllowed(ctx: Context, person: Person, name: CommandName): boolean {
  if (mayOpen(person, name)) return false;
  refuse(ctx, person, refusalFor(name));
  return true;
}

export function refuse(ctx: Context, person: Person | undefined, message: string, status = 403): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = renderPage('message', { person, nav: person ? navFor(person) : [], title: status === 404 ? '没有找到' : '无权查看', message });
}

const NAV: { href: string; label: string; command?: CommandName }[] = [
  { href: '/dashboard/', label: '总览' },
  { href: '/dashboard/roster', label: '名册', command: '名册' },
  { href: '/dashboard/tasks', label: '督办', command: '任务' },
  { href: '/dashboard/meetings', label: '会议', command: '会议' },
  { href: '/dashboard/stats', label: '统计', command: '统计' },
];

/** The menu: only the pages whose chat command runs for this person. */
export function navFor(person: Person): { href: string; label: string }[] {
  return NAV.filter((n) => !n.command || mayOpen(person, n.command));
}
