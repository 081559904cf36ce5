/**
 * Two commands that share one word and differ by what they act on — `恢复 E12` puts an
 * enterprise back on the roster, `恢复 M7` brings back a parked meeting matter. The shared
 * command picks the target by the id its first bare word starts with, then treats the arguments
 * exactly as the chosen command would: its audience, its parameters, its validation, its errors.
 */
import { z } from 'zod';
import { bindArgs } from './bind-args.ts';
import { type CommandContext, type CommandDef, type ParamSpec, paramsOf } from './command.ts';
import { UserError } from '../domain/errors.ts';
import type { ParsedCommand } from './parser.ts';
import { deniedMessage, mayRun } from './permissions.ts';

export interface WordRoute {
  /** Tested against the first bare word, e.g. /^[Mm]\d+$/. */
  match: RegExp;
  def: CommandDef;
  /** How the route appears in the shared command's summary, e.g. "恢复 M编号：恢复暂缓的会议事项". */
  summary: string;
}

/** The parts of each shared command, for tools that reason about commands (help, the proofs). */
const parts = new WeakMap<CommandDef, { primary: CommandDef; routes: readonly WordRoute[] }>();

/**
 * The command a text with this first bare word runs under a shared word (恢复 M7 → 恢复会议),
 * or `def` itself when it is not shared.
 */
export function routedCommand(def: CommandDef, firstWord: string): CommandDef {
  const p = parts.get(def);
  if (!p) return def;
  return p.routes.find((r) => r.match.test(firstWord))?.def ?? p.primary;
}

export function shareWord(primary: CommandDef, routes: readonly WordRoute[]): CommandDef {
  const all = [primary, ...routes.map((r) => r.def)];
  const params: Record<string, ParamSpec> = {};
  for (const def of all) {
    for (const [key, spec] of paramsOf(def)) {
      const had = params[key];
      // The same key in two commands: one label, both hints (help shows what each route takes).
      params[key] = had ? (had.hint.includes(spec.hint) ? had : { ...had, hint: `${had.hint}；或${spec.hint}` }) : spec;
    }
  }
  const positionalKey = Object.entries(params).find(([, p]) => p.positional)?.[0];

  const choose = (args: Record<string, string | undefined>): CommandDef => {
    const first = positionalKey ? args[positionalKey]?.trim().split(/\s+/u)[0] ?? '' : '';
    return routes.find((r) => r.match.test(first))?.def ?? primary;
  };

  /** Re-binds the raw strings as the chosen command's own parser would have. */
  const rebind = (def: CommandDef, ctx: CommandContext<Record<string, string | undefined>>): unknown => {
    if (!mayRun(def, ctx.person)) throw new UserError(deniedMessage(def));
    const parsed: ParsedCommand = { word: def.name, positional: [], named: new Map(), repeated: [], body: ctx.body };
    for (const [key, value] of Object.entries(ctx.args)) {
      if (value === undefined) continue;
      if (key === positionalKey) parsed.positional.push(value);
      else parsed.named.set(params[key]!.label, value);
    }
    return bindArgs(def, parsed);
  };

  const shared: CommandDef = {
    name: primary.name,
    ...(primary.aliases ? { aliases: primary.aliases } : {}),
    ...(primary.chats ? { chats: primary.chats } : {}),
    summary: [primary.summary, ...routes.map((r) => r.summary)].join('；'),
    usage: [primary.usage, ...routes.map((r) => r.def.usage)].join(' ｜ '),
    examples: all.flatMap((d) => d.examples),
    audience: [...new Set(all.flatMap((d) => d.audience))],
    params,
    schema: z.object(Object.fromEntries(Object.keys(params).map((k) => [k, z.string().optional()]))),
    takesBody: all.some((d) => d.takesBody),
    confirm(ctx) {
      const def = choose(ctx.args as Record<string, string | undefined>);
      if (!def.confirm) return undefined;
      return def.confirm({ ...ctx, args: rebind(def, ctx as CommandContext<Record<string, string | undefined>>) });
    },
    run(ctx) {
      const def = choose(ctx.args as Record<string, string | undefined>);
      return def.run({ ...ctx, args: rebind(def, ctx as CommandContext<Record<string, string | undefined>>) });
    },
  };
  parts.set(shared, { primary, routes });
  return shared;
}
