/**
 * The 工作台 in a real browser: Debian's headless Chromium driven by playwright-core. People sign
 * in through the fake WeCom and DingTalk authorize pages, every page opens at phone (390 px) and
 * desktop (1280 px) width without console errors or sideways scrolling on the phone, and each is
 * saved as a screenshot under test-artifacts/dashboard/ (kept by CI, ignored by git).
 */
import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDashboard, startDashboard } from './harness.ts';
import { type FakePlatforms, startFakePlatforms } from './platform-logins.ts';

const ARTIFACTS = 'test-artifacts/dashboard';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGES = [
  { name: 'overview', path: '/dashboard/', heading: '总览' },
  { name: 'roster', path: '/dashboard/roster', heading: '困境企业名册' },
  { name: 'enterprise', path: '/dashboard/enterprises/E1', heading: 'E1 城区示例机械有限公司' },
  { name: 'tasks', path: '/dashboard/tasks', heading: '督办任务' },
  { name: 'meetings', path: '/dashboard/meetings', heading: '会议' },
  { name: 'stats', path: '/dashboard/stats', heading: '统计' },
];
const WIDTHS = [390, 1280];

let browser: Browser;
let platforms: FakePlatforms;
let d: RunningDashboard;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  platforms = await startFakePlatforms();
  d = await startDashboard({ wecom: platforms.wecom, dingtalk: platforms.dingtalk });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await d?.close();
  await platforms?.close();
});

/** A page that records every console error and failed script or style. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => errors.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  return { page, errors };
}

async function visitEveryPage(page: Page, errors: string[], label: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const p of PAGES) {
      const res = await page.goto(`${d.url}${p.path}`);
      expect(res?.status(), `${label} ${p.path}`).toBe(200);
      await expect(page.locator('h1').first().textContent()).resolves.toContain(p.heading);
      if (p.name === 'stats') await page.locator('.chart svg').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (width === 390) expect(overflow, `${label} ${p.path} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${ARTIFACTS}/${label}-${p.name}-${width}.png`, fullPage: true });
    }
  }
  expect(errors, label).toEqual([]);
}

describe('工作台 in headless Chromium', () => {
  it('the director signs in through WeCom 网页授权 and every page opens on phone and desktop', async () => {
    platforms.wecomFake.signIn.signInAs('demo_director');
    const context = await browser.newContext({ locale: 'zh-CN' });
    const { page, errors } = await watchedPage(context);
    await page.goto(`${d.url}/dashboard/login/wecom`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/');
    expect(platforms.wecomFake.callsTo('auth/getuserinfo')).toHaveLength(1);
    await expect(page.locator('.who span').textContent()).resolves.toBe('办公室主任');
    await visitEveryPage(page, errors, 'wecom');
    await context.close();
  }, 120_000);

  it('the director signs in through DingTalk 免登 and every page opens on phone and desktop', async () => {
    platforms.dingtalkFake.signIn.signInAs('demo-dt-director');
    const context = await browser.newContext({ locale: 'zh-CN' });
    const { page, errors } = await watchedPage(context);
    await page.goto(`${d.url}/dashboard/login/dingtalk`);
    expect(new URL(page.url()).pathname).toBe('/dashboard/');
    expect(platforms.dingtalkFake.callsTo('/topapi/user/getbyunionid')).toHaveLength(1);
    await visitEveryPage(page, errors, 'dingtalk');
    await context.close();
  }, 120_000);

  it('a liaison signed in through DingTalk is refused the statistics and the roster export', async () => {
    platforms.dingtalkFake.signIn.signInAs('demo-dt-tax');
    const context = await browser.newContext({ locale: 'zh-CN' });
    const { page } = await watchedPage(context);
    await page.goto(`${d.url}/dashboard/login/dingtalk`);
    await expect(page.locator('.who span').textContent()).resolves.toBe('区税务局联络员');
    expect(await page.locator('header nav a').allTextContents()).toEqual(['总览', '名册', '督办', '会议']);
    expect((await page.goto(`${d.url}/dashboard/stats`))?.status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toContain('「统计」只有办公室主任、召集人、系统管理员可以使用');
    const xlsx = await page.request.get(`${d.url}/dashboard/roster.xlsx`);
    expect(xlsx.status()).toBe(403);
    await context.close();
  }, 60_000);

  it('without a session every page answers 401 with the sign-in page; a stranger gets no session', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const { page } = await watchedPage(context);
    for (const p of PAGES) expect((await page.goto(`${d.url}${p.path}`))?.status()).toBe(401);
    await expect(page.locator('h1').textContent()).resolves.toBe('登录工作台');
    platforms.wecomFake.signIn.signInAs('someone_not_configured');
    expect((await page.goto(`${d.url}/dashboard/login/wecom`))?.status()).toBe(403);
    expect((await page.goto(`${d.url}/dashboard/`))?.status()).toBe(401);
    await context.close();
  }, 60_000);
});
