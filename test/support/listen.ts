import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Anything that listens the way koa's `app.listen` does. */
interface Listenable {
  listen(port: number, host: string, onListening: () => void): Server;
}

export interface Listening {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Stops listening and drops kept-alive connections, so a test never waits on a socket. */
  close(): Promise<void>;
}

/** Serves `app` on 127.0.0.1 at a free port, as the tests' end-to-end worlds need it. */
export async function listenOnLoopback(app: Listenable): Promise<Listening> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
