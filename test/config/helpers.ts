import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/load.ts';

/** A temp dir for bad YAML files, removed by `cleanup`. */
export function tempDir(): { dir: string; write(name: string, text: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fuyuan-config-'));
  return {
    dir,
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text, 'utf8');
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The smallest valid config, as YAML, to be broken by the tests. */
export const MINIMAL = `
mechanism: { name: 测试机制, office: 测试办公室, region: 测试区 }
units:
  - { id: court, name: 区法院, kind: court, aliases: [法院] }
  - { id: tax, name: 区税务局, kind: tax, aliases: [税务局] }
people:
  - { id: director, name: 办公室主任, roles: [director], unit: court, ids: { wecom: u_dir } }
  - { id: tax-liaison, name: 区税务局联络员, roles: [liaison], unit: tax, ids: { wecom: u_tax } }
  - { id: court-liaison, name: 区法院联络员, roles: [liaison], unit: court, ids: { wecom: u_court } }
`;

/** Loads `yaml` from a temp file and returns the ConfigError it throws (fails if it loads). */
export function loadError(yaml: string, env: Record<string, string | undefined> = {}): ConfigError {
  const t = tempDir();
  try {
    const path = t.write('bad.yaml', yaml);
    try {
      loadConfig(path, env);
    } catch (e) {
      if (e instanceof ConfigError) return e;
      throw e;
    }
    throw new Error('expected a ConfigError, but the config loaded');
  } finally {
    t.cleanup();
  }
}
