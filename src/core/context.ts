import type { Reply } from '../domain/types.ts';
import type { Config } from '../config/config.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { PUSH_BUDGET_BYTES, REPLY_BUDGET_BYTES, withinBudget } from '../render/budget.ts';
import type { Store } from '../store/store.ts';
import type { Tx } from '../store/tx.ts';
import type { CommandContext, CommandDef } from './command.ts';
import type { GroupChat, InboundMessage, Person } from '../domain/types.ts';

export interface ContextInput {
  config: Config;
  calendar: WorkingCalendar;
  commands: readonly CommandDef[];
  store: Store;
  tx: Tx;
  msg: InboundMessage;
  /** `channel:messageId`: pushes are keyed from it, so a retry cannot queue them twice. */
  key: string;
  person: Person;
  group: GroupChat | undefined;
  def: CommandDef;
  now: Date;
}

/**
 * What a command handler gets: who, where, when, the transaction, and `reply` / `push`. The
 * replies are collected for the dispatcher; pushes go into the outbox inside the transaction.
 */
export function createContext(input: ContextInput): { ctx: CommandContext<unknown>; replies: Reply[] } {
  const { config, calendar, commands, store, tx, msg, key, person, group, def, now } = input;
  const replies: Reply[] = [];
  let pushes = 0;
  const unit = person.unitId ? config.unitById(person.unitId) : undefined;
  const ctx: CommandContext<unknown> = {
    args: undefined,
    body: [],
    message: msg,
    person,
    ...(unit ? { unit } : {}),
    chat: { kind: msg.chatKind, ...(group ? { group } : {}) },
    config,
    calendar,
    tx,
    dataDir: store.dataDir,
    now,
    today: toShanghaiDate(now),
    commands,
    reply(text, options) {
      replies.push({ text: withinBudget(text, REPLY_BUDGET_BYTES), ...(options?.mentions ? { mentions: options.mentions } : {}), ...(options?.card ? { card: options.card } : {}) });
    },
    push(to, text, options) {
      for (const recipient of Array.isArray(to) ? to : [to]) {
        enqueue(tx, now, { to: recipient, text: withinBudget(text, PUSH_BUDGET_BYTES), ...options, idempotencyKey: `${key}#${def.name}#${pushes++}` });
      }
    },
  };
  return { ctx, replies };
}
