/**
 * The error the config loader throws, and the shape of one problem found in a config file.
 * Every problem becomes one Chinese line that names the key (`people[3].unit`) and what is wrong,
 * plus the YAML line when it is known. No problem text ever contains a secret's value.
 */

export type ConfigPath = ReadonlyArray<string | number>;

/** One thing wrong with the config: where (`path`) and what (`message`, Chinese, read after the path). */
export interface ConfigProblem {
  path: ConfigPath;
  message: string;
  /** 1-based YAML line, when known. */
  line?: number;
}

/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 10;

/** `['people', 3, 'unit']` → `people[3].unit`. */
export function pathToString(path: ConfigPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

export function formatProblem(problem: ConfigProblem): string {
  const where = pathToString(problem.path);
  const line = problem.line ? `（第 ${problem.line} 行）` : '';
  return `${where || '配置的最外层'} ${problem.message}${line}`;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** One Chinese line per problem (all of them, even those not listed in `message`). */
  readonly problems: readonly string[];

  constructor(
    /** Where the config came from, as shown to people (e.g. `config/demo.yaml`). */
    readonly source: string,
    problems: readonly string[],
    /** The lead-in; defaults to 配置文件 … 有误. */
    head = `配置文件 ${source} 有误`,
  ) {
    super(ConfigError.compose(head, problems));
    this.problems = problems;
  }

  private static compose(head: string, problems: readonly string[]): string {
    if (problems.length === 0) return `${head}。`;
    if (problems.length === 1) return `${head}：${problems[0]}`;
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p, i) => `  ${i + 1}. ${p}`);
    const rest = problems.length - listed.length;
    if (rest > 0) listed.push(`  ……另有 ${rest} 处问题未列出，请先改正以上各处。`);
    return `${head}（共 ${problems.length} 处）：\n${listed.join('\n')}`;
  }
}
