import type { Service } from '../core/service.ts';
import type { Clock } from '../domain/clock.ts';
import { logger } from '../log/log.ts';
import { pruneExports, pruneOld } from '../store/housekeeping.ts';
import type { Store } from '../store/store.ts';

/** Prunes old records (handled messages, sent messages, unconfirmed lists) and old exports, at start and hourly. */
export async function startHousekeeping(app: { store: Store; clock: Clock }): Promise<Service> {
  const run = () =>
    pruneOld(app.store, app.clock())
      .then((n) => ({ ...n, exports: pruneExports(app.store, app.clock()) }))
      .then((n) => (n.inbox + n.outbox + n.imports + n.exports > 0 ? logger.info(n, 'housekeeping pruned old records') : undefined))
      .catch((err) => logger.error({ err }, 'housekeeping failed'));
  await run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  return { stop: async () => clearInterval(timer) };
}
