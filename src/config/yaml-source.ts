import { LineCounter, isNode, parseDocument } from 'yaml';
import type { YAMLError } from 'yaml';
import { ConfigError } from './config-error.ts';
import type { ConfigPath } from './config-error.ts';

/**
 * Reads YAML text into plain data and remembers where every key sits, so that later problems can
 * name the line. Syntax errors become a `ConfigError` naming line and column in Chinese.
 */

export interface YamlSource {
  data: unknown;
  /** 1-based line of the node at `path`, or of its nearest ancestor that exists. */
  lineOf(path: ConfigPath): number | undefined;
}

const YAML_CODES: Record<string, string> = {
  BAD_INDENT: '缩进不对（同一级的键要对齐，下一级多缩进两个空格）',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  DUPLICATE_KEY: '同一层里有重复的键',
  BLOCK_AS_IMPLICIT_KEY: '写法不对：一行里只能有一个“键: 值”，或者缩进不一致',
  MULTILINE_IMPLICIT_KEY: '键必须写在同一行里（可能是缩进不一致，或键后面少了冒号）',
  MISSING_CHAR: '缺少字符（引号、括号没有配对，或键后面少了“: ”）',
  UNEXPECTED_TOKEN: '出现了不该出现的内容（检查缩进和冒号）',
  BAD_ALIAS: '别名（*引用）写法不对',
  BAD_SCALAR_START: '值的开头不能是这个字符，请给值加上引号',
  BAD_DQ_ESCAPE: '双引号里的转义写法不对',
  MULTIPLE_DOCS: '一个配置文件里只能有一份文档（不要用 ---  分隔多份）',
  MULTIPLE_ANCHORS: '同一个值上有多个锚点（&）',
  KEY_OVER_1024_CHARS: '键太长',
  TAG_RESOLVE_FAILED: '标签（!）无法识别',
  IMPOSSIBLE: 'YAML 无法解析',
};

function describeYamlError(err: YAMLError, lines: readonly string[]): string {
  const pos = err.linePos?.[0];
  const where = pos ? `第 ${pos.line} 行第 ${pos.col} 列` : '某处';
  const english = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const detail = /^Flow (sequence|mapping)/.test(english)
    ? '方括号 [ ] 或花括号 { } 没有配对，或换行后缩进不够'
    : (YAML_CODES[err.code] ?? `YAML 语法错误（${english}）`);
  // The most common slip of all: a full-width colon typed with a Chinese input method.
  const nearby = pos ? [lines[pos.line - 2] ?? '', lines[pos.line - 1] ?? ''] : [];
  const hint = nearby.some((l) => /^\s*(-\s*)?[A-Za-z_][\w-]*\s*：/.test(l)) ? '；这里用了中文冒号“：”，YAML 要用英文冒号加空格“: ”' : '';
  return `${where}：${detail}${hint}`;
}

export function parseYaml(text: string, source: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // One problem per line is plenty: a single slip often produces several follow-on errors.
    const lines = text.split(/\r?\n/);
    const seenLines = new Set<number>();
    const problems: string[] = [];
    for (const err of doc.errors) {
      const line = err.linePos?.[0]?.line ?? -1;
      if (seenLines.has(line)) continue;
      seenLines.add(line);
      problems.push(describeYamlError(err, lines));
    }
    throw new ConfigError(source, problems, `配置文件 ${source} 不是合格的 YAML`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const reason = e instanceof Error && /alias/i.test(e.message) ? '用到了没有定义的别名（*引用）' : '内容无法读取';
    throw new ConfigError(source, [reason], `配置文件 ${source} 不是合格的 YAML`);
  }
  return {
    data,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}
