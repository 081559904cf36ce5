import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa from 'koa';
import { Router } from '@koa/router';

/** A koa app with the given routes on 127.0.0.1 and a random port, as production mounts them. */
export async function startKoa(register: (router: Router) => void): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Koa();
  const router = new Router();
  register(router);
  app.use(router.routes()).use(router.allowedMethods());
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

