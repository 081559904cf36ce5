// `npm start`, `npm run cli`, `npm run chat`: run the compiled entry (dist/<entry>) in this very
// process. In a checkout, dist/ is rebuilt first when a source changed since the last build
// (npm ci's `prepare` built it once); the offline bundle has no sources and runs dist/ as shipped.
//   node scripts/run.mjs src/main.js
//   node scripts/run.mjs src/cli/index.js chat
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIsCurrent, ROOT } from './build-state.mjs';

const entry = process.argv[2];
if (!entry) throw new Error('usage: node scripts/run.mjs <entry under dist/>');
if (existsSync(join(ROOT, 'src')) && !buildIsCurrent()) {
  process.stderr.write('源代码有改动，正在重新编译（约 15 秒）……\n');
  const { build } = await import('./build.mjs');
  build();
}
const file = join(ROOT, 'dist', entry);
// The entry sees the arguments as if it had been started directly (`node dist/src/cli/index.js chat`).
process.argv.splice(1, 2, file);
await import(pathToFileURL(file).href);
