// `npm run build` (also npm ci's `prepare`): compiles src/ and commands/ to dist/ with tsc, from
// scratch so a deleted source file leaves nothing behind, and stamps the result.
// `node scripts/build.mjs --if-stale` builds only when a source is newer than the stamp.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIsCurrent, ROOT, STAMP } from './build-state.mjs';

/** Compiles into outDir (default dist/, which is then stamped as current; the bundle builds its own). */
export function build(outDir = join(ROOT, 'dist')) {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const args = [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir, '--tsBuildInfoFile', join(outDir, '.tsbuildinfo')];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write('编译失败：请先修正上面的类型错误。\n');
    process.exit(r.status ?? 1);
  }
  if (outDir === join(ROOT, 'dist')) writeFileSync(STAMP, 'dist/ is current when this file is newer than every source (scripts/build-state.mjs)\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ifStale = process.argv.includes('--if-stale');
  // The offline bundle ships dist/ without src/: nothing to build there.
  if (!existsSync(join(ROOT, 'src'))) process.exit(0);
  if (!(ifStale && buildIsCurrent())) build();
}
