/**
 * The dashboard's permission matrix, role by role, as test/core's chat matrix does for commands:
 * each page answers exactly those the matching chat command answers, and shows a liaison only
 * what the chat shows that liaison.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDashboard, startDashboard } from './harness.ts';

let d: RunningDashboard;
const cookies = new Map<string, string>();

beforeAll(async () => {
  d = await startDashboard();
}, 60_000);
afterAll(async () => {
  await d?.close();
});

async function signIn(person: string): Promise<string> {
  const known = cookies.get(person);
  if (known) return known;
  const res = await fetch(d.loginLink(person), { redirect: 'manual' });
  expect(res.status).toBe(302);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  cookies.set(person, cookie);
  return cookie;
}

async function open(person: string | undefined, path: string): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = person ? { cookie: await signIn(person) } : {};
  const res = await fetch(`${d.url}${path}`, { headers, redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

const PAGES = ['/dashboard/', '/dashboard/roster', '/dashboard/enterprises/E1', '/dashboard/tasks', '/dashboard/meetings', '/dashboard/stats', '/dashboard/roster.xlsx'];

// Expected status per page, in PAGES order: 名册/企业 are everyone's, 任务/会议 not the 纾困中心's,
// 统计 and the Excel export the office's (director, convener, admin).
const MATRIX: Record<string, number[]> = {
  办公室主任: [200, 200, 200, 200, 200, 200, 200],
  召集人: [200, 200, 200, 200, 200, 200, 200],
  系统管理员: [200, 200, 200, 200, 200, 200, 200],
  纾困中心工作人员甲: [200, 200, 200, 403, 403, 403, 403],
  区税务局联络员: [200, 200, 200, 200, 200, 403, 403],
};

describe('dashboard permissions by role', () => {
  for (const [person, expected] of Object.entries(MATRIX)) {
    it(`${person}: ${expected.join(' ')}`, async () => {
      const got: number[] = [];
      for (const path of PAGES) got.push((await open(person, path)).status);
      expect(got).toEqual(expected);
    });
  }

  it('refuses every page and the export without a session, and a spent or made-up login link', async () => {
    for (const path of PAGES) expect((await open(undefined, path)).status).toBe(401);
    const link = d.loginLink('办公室主任');
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${d.url}/dashboard/login/local?token=made-up`, { redirect: 'manual' })).status).toBe(401);
  });

  it('ends the session on logout: the old cookie opens nothing', async () => {
    const res = await fetch(d.loginLink('召集人'), { redirect: 'manual' });
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect((await fetch(`${d.url}/dashboard/`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${d.url}/dashboard/logout`, { method: 'POST', headers: { cookie }, redirect: 'manual' })).status).toBe(302);
    expect((await fetch(`${d.url}/dashboard/`, { headers: { cookie } })).status).toBe(401);
  });

  it('ends a session after 8 hours on the app clock', async () => {
    const cookie = await signIn('系统管理员');
    d.t.clock.advanceMs(8 * 3_600_000 - 1000);
    expect((await open('系统管理员', '/dashboard/')).status).toBe(200);
    d.t.clock.advanceMs(1000);
    expect((await fetch(`${d.url}/dashboard/`, { headers: { cookie } })).status).toBe(401);
    d.t.clock.set('2026-11-23T09:00:00+08:00');
  });

  it('refuses a forged session cookie (signature checked)', async () => {
    const cookie = (await signIn('办公室主任')).replace(/fy_dashboard=[^;]+/u, 'fy_dashboard=forged');
    expect((await fetch(`${d.url}/dashboard/`, { headers: { cookie } })).status).toBe(401);
  });

  it('shows a liaison their own unit\'s tasks and meetings only, as 任务 and 会议 do', async () => {
    const tax = await open('区税务局联络员', '/dashboard/tasks');
    expect(tax.text).toContain('清理E1欠税滞纳金');
    expect(tax.text).not.toContain('协调E2执行案件');
    const court = await open('区法院联络员', '/dashboard/tasks');
    expect(court.text).toContain('协调E2执行案件');
    expect(court.text).not.toContain('清理E1欠税滞纳金');
    // 全部, as `任务 全部` allows a liaison.
    expect((await open('区税务局联络员', '/dashboard/tasks?scope=全部')).text).toContain('协调E2执行案件');

    const taxMeetings = await open('区税务局联络员', '/dashboard/meetings');
    expect(taxMeetings.text).toContain('E1欠税分期');
    expect(taxMeetings.text).not.toContain('E3职工安置');
    expect((await open('区法院联络员', '/dashboard/meetings')).text).toContain('E3职工安置');
  });

  it('shows on 总览 only the sections whose chat command runs for the person', async () => {
    const staff = (await open('纾困中心工作人员甲', '/dashboard/')).text;
    expect(staff).not.toContain('督办任务');
    expect(staff).toContain('超时未答复的企业诉求');
    const tax = (await open('区税务局联络员', '/dashboard/')).text;
    expect(tax).toContain('本单位');
    expect(tax).not.toContain('贷款到期预警');
    expect(tax).not.toContain('区法院</td>');
    const bank = (await open('人民银行区支行联络员', '/dashboard/')).text;
    expect(bank).toContain('贷款到期预警');
    const director = (await open('办公室主任', '/dashboard/')).text;
    expect(director).toContain('贷款到期预警');
    expect(director).toContain('区法院</td>');
  });

  it('answers a bad roster filter with one Chinese sentence and an unknown enterprise with 404', async () => {
    expect((await open('办公室主任', '/dashboard/roster?unit=不存在的单位')).text).toContain('没有找到成员单位“不存在的单位”。');
    const missing = await open('办公室主任', '/dashboard/enterprises/E999');
    expect(missing.status).toBe(404);
  });
});
