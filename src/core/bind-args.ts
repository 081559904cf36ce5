import type { z } from 'zod';
import { type CommandDef, type ParamSpec, paramsOf } from './command.ts';
import { UserError } from '../domain/errors.ts';
import type { ParsedCommand } from './parser.ts';
import { hasInvisible, invisibleRefusal, stripInvisible } from '../domain/hygiene.ts';

/**
 * Turns a parsed line into the command's typed arguments, or one Chinese sentence that says what
 * is wrong and how to write it.
 */
interface ParamIndex {
  params: [string, ParamSpec][];
  /** Label or alias → parameter key. */
  byLabel: Map<string, string>;
}

/** Built once per command: every message of that command looks its labels up here. */
const indexes = new WeakMap<CommandDef, ParamIndex>();

function paramIndex(def: CommandDef): ParamIndex {
  let index = indexes.get(def);
  if (!index) {
    const params = paramsOf(def);
    const byLabel = new Map<string, string>();
    for (const [key, p] of params) {
      byLabel.set(p.label, key);
      for (const a of p.aliases ?? []) byLabel.set(a, key);
    }
    index = { params, byLabel };
    indexes.set(def, index);
  }
  return index;
}

/** Input hygiene (domain/hygiene.ts): refused in names and ids, removed from free text. */
function clean(value: string, spec: ParamSpec): string {
  if (!hasInvisible(value)) return value;
  if ((spec.kind ?? (spec.positional ? 'name' : 'text')) === 'name') throw new UserError(invisibleRefusal(spec.label));
  return stripInvisible(value);
}

export function bindArgs<S extends z.ZodType>(def: CommandDef<S>, parsed: ParsedCommand): z.infer<S> {
  const { params, byLabel } = paramIndex(def as CommandDef);
  const input: Record<string, string> = {};
  const form = `写法：${def.usage}`;

  for (const k of parsed.repeated) throw new UserError(`“${k}”写了两次，请只写一次。${form}`);
  for (const [label, value] of parsed.named) {
    const key = byLabel.get(label);
    if (!key) {
      const known = params.filter(([, p]) => !p.positional).map(([, p]) => p.label);
      const hint = known.length ? `「${def.name}」可用的是：${known.join('、')}。` : '';
      throw new UserError(`不认识“${label}:”。${hint}${form}`);
    }
    input[key] = clean(value, params.find(([k]) => k === key)![1]);
  }
  const positional = params.find(([, p]) => p.positional);
  if (parsed.positional.length > 0) {
    if (!positional) throw new UserError(`多写了“${parsed.positional.join(' ')}”。${form}`);
    if (input[positional[0]] !== undefined) throw new UserError(`“${positional[1].label}”写了两次。${form}`);
    // A name may contain spaces when typed without quotes: join the bare words back.
    input[positional[0]] = clean(parsed.positional.join(' '), positional[1]);
  }
  if (parsed.body.length > 0 && !def.takesBody) {
    throw new UserError(`「${def.name}」只需要一行。${form}`);
  }

  const result = def.schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const spec = (def.params as Record<string, ParamSpec | undefined>)[key];
  const label = spec ? `“${spec.label}”` : '';
  if (issue.code === 'invalid_type' && input[key] === undefined) {
    throw new UserError(`缺少${label}${spec ? `（${spec.hint}）` : ''}。${form}`);
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    throw new UserError(`${label}只能是 ${(issue.values as unknown[]).join('、')}。${form}`);
  }
  // Our own checks (custom issues, and messages we wrote in Chinese) say exactly what is wrong.
  if (issue.code === 'custom' || /^[\u4e00-\u9fa5“]/.test(issue.message)) {
    throw new UserError(`${label}${label ? '：' : ''}${issue.message}。${form}`.replace(/。。/g, '。'));
  }
  throw new UserError(`${label}的写法不对${spec ? `（${spec.hint}）` : ''}。${form}`);
}
