import Router from '@koa/router';
import Koa from 'koa';
import { logger } from '../log/log.ts';
import { BACKUP_STATUS_SETTING, backupProblem, type BackupStatus } from '../store/auto-backup.ts';
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
    const writeProblem = store.writeProblem;
    const backup = backupProblem(store.get('settings', BACKUP_STATUS_SETTING)?.value as BackupStatus | undefined, store.now());
    // A disk that refuses writes, or backups that stopped: a monitor must see it.
    if (writeProblem || backup) ctx.status = 503;
    ctx.body = {
      ok: !writeProblem && !backup,
      ...(backup ? { backup: { ok: false, problem: backup } } : {}),
      journalSeq: store.lastSeq,
      outbox: { pending, dead },
      channels: options.channels,
      ...(writeProblem ? { store: { writable: false, problem: `数据目录无法写入（${writeProblem.detail}），自 ${writeProblem.since} 起 ${writeProblem.refused} 项更改未能保存。`, ...writeProblem } } : {}),
    };
  });
  for (const install of options.routes) install(router);
  app.on('error', (err: unknown) => logger.warn({ err }, 'http error'));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
