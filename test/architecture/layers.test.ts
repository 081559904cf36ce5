import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of CONTRIBUTING.md, enforced: the table there is parsed, every import of
 * src/ and commands/ is resolved to a layer, and an import of a higher layer fails the test.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const PLATFORM_PACKAGES = /^(koa|@koa\/router|@wecom\/[^/]+|dingtalk-stream)(\/|$)/;
const PLATFORM_LAYERS = new Set(['entry', 'channels']);

interface Layer { name: string; rank: number; folders: string[] }

function layersFromContributing(): Layer[] {
  const text = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
  const section = text.slice(text.indexOf('## 分层 Layers'), text.indexOf('## 加一个命令'));
  const rows = section.split('\n').filter((l) => /^\| [a-z]+ \|/.test(l));
  return rows.map((row, rank) => {
    const [name, folders] = row.split('|').slice(1, 3).map((c) => c.trim());
    return { name: name!, rank, folders: [...folders!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!) };
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(layers: Layer[], file: string): Layer | undefined {
  const matches = layers.filter((l) => l.folders.some((f) => (f.endsWith('/') ? file.startsWith(f) : file === f)));
  return matches[0];
}

/** Every module a file imports, exports from or loads dynamically, as written. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

const layers = layersFromContributing();
const files = [...sourceFiles('src'), ...sourceFiles('commands')].map((f) => f.split('\\').join('/'));

describe('layering (CONTRIBUTING.md)', () => {
  it('reads the layer table', () => {
    expect(layers.map((l) => l.name)).toEqual(
      ['entry', 'channels', 'commands', 'features', 'core', 'outbox', 'store', 'render', 'config', 'domain', 'base'],
    );
  });

  it('places every source file in exactly one layer', () => {
    const unplaced = files.filter((f) => !layerOf(layers, f));
    expect(unplaced).toEqual([]);
  });

  it('has no import that runs upward', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = layerOf(layers, file)!;
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(ROOT, resolve(ROOT, dirname(file), spec)).split('\\').join('/');
        const to = layerOf(layers, target);
        if (to && to.rank < from.rank) upward.push(`${file} (${from.name}) → ${target} (${to.name})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps web frameworks and platform SDKs out of everything below the channels', () => {
    const leaks = files.flatMap((file) =>
      PLATFORM_LAYERS.has(layerOf(layers, file)!.name) ? [] : importsOf(file).filter((s) => PLATFORM_PACKAGES.test(s)).map((s) => `${file} → ${s}`),
    );
    expect(leaks).toEqual([]);
  });
});
