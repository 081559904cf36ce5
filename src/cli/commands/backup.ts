import type { Command } from 'commander';
import { readChannelEnv } from '../../config/env.ts';
import { createBackup, defaultBackupName, restoreBackup } from '../../store/backup.ts';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('把数据目录备份成一个 .tar.gz 文件（服务运行时也可以备份）')
    .option('-o, --out <file>', '备份文件路径', '')
    .action(async (opts: { out: string }) => {
      const { dataDir } = readChannelEnv();
      const { file, bytes } = await createBackup(dataDir, opts.out || defaultBackupName());
      process.stdout.write(`已备份 ${dataDir} → ${file}（${(bytes / 1024).toFixed(1)} KB）\n`);
    });
  program
    .command('restore <file>')
    .description('从备份恢复数据目录（服务须先停止）')
    .option('--force', '数据目录已有数据时，改名保留原数据后再恢复')
    .action(async (file: string, opts: { force?: boolean }) => {
      const { dataDir } = readChannelEnv();
      const r = await restoreBackup(file, dataDir, { force: Boolean(opts.force) });
      const aside = r.keptAside ? `原数据已改名保留为 ${r.keptAside}。` : '';
      process.stdout.write(`已从 ${file} 恢复到 ${dataDir}：${r.enterprises} 家企业，日志到第 ${r.journalSeq} 条。${aside}\n`);
    });
}
