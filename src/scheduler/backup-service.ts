import { logger } from '../log/log.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import type { Service } from '../core/service.ts';
import type { Config } from '../config/config.ts';
import { BACKUP_STATUS_SETTING, backupDue, type BackupStatus, runDailyBackup } from '../store/auto-backup.ts';
import type { Store } from '../store/store.ts';

/** Checks every minute whether the day's automatic backup is due (see auto-backup.ts). */
const CHECK_EVERY_MS = 60 * 1000;

export async function backupIfDue(store: Store, rhythm: Parameters<typeof backupDue>[1]): Promise<void> {
  const now = store.now();
  const status = store.get('settings', BACKUP_STATUS_SETTING)?.value as BackupStatus | undefined;
  if (!backupDue(status, rhythm, now)) return;
  let next: BackupStatus;
  try {
    next = { ...status, lastOk: await runDailyBackup(store.dataDir, rhythm, now) };
    logger.info({ file: next.lastOk!.file, bytes: next.lastOk!.bytes }, 'automatic backup written');
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    logger.error({ err }, 'automatic backup failed');
    next = { ...status, lastFailure: { day: toShanghaiDate(now), at: now.toISOString(), error } };
  }
  await store.transact({ actor: 'system', action: 'backup' }, (tx) => tx.put('settings', { id: BACKUP_STATUS_SETTING, value: next }));
}

/** Runs the day's automatic backup when due, checked at start and every minute (listed in src/services.ts). */
export async function startAutoBackup(app: { store: Store; config: Pick<Config, 'rhythms'> }): Promise<Service> {
  const run = () => backupIfDue(app.store, app.config.rhythms).catch((err) => logger.error({ err }, 'automatic backup check failed'));
  // The first check comes a minute after start: a day's missing backup is made then, not while the
  // service is still loading and answering its first messages.
  const timer = setInterval(run, CHECK_EVERY_MS);
  timer.unref();
  return { stop: async () => clearInterval(timer) };
}
