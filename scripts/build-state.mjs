// Whether dist/ was built from the sources as they are now: the build stamp is newer than every
// file under src/ and commands/ and than the compiler settings. Looking at ~400 mtimes takes a
// few milliseconds, so `npm start` checks this on every start.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STAMP = join(ROOT, 'dist', '.build-stamp');

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted or renamed file changes its folder's mtime
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function buildIsCurrent() {
  if (!existsSync(STAMP)) return false;
  const sources = ['src', 'commands', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(ROOT, p)).filter((p) => existsSync(p));
  return sources.every((p) => newestMtime(p) <= statSync(STAMP).mtimeMs);
}
