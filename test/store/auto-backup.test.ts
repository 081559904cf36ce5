import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDailyDigest } from '../../src/scheduler/digest/daily.ts';
import { BACKUP_STATUS_SETTING, type BackupStatus } from '../../src/store/auto-backup.ts';
import { backupIfDue } from '../../src/scheduler/backup-service.ts';
import { verifyBackup } from '../../src/store/restore.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';
import { healthz } from '../support/healthz.ts';

let t: TestBot | undefined;
afterEach(async () => t?.close());

const status = (bot: TestBot) => bot.app.store.get('settings', BACKUP_STATUS_SETTING)?.value as BackupStatus | undefined;


describe('automatic daily backup', () => {
  it('runs once a day at rhythms.backupAt into the folder, restorable, and keeps only backupKeepDays days', async () => {
    t = await createTestBot({ at: '2026-12-16T01:59:00+08:00' });
    await t.say('区税务局联络员', 'single', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税');
    const folder = mkdtempSync(join(tmpdir(), 'fuyuan-auto-backup-'));
    writeFileSync(join(folder, 'fuyuan-backup-2026-11-01.tar.gz'), 'old'); // older than 30 days
    writeFileSync(join(folder, 'fuyuan-backup-2026-12-01.tar.gz'), 'recent');
    const rhythm = { backupAt: '02:00', backupKeepDays: 30, backupFolder: folder };

    await backupIfDue(t.app.store, rhythm);
    expect(status(t)).toBeUndefined(); // 01:59: not yet
    t.clock.set('2026-12-16T02:00:00+08:00');
    await backupIfDue(t.app.store, rhythm);
    expect(status(t)?.lastOk?.day).toBe('2026-12-16');
    expect(readdirSync(folder).sort()).toEqual(['fuyuan-backup-2026-12-01.tar.gz', 'fuyuan-backup-2026-12-16.tar.gz']);
    expect((await verifyBackup(join(folder, 'fuyuan-backup-2026-12-16.tar.gz'))).enterprises).toBe(1);

    const seq = t.app.store.lastSeq;
    t.clock.set('2026-12-16T23:00:00+08:00');
    await backupIfDue(t.app.store, rhythm);
    expect(t.app.store.lastSeq).toBe(seq); // once a day
    expect((await healthz(t)).body.ok).toBe(true);
  });

  it('a failed or missing backup shows on /healthz and in the director’s daily digest', async () => {
    t = await createTestBot({ at: '2026-12-16T02:00:00+08:00' });
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'fuyuan-auto-backup-')), 'file');
    writeFileSync(notAFolder, '');
    await backupIfDue(t.app.store, { backupAt: '02:00', backupKeepDays: 30, backupFolder: notAFolder });
    expect(status(t)?.lastFailure?.day).toBe('2026-12-16');
    expect(existsSync(join(notAFolder, 'fuyuan-backup-2026-12-16.tar.gz'))).toBe(false);

    t.clock.set('2026-12-16T08:30:00+08:00');
    const down = await healthz(t);
    expect(down.status).toBe(503);
    expect(String((down.body.backup as { problem: string }).problem)).toMatch(/^自动备份失败（2026-12-16 02:00）：/);
    const env = { tx: t.app.store as never, config: t.config, calendar: t.app.calendar, now: t.clock.now, today: '2026-12-16' };
    expect(buildDailyDigest(env, undefined).text).toContain('自动备份失败（2026-12-16 02:00）');

    // Space fixed, a backup succeeds; two days later with none since, it counts as missing.
    const folder = mkdtempSync(join(tmpdir(), 'fuyuan-auto-backup-'));
    t.clock.set('2026-12-16T09:00:00+08:00');
    await backupIfDue(t.app.store, { backupAt: '02:00', backupKeepDays: 30, backupFolder: folder });
    expect((await healthz(t)).status).toBe(200);
    t.clock.set('2026-12-18T09:00:00+08:00');
    expect(String(((await healthz(t)).body.backup as { problem: string }).problem)).toContain('自动备份已超过一天没有完成（最近一次成功是 2026-12-16）');
  });
});
