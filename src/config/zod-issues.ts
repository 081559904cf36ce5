import { z } from 'zod';
import type { ConfigPath, ConfigProblem } from './config-error.ts';

/**
 * Turns zod's issues about the config into Chinese problems that name the key and say what is wrong.
 * The offending value is looked up in the parsed YAML by path (the config holds no secrets, and
 * values are shortened anyway).
 */

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是/否（true 或 false）',
  array: '列表（每项以“- ”开头）',
  object: '键值对（“键: 值”，下一级缩进）',
  null: '空值',
};

/** Human description of a YAML value, for "… 但写成了 …". */
export function describeValue(value: unknown): string {
  if (value === undefined) return '空';
  if (value === null) return '空值';
  if (typeof value === 'string') return `文字 ${quote(value)}`;
  if (typeof value === 'number') return `数字 ${value}`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'object') return '键值对';
  return typeof value;
}

/** “value”, shortened to keep one problem on one line. */
export function quote(value: unknown): string {
  let text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  text = text.replace(/\s+/g, ' ');
  if (text.length > 30) text = `${text.slice(0, 30)}…`;
  return `“${text}”`;
}

export function valueAt(data: unknown, path: ConfigPath): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** The keys a strict object at `path` of `schema` accepts (for "did you mean"). */
function knownKeysAt(schema: z.ZodType, path: ConfigPath): string[] {
  let cur: z.ZodType | undefined = schema;
  const unwrap = (s: z.ZodType): z.ZodType => {
    let t = s;
    while (t instanceof z.ZodDefault || t instanceof z.ZodOptional || t instanceof z.ZodNullable) {
      t = t.unwrap() as z.ZodType;
    }
    return t;
  };
  for (const seg of path) {
    if (!cur) return [];
    const s = unwrap(cur);
    if (typeof seg === 'number') cur = s instanceof z.ZodArray ? (s.element as z.ZodType) : undefined;
    else cur = s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>)[seg] : undefined;
  }
  if (!cur) return [];
  const s = unwrap(cur);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** Levenshtein distance, small strings only. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest candidate if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.ceil(word.length / 3)) ? best : undefined;
}

/** A YAML slip people make often: a full-width colon, or no space after the colon. */
function colonHint(value: unknown): string {
  if (typeof value !== 'string') return '';
  if (value.includes('：')) return '（是不是用了中文冒号“：”？YAML 要用英文冒号加空格“: ”）';
  if (/^[^\s:]+:\S/.test(value)) return '（冒号后面要加一个空格）';
  return '';
}

function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, small: boolean): string {
  const limit = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'array':
    case 'set':
      return small ? `至少要有 ${limit} 项` : `最多只能有 ${limit} 项`;
    case 'string':
      if (small && limit === 1) return '不能为空';
      return small ? `至少要有 ${limit} 个字符` : `最多只能有 ${limit} 个字符`;
    default:
      if (small) return inclusive ? `不能小于 ${limit}` : `应大于 ${limit}`;
      return inclusive ? `不能大于 ${limit}` : `应小于 ${limit}`;
  }
}

export function zodIssueToProblem(issue: z.core.$ZodIssue, data: unknown, schema: z.ZodType): ConfigProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const value = valueAt(data, path);
  let message: string;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (value === undefined) message = '是必填项，但没有填写';
      else if (issue.expected === 'int' && typeof value === 'number') message = `应为整数，但写成了 ${value}`;
      else message = `应为${expected}，但写成了${describeValue(value)}${colonHint(value)}`;
      break;
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      const list = allowed.length === 1 ? allowed[0] : `${allowed.join('、')} 之一`;
      message = `的值 ${quote(value)} 无效，应为 ${list}${guess ? `（是不是 ${guess}？）` : ''}`;
      break;
    }
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path);
      const parts = issue.keys.map((k) => {
        const guess = closest(k, known);
        return guess ? `“${k}”（是不是 ${guess}？）` : `“${k}”`;
      });
      const knownList = known.length ? `；这里可用的键：${known.join('、')}` : '';
      message = `有不认识的键 ${parts.join('、')}${knownList}`;
      break;
    }
    case 'too_small':
      message = sizeMessage(issue, true);
      break;
    case 'too_big':
      message = sizeMessage(issue, false);
      break;
    case 'invalid_format':
      message = hasChinese(issue.message) ? `的值 ${quote(value)} 不合格：${issue.message}` : `的值 ${quote(value)} 格式不对`;
      break;
    case 'not_multiple_of':
      message = `应为 ${String(issue.divisor)} 的整数倍`;
      break;
    case 'custom':
      message = hasChinese(issue.message) ? issue.message : `有误（${issue.message}）`;
      break;
    default:
      message = `有误（${issue.message}）`;
  }
  return { path, message };
}
