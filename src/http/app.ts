import Router from '@koa/router';
import Koa from 'koa';
import { logger } from '../log/log.ts';
import type { Store } from '../store/store.ts';

export interface HttpAppOptions {
  store: Store;
  /** Channel route installers (WeCom, DingTalk), each adding its own paths. */
  routes: ((router: Router) => void)[];
  channels: Record<string, boolean>;
  /** Keys that sign cookies (the dashboard's session); koa's app.keys. */
  cookieKeys?: string[];
}

/**
 * The koa app: the platform callbacks and /healthz. Channels read their raw bodies themselves
 * (signatures cover the exact bytes), so no body parser is installed here.
 */
export function createHttpApp(options: HttpAppOptions): Koa {
  const app = new Koa();
  app.proxy = true;
  if (options.cookieKeys) app.keys = options.cookieKeys;
  const router = new Router();
  router.get('/healthz', (ctx) => {
    const { store } = options;
    const pending = store.lookup('outbox', 'state', 'pending').length;
    const dead = store.lookup('outbox', 'state', 'dead').length;
    ctx.body = { ok: true, journalSeq: store.lastSeq, outbox: { pending, dead }, channels: options.channels };
  });
  for (const install of options.routes) install(router);
  app.on('error', (err: unknown) => logger.warn({ err }, 'http error'));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
