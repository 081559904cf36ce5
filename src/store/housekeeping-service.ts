import { logger } from '../core/log.ts';
import { addServiceStarter } from '../services.ts';
import { pruneOld } from './housekeeping.ts';

/** Prunes old handled-message and sent-message records at start and every hour. */
addServiceStarter(async (app) => {
  const run = () =>
    pruneOld(app.store, new Date())
      .then((n) => (n.inbox + n.outbox > 0 ? logger.info(n, 'housekeeping pruned old records') : undefined))
      .catch((err) => logger.error({ err }, 'housekeeping failed'));
  await run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  return { stop: async () => clearInterval(timer) };
});
