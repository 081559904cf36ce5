import type { App } from './app.ts';
import type { Service } from './core/service.ts';
import { startAutoBackup } from './scheduler/backup-service.ts';
import { startHousekeeping } from './scheduler/housekeeping-service.ts';
import { startScheduler } from './scheduler/register.ts';

export type ServiceStarter = (app: App, out: (line: string) => void) => Promise<Service>;

/**
 * The long-running services of `npm start`, in start order: every feature that runs in the
 * background is installed here, in one place. They stop in reverse order.
 */
const STARTERS: readonly ServiceStarter[] = [
  (app, out) => startScheduler(app, out),
  (app) => startHousekeeping(app),
  (app) => startAutoBackup(app),
];

export async function startServices(app: App, out: (line: string) => void): Promise<Service> {
  const started: Service[] = [];
  for (const start of STARTERS) started.push(await start(app, out));
  return {
    async stop() {
      for (const s of started.reverse()) await s.stop();
    },
  };
}
