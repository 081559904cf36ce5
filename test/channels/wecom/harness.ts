import Koa from 'koa';
import { Router } from '@koa/router';
import { listenOnLoopback } from '../../support/listen.ts';

/** A koa app with the given routes on 127.0.0.1 and a random port, as production mounts them. */
export async function startKoa(register: (router: Router) => void): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Koa();
  const router = new Router();
  register(router);
  app.use(router.routes()).use(router.allowedMethods());
  return listenOnLoopback(app);
}
