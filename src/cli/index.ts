import { Command } from 'commander';
import { registerBackup } from './commands/backup.ts';
import { registerChat } from './commands/chat.ts';
import { registerCheckConfig } from './commands/check-config.ts';
import { registerExtra } from './extra.ts';
import { runCli } from './run.ts';

/**
 * `npm run cli -- <command>`: the administrator's tools. Each command lives in its own file in
 * commands/ and registers itself here.
 */
const program = new Command('fuyuan')
  .description('府院联动助手 管理命令')
  .showHelpAfterError('（用 --help 查看用法）')
  .configureOutput({ outputError: (str, write) => write(str) });

registerChat(program);
registerCheckConfig(program);
registerBackup(program);
registerExtra(program);

await runCli(program);
