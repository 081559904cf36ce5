/**
 * Signing in over plain HTTP against the fake platforms: the state ties the platform's answer to
 * the browser that asked, a code works once, and the lookups go through the configured API bases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDashboard, startDashboard } from './harness.ts';
import { type FakePlatforms, startFakePlatforms } from './platform-logins.ts';

let platforms: FakePlatforms;
let d: RunningDashboard;

beforeAll(async () => {
  platforms = await startFakePlatforms();
  d = await startDashboard({ wecom: platforms.wecom, dingtalk: platforms.dingtalk, seed: false });
}, 60_000);
afterAll(async () => {
  await d?.close();
  await platforms?.close();
});

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

/** Starts a sign-in; returns the URL the platform sends the browser back to, and the state cookie. */
async function throughAuthorizePage(platform: 'wecom' | 'dingtalk'): Promise<{ callback: string; cookie: string }> {
  const start = await fetch(`${d.url}/dashboard/login/${platform}`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  expect(authorize.status).toBe(302);
  return { callback: authorize.headers.get('location')!, cookie: cookiesOf(start) };
}

describe('dashboard sign-in', () => {
  it('WeCom: the code becomes the configured person through auth/getuserinfo with the app token; a code works once', async () => {
    platforms.wecomFake.signIn.signInAs('demo_tax');
    const { callback, cookie } = await throughAuthorizePage('wecom');
    expect(new URL(callback).pathname).toBe('/dashboard/auth/wecom');
    const done = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
    expect(done.status).toBe(302);
    const home = await fetch(`${d.url}/dashboard/`, { headers: { cookie: cookiesOf(done) } });
    expect(await home.text()).toContain('<span>区税务局联络员</span>');
    const call = platforms.wecomFake.callsTo('auth/getuserinfo').at(-1)!;
    expect(call.query.access_token).toMatch(/^tok-/u);
    // The same code again (a replayed link): WeCom refuses it, so no session.
    const replay = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
    expect(replay.status).toBe(403);
    expect(await replay.text()).toContain('企业微信没有确认您的身份');
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('fy_dashboard='))).toBe(false);
  });

  it('refuses an answer that does not carry this browser\'s state', async () => {
    platforms.wecomFake.signIn.signInAs('demo_director');
    const { callback } = await throughAuthorizePage('wecom');
    const other = await throughAuthorizePage('wecom');
    const res = await fetch(callback, { headers: { cookie: other.cookie }, redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('fy_dashboard='))).toBe(false);
  });

  it('DingTalk: authCode → user token → unionId → userid through the API and oapi bases', async () => {
    platforms.dingtalkFake.signIn.signInAs('demo-dt-director');
    const { callback, cookie } = await throughAuthorizePage('dingtalk');
    expect(new URL(callback).searchParams.get('authCode')).toBeTruthy();
    const done = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
    expect(done.status).toBe(302);
    expect(platforms.dingtalkFake.callsTo('/v1.0/oauth2/userAccessToken').at(-1)!.body).toMatchObject({ clientId: platforms.dingtalk.appKey, grantType: 'authorization_code' });
    expect(platforms.dingtalkFake.callsTo('/topapi/user/getbyunionid').at(-1)!.body).toEqual({ unionid: 'union-demo-dt-director' });
    const home = await fetch(`${d.url}/dashboard/`, { headers: { cookie: cookiesOf(done) } });
    expect(await home.text()).toContain('<span>办公室主任</span>');
  });

  it('a platform user who is not a configured person gets a sentence and no session', async () => {
    platforms.dingtalkFake.signIn.signInAs('someone-else');
    const { callback, cookie } = await throughAuthorizePage('dingtalk');
    const res = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('您不在本机制的人员名单中');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('fy_dashboard='))).toBe(false);
  });
});
