import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let tree: string;

/** A checkout in miniature: scripts/, src/, commands/, tsconfig files, and dist/ with or without a stamp. */
async function checkout(): Promise<{ buildIsCurrent: () => boolean; at: (path: string, seconds: number) => void }> {
  tree = mkdtempSync(join(tmpdir(), 'fuyuan-build-state-'));
  cpSync(join(ROOT, 'scripts', 'build-state.mjs'), join(tree, 'scripts', 'build-state.mjs'));
  for (const dir of ['src/core', 'commands', 'dist']) mkdirSync(join(tree, dir), { recursive: true });
  for (const file of ['src/core/bot.ts', 'commands/help.ts', 'tsconfig.json', 'tsconfig.build.json']) writeFileSync(join(tree, file), '');
  const at = (path: string, seconds: number) => utimesSync(join(tree, path), 1_700_000_000 + seconds, 1_700_000_000 + seconds);
  for (const path of ['src/core/bot.ts', 'src/core', 'src', 'commands/help.ts', 'commands', 'tsconfig.json', 'tsconfig.build.json']) at(path, 0);
  const mod = (await import(`${pathToFileURL(join(tree, 'scripts', 'build-state.mjs')).href}?t=${tree}`)) as { buildIsCurrent: () => boolean };
  return { buildIsCurrent: mod.buildIsCurrent, at };
}

afterEach(() => rmSync(tree, { recursive: true, force: true }));

describe('npm start rebuilds dist/ only when it is not current', () => {
  it('is not current before the first build', async () => {
    const { buildIsCurrent } = await checkout();
    expect(buildIsCurrent()).toBe(false);
  });

  it('is current when the stamp is newer than every source and setting', async () => {
    const { buildIsCurrent, at } = await checkout();
    writeFileSync(join(tree, 'dist', '.build-stamp'), '');
    at('dist/.build-stamp', 10);
    expect(buildIsCurrent()).toBe(true);
  });

  it('is stale when a source, a compiler setting or a folder (a file deleted) changed after the build', async () => {
    const { buildIsCurrent, at } = await checkout();
    writeFileSync(join(tree, 'dist', '.build-stamp'), '');
    at('dist/.build-stamp', 10);
    for (const path of ['src/core/bot.ts', 'tsconfig.build.json', 'commands']) {
      at(path, 20);
      expect(buildIsCurrent(), path).toBe(false);
      at(path, 0);
      expect(buildIsCurrent()).toBe(true);
    }
  });
});
