import type { Command } from 'commander';
import { describeConfig } from '../../config/describe.ts';
import { readChannelEnv } from '../../config/env.ts';
import { loadConfig } from '../../config/load.ts';

export function registerCheckConfig(program: Command): void {
  program
    .command('check-config')
    .description('检查配置文件和环境变量：列出成员单位、人员、群和各渠道是否开启')
    .option('-c, --config <file>', '配置文件（默认 FUYUAN_CONFIG 或 config/demo.yaml）')
    .action((opts: { config?: string }) => {
      const config = loadConfig(opts.config);
      process.stdout.write(`${describeConfig(config, readChannelEnv())}\n`);
    });
}
