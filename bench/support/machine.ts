import { cpus, totalmem } from 'node:os';
import { availableParallelism } from 'node:os';

/** What the numbers were measured on; ratios are comparable across machines, absolute numbers are not. */
export function machine(): { nproc: number; cpu: string; memGiB: string; node: string; platform: string; date: string } {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memGiB: (totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}
