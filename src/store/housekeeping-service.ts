import { logger } from '../core/log.ts';
import { addServiceStarter } from '../services.ts';
import { pruneExports, pruneOld } from './housekeeping.ts';

/** Prunes old records (handled messages, sent messages, unconfirmed lists) and old exports, at start and hourly. */
addServiceStarter(async (app) => {
  const run = () =>
    pruneOld(app.store, app.clock())
      .then((n) => ({ ...n, exports: pruneExports(app.store, app.clock()) }))
      .then((n) => (n.inbox + n.outbox + n.imports + n.exports > 0 ? logger.info(n, 'housekeeping pruned old records') : undefined))
      .catch((err) => logger.error({ err }, 'housekeeping failed'));
  await run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  return { stop: async () => clearInterval(timer) };
});
