import type { Command } from 'commander';
import { readChannelEnv } from '../../config/env.ts';
import { createBackup, defaultBackupName } from '../../store/backup.ts';
import { restoreBackup, verifyBackup } from '../../store/restore.ts';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('把数据目录备份成一个 .tar.gz 文件（服务运行时也可以备份）；--verify 检查一个备份能否恢复')
    .option('-o, --out <file>', '备份文件路径', '')
    .option('--verify <file>', '按服务启动时的检查打开这个备份（恢复演练），不改动数据目录')
    .action(async (opts: { out: string; verify?: string }) => {
      if (opts.verify) {
        const r = await verifyBackup(opts.verify);
        process.stdout.write(`备份 ${opts.verify} 可以恢复：${r.enterprises} 家企业，日志到第 ${r.journalSeq} 条。\n`);
        return;
      }
      const { dataDir } = readChannelEnv();
      const { file, bytes } = await createBackup(dataDir, opts.out || defaultBackupName());
      process.stdout.write(`已备份 ${dataDir} → ${file}（${(bytes / 1024).toFixed(1)} KB）\n`);
    });
  program
    .command('restore <file>')
    .description('从备份恢复数据目录（服务须先停止）；备份有问题时数据目录不会被改动')
    .option('--force', '数据目录已有数据时，改名保留原数据后再恢复')
    .action(async (file: string, opts: { force?: boolean }) => {
      const { dataDir } = readChannelEnv();
      const r = await restoreBackup(file, dataDir, { force: Boolean(opts.force) });
      const aside = r.keptAside ? `原数据已改名保留为 ${r.keptAside}。` : '';
      process.stdout.write(`已从 ${file} 恢复到 ${dataDir}：${r.enterprises} 家企业，日志到第 ${r.journalSeq} 条。${aside}\n`);
    });
}
