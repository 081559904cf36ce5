import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json (and templates/, config/): found by walking up from this file,
 * so it is the same whether the code runs from src/ (tsx, tests) or compiled from dist/src/
 * (`npm start`, the offline bundle) — never taken from the working directory.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above src/package-root');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
