import type { App } from './app.ts';

/**
 * Long-running services beside the HTTP server and the outbox (the scheduler). Each feature
 * that runs in the background adds a starter here; `npm start` starts them all and stops them
 * in reverse order.
 */
export interface Service {
  stop(): Promise<void>;
}

export type ServiceStarter = (app: App, out: (line: string) => void) => Promise<Service>;

const starters: ServiceStarter[] = [];

export function addServiceStarter(starter: ServiceStarter): void {
  starters.push(starter);
}

export async function startServices(app: App, out: (line: string) => void): Promise<Service> {
  const started: Service[] = [];
  for (const start of starters) started.push(await start(app, out));
  return {
    async stop() {
      for (const s of started.reverse()) await s.stop();
    },
  };
}
