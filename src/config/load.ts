import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';
import type { GroupChat } from '../domain/types.ts';
import { buildConfig } from './build.ts';
import type { LoadedConfig } from './build.ts';
import { ConfigError, formatProblem } from './config-error.ts';
import type { ConfigPath } from './config-error.ts';
import { crossCheck } from './cross-check.ts';
import { configSchema } from './schema.ts';
import { resolveWebhook } from './webhooks.ts';
import { parseYaml } from './yaml-source.ts';
import { zodIssueToProblem } from './zod-issues.ts';

/**
 * Loads the YAML config: finds the file, parses it, validates it with zod, cross-checks it,
 * resolves group webhook secrets from the environment and builds the `Config` with its lookups.
 * Anything wrong throws one `ConfigError` listing every problem found, in Chinese, by key.
 */

export type { LoadedConfig } from './build.ts';
export { ConfigError } from './config-error.ts';

type Env = Record<string, string | undefined>;

/** The repository (or installed bundle) root, never the cwd: the same from src/ and from dist/src/. */
const REPO_ROOT = PACKAGE_ROOT;

/** The demo config that ships with the repository. */
export function defaultConfigPath(): string {
  return resolve(REPO_ROOT, 'config', 'demo.yaml');
}

export interface ConfigLocation {
  path: string;
  from: 'argument' | 'FUYUAN_CONFIG' | 'default';
}

/** Which file to load: the argument, else FUYUAN_CONFIG (relative to the cwd), else the demo config. */
export function resolveConfigPath(path?: string, env: Env = process.env): ConfigLocation {
  if (path?.trim()) return { path: resolve(path.trim()), from: 'argument' };
  const fromEnv = env.FUYUAN_CONFIG?.trim();
  if (fromEnv) return { path: resolve(fromEnv), from: 'FUYUAN_CONFIG' };
  return { path: defaultConfigPath(), from: 'default' };
}

/** How a config file is named in messages: relative to the repository when inside it. */
export function displayPath(absolute: string): string {
  const rel = relative(REPO_ROOT, absolute);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return absolute;
}

export function loadConfig(path?: string, env: Env = process.env): LoadedConfig {
  const location = resolveConfigPath(path, env);
  const source = displayPath(location.path);
  let text: string;
  try {
    text = readFileSync(location.path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const origin = location.from === 'FUYUAN_CONFIG' ? '（路径来自环境变量 FUYUAN_CONFIG）' : '';
    const reason =
      code === 'ENOENT' ? `找不到这个文件${origin}`
      : code === 'EISDIR' ? `这是一个目录，不是文件${origin}`
      : code === 'EACCES' ? `没有读取权限${origin}`
      : `读取失败（${code ?? '未知原因'}）${origin}`;
    throw new ConfigError(source, [reason], `配置文件 ${source} 无法读取`);
  }
  return loadConfigText(text, source, env);
}

/** Loads config from YAML text; `source` names it in messages. */
export function loadConfigText(text: string, source: string, env: Env = process.env): LoadedConfig {
  const yaml = parseYaml(text.replace(/^\uFEFF/, ''), source);
  return parseConfig(yaml.data, source, env, yaml.lineOf);
}

/**
 * Validates already-parsed config data (e.g. an object written in a test) and builds the Config.
 * `lineOf` adds YAML line numbers to the problems when the data came from a file.
 */
export function parseConfig(
  data: unknown,
  source = '(内存中的配置)',
  env: Env = process.env,
  lineOf: (path: ConfigPath) => number | undefined = () => undefined,
): LoadedConfig {
  if (data === null || data === undefined) {
    throw new ConfigError(source, ['文件是空的，没有任何配置']);
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const problem = zodIssueToProblem(issue, data, configSchema);
      return formatProblem({ ...problem, line: lineOf(problem.path) });
    });
    throw new ConfigError(source, [...new Set(lines)]);
  }
  const raw = parsed.data;
  const checked = crossCheck(raw);
  if (checked.problems.length > 0) {
    throw new ConfigError(source, checked.problems.map((p) => formatProblem({ ...p, line: lineOf(p.path) })));
  }

  const warnings = [...checked.warnings];
  const webhooks = new Map<string, GroupChat['webhook']>();
  raw.groups.forEach((group, i) => {
    const resolved = resolveWebhook(group, i, env);
    warnings.push(...resolved.warnings);
    if (resolved.webhook) webhooks.set(group.id, resolved.webhook);
  });
  return buildConfig({ raw, source, webhooks, warnings });
}
