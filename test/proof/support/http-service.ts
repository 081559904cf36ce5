import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../../src/app.ts';
import { setupDingtalk } from '../../../src/channels/dingtalk/setup.ts';
import { setupWecom } from '../../../src/channels/wecom/setup.ts';
import type { DingtalkEnv } from '../../../src/config/env.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { createHttpApp } from '../../../src/http/app.ts';
import { wecomAibotEnv, wecomAppEnv } from './wecom-env.ts';

export const FAKE_DINGTALK = { appKey: 'ding-proof-key', appSecret: 'ding-proof-secret-5e4d3c2b1a', robotCode: 'ding-proof-robot' } as const;

export interface HttpService {
  url: string;
  app: App;
  close(): Promise<void>;
}

/**
 * The service's HTTP side wired as src/main.ts wires it — createApp, setupWecom (app + 智能机器人
 * callbacks), setupDingtalk (robot callback), createHttpApp — in this process, on 127.0.0.1.
 * The platforms' server APIs point at `apiBase` (a fake, or nothing).
 */
export async function startHttpService(options: { apiBase: string; clock?: () => Date }): Promise<HttpService> {
  const config = loadConfig();
  const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-proof-http-'));
  const app = await createApp({ config, dataDir, senders: [], clock: options.clock ?? (() => new Date('2026-12-01T09:00:00+08:00')) });
  const dingEnv: DingtalkEnv = { ...FAKE_DINGTALK, mode: 'http', apiBase: options.apiBase, oapiBase: options.apiBase };
  const wecom = setupWecom({ bot: app.bot, store: app.store, app: wecomAppEnv(options.apiBase), aibot: wecomAibotEnv(options.apiBase) })!;
  const dingtalk = (await setupDingtalk({ bot: app.bot, env: dingEnv }))!;
  const http = createHttpApp({ store: app.store, routes: [wecom.routes, dingtalk.routes], channels: { wecomApp: true, wecomAibot: true, dingtalk: true } });
  const server: Server = await new Promise((resolve) => {
    const s = http.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    app,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await dingtalk.stop();
      await app.close();
    },
  };
}
