import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shanghaiDateTime, toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import { createBackup } from './backup.ts';

/**
 * The automatic daily backup, as an office expects: once a day at `rhythms.backupAt` (Beijing
 * time), into `rhythms.backupFolder`, kept `rhythms.backupKeepDays` days. Its outcome is kept in a
 * setting, so a failed or missing backup shows on /healthz and in the director's daily digest.
 */
export const BACKUP_STATUS_SETTING = 'backup:status';

export interface BackupStatus {
  lastOk?: { day: string; at: string; file: string; bytes: number };
  lastFailure?: { day: string; at: string; error: string };
}

export interface BackupRhythm {
  backupAt: string;
  backupKeepDays: number;
  backupFolder: string;
}

const HOUR = 60 * 60 * 1000;
/** A day's backup plus a few hours of grace before it counts as missing. */
const MISSING_AFTER = 26 * HOUR;
const NAME = /^fuyuan-backup-(\d{4}-\d{2}-\d{2})\.tar\.gz$/;

export function backupFolder(rhythm: BackupRhythm, dataDir: string): string {
  return rhythm.backupFolder ? resolve(rhythm.backupFolder) : `${resolve(dataDir)}-backups`;
}

/** Due once the day's time has come and the day has no backup yet; a failure is retried hourly. */
export function backupDue(status: BackupStatus | undefined, rhythm: BackupRhythm, now: Date): boolean {
  const day = toShanghaiDate(now);
  if (now < shanghaiDateTime(day, rhythm.backupAt) || status?.lastOk?.day === day) return false;
  const failed = status?.lastFailure;
  return !failed || failed.day !== day || now.getTime() - new Date(failed.at).getTime() >= HOUR;
}

/** Writes the day's backup and deletes those older than the days to keep. */
export async function runDailyBackup(dataDir: string, rhythm: BackupRhythm, now: Date): Promise<NonNullable<BackupStatus['lastOk']>> {
  const folder = backupFolder(rhythm, dataDir);
  const day = toShanghaiDate(now);
  const { file, bytes } = await createBackup(dataDir, join(folder, `fuyuan-backup-${day}.tar.gz`));
  const oldest = toShanghaiDate(new Date(now.getTime() - rhythm.backupKeepDays * 24 * HOUR));
  for (const name of readdirSync(folder)) {
    const m = NAME.exec(name);
    if (m && m[1]! < oldest) rmSync(join(folder, name), { force: true });
  }
  return { day, at: now.toISOString(), file, bytes };
}

/** One Chinese sentence when the automatic backup failed or is missing; undefined when all is well. */
export function backupProblem(status: BackupStatus | undefined, now: Date): string | undefined {
  const { lastOk, lastFailure } = status ?? {};
  if (lastFailure && (!lastOk || lastFailure.at > lastOk.at)) {
    return `自动备份失败（${lastFailure.day} ${toShanghaiTime(new Date(lastFailure.at))}）：${lastFailure.error}`;
  }
  if (lastOk && now.getTime() - new Date(lastOk.at).getTime() > MISSING_AFTER) {
    return `自动备份已超过一天没有完成（最近一次成功是 ${lastOk.day}），请检查服务和备份文件夹。`;
  }
  return undefined;
}
