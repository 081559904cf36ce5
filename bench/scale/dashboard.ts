/**
 * 总览 at the large-city scale: the real koa app with the dashboard routes on a loopback port, the
 * director signed in with a one-time link, then GET /dashboard/ timed from request to the last
 * byte (server time: the loopback adds well under a millisecond), and the process's CPU time per
 * request, which a busy machine does not inflate. The first request compiles the templates.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { App } from '../../src/app.ts';
import { dashboardRoutes } from '../../src/dashboard/index.ts';
import { LoginLinks, Sessions } from '../../src/dashboard/sessions.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { summary } from '../support/stats.ts';

export interface OverviewTiming {
  firstMs: number;
  medianMs: number;
  maxMs: number;
  /** CPU time of this process per request (median): the server's work, whatever else the machine runs. */
  cpuMedianMs: number;
  bytes: number;
}

export async function timeOverview(app: App, clock: () => Date, runs = 11): Promise<OverviewTiming> {
  const links = new LoginLinks();
  const http = createHttpApp({
    store: app.store,
    channels: {},
    cookieKeys: ['bench'],
    routes: [dashboardRoutes({ store: app.store, config: app.config, calendar: app.calendar, now: clock, sessions: new Sessions(clock), links })],
  });
  const server: Server = await new Promise((resolve) => {
    const s = http.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const director = app.config.peopleWithRole('director')[0]!;
    const login = await fetch(`${base}/dashboard/login/local?token=${links.issue(director.id)}`, { redirect: 'manual' });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const xs: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const cpu0 = process.cpuUsage();
      const res = await fetch(`${base}/dashboard/`, { headers: { cookie } });
      const body = await res.arrayBuffer();
      xs.push(performance.now() - start);
      const used = process.cpuUsage(cpu0);
      cpu.push((used.user + used.system) / 1000);
      if (res.status !== 200) throw new Error(`总览 answered ${res.status}`);
      bytes = body.byteLength;
    }
    return { firstMs: xs[0]!, medianMs: summary(xs.slice(1)).p50, maxMs: Math.max(...xs), cpuMedianMs: summary(cpu.slice(1)).p50, bytes };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
