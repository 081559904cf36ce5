import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { readChannelEnv } from '../../config/env.ts';
import { loadConfig } from '../../config/load.ts';
import { cliImport } from '../../imports/cli-import.ts';
import { Store } from '../../store/store.ts';
import { systemClock } from '../../domain/clock.ts';

/**
 * `npm run cli -- import FILE --unit 税务局 [--yes]`: a unit's list (.xlsx) onto the roster, after
 * the same preview a liaison gets in chat. The service must be stopped (one writer per data directory);
 * while it runs, liaisons send the file to the bot instead.
 */
export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description('批量导入成员单位报送的名单（.xlsx）：先显示预览，确认后一次导入')
    .requiredOption('-u, --unit <unit>', '报送单位，如 税务局')
    .option('-y, --yes', '不再询问，直接导入预览中的行')
    .option('-c, --config <file>', '配置文件（默认 FUYUAN_CONFIG 或 config/demo.yaml）')
    .action(async (file: string, opts: { unit: string; yes?: boolean; config?: string }) => {
      const config = loadConfig(opts.config);
      const store = await Store.open(readChannelEnv().dataDir);
      const rl = process.stdin.isTTY && !opts.yes ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
      try {
        await cliImport({
          store,
          config,
          file,
          unit: opts.unit,
          yes: Boolean(opts.yes),
          ...(rl ? { ask: async (q: string) => ['确认', 'y', 'yes', '是'].includes((await rl.question(q)).trim().toLowerCase()) } : {}),
          out: (text) => process.stdout.write(`${text}\n`),
          now: systemClock,
        });
      } finally {
        rl?.close();
        await store.close();
      }
    });
}
