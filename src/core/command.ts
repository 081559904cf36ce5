import type { z } from 'zod';
import type { Config } from '../config/config.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import type { Tx } from '../store/tx.ts';
import type { CardSpec, ChatKind, GroupChat, InboundMessage, MessageSubject, Person, Recipient, Role, Unit } from '../domain/types.ts';

/**
 * A chat command is data: this one definition drives the parser's binding of arguments, the
 * validation, the help text, the permission check, "did you mean" and the handler.
 */
export interface ParamSpec {
  /** The Chinese key people type: 代码, 情形, 期限 … */
  label: string;
  aliases?: string[];
  /** The first bare word(s) fill this parameter (e.g. the enterprise's name). */
  positional?: boolean;
  /** Shown in help: what to write. */
  hint: string;
  /**
   * 'name' (names and ids: invisible control, bidi and zero-width characters are refused) or
   * 'text' (free text: they are removed). Default: 'name' for the positional parameter, else 'text'.
   */
  kind?: 'name' | 'text';
}

export type Audience = Role | 'everyone';

export interface CommandDef<S extends z.ZodType = z.ZodType> {
  name: string;
  aliases?: string[];
  /** One line for the help list. */
  summary: string;
  /** The form, e.g. `登记 <企业名称> 代码:<信用代码> 情形:<预警情形> [说明:<文字>]`. */
  usage: string;
  examples: string[];
  /** Who may run it. Everyone configured, or these roles. */
  audience: Audience[];
  /** Where it may be used; enterprise data never goes to unconfigured chats anyway. */
  chats?: ChatKind[];
  params: Partial<Record<keyof z.infer<S> & string, ParamSpec>>;
  schema: S;
  /** Lines after the first are allowed (纪要). */
  takesBody?: boolean;
  /**
   * Asked before acting: return a Chinese question to get a 确认 first, or undefined to act now.
   * The question must say what will happen.
   */
  confirm?: (ctx: CommandContext<z.infer<S>>) => string | undefined;
  run(ctx: CommandContext<z.infer<S>>): void | Promise<void>;
}

/** Identity helper so each command file gets full type inference. */
export function defineCommand<S extends z.ZodType>(def: CommandDef<S>): CommandDef<S> {
  return def;
}

export interface PushOptions {
  card?: CardSpec;
  mentions?: string[];
  about?: MessageSubject;
}

export interface CommandContext<A> {
  args: A;
  /** Lines after the command line. */
  body: string[];
  message: InboundMessage;
  person: Person;
  /** The liaison's unit, when the person speaks for one. */
  unit?: Unit;
  chat: { kind: ChatKind; group?: GroupChat };
  config: Config;
  calendar: WorkingCalendar;
  tx: Tx;
  /** The service's data directory (DATA_DIR): exported files go under it. */
  dataDir: string;
  now: Date;
  /** Today in Asia/Shanghai, 'YYYY-MM-DD'. */
  today: string;
  /** Answer in the chat the command came from. */
  reply(text: string, options?: PushOptions): void;
  /** Tell someone else; goes through the durable outbox once the change is committed. */
  push(to: Recipient | Recipient[], text: string, options?: PushOptions): void;
  /** The command table, for 帮助. */
  commands: readonly CommandDef[];
}

/** The parameter specs of a command as a plain list (the record is typed per command). */
export function paramsOf(def: CommandDef): [string, ParamSpec][] {
  return Object.entries(def.params as Record<string, ParamSpec | undefined>).filter((e): e is [string, ParamSpec] => e[1] !== undefined);
}
