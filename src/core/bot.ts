import { randomBytes } from 'node:crypto';
import type { Reply } from '../domain/types.ts';
import type { Config } from '../config/config.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { StoreWriteError } from '../store/journal.ts';
import type { Store } from '../store/store.ts';
import type { Tx } from '../store/tx.ts';
import { bindArgs } from './bind-args.ts';
import { createContext } from './context.ts';
import type { CommandDef } from './command.ts';
import { UserError } from '../domain/errors.ts';
import { logger } from '../log/log.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { type ParsedCommand, parseCommand } from './parser.ts';
import { deniedMessage, mayRun } from './permissions.ts';
import { routedCommand } from './shared-word.ts';
import { findCommand, suggestCommand } from './suggest.ts';
import { proposalRecord, type Reading, readPrefix } from './proposal.ts';
import { familyOf, type GroupChat, type InboundMessage, type Person, type Recipient } from '../domain/types.ts';
import { ECHO_MAX_CHARS, echoText } from '../render/echo.ts';
import { stripInvisible } from '../domain/hygiene.ts';
import { RATE_LIMITED_ANSWER, SenderRateLimit, type SenderRateOptions } from './sender-rate.ts';

export interface BotDeps {
  config: Config;
  store: Store;
  commands: readonly CommandDef[];
  calendar: WorkingCalendar;
  clock: () => Date;
  /** Called after a commit that queued outbound messages, to wake the outbox. */
  onOutbox?: () => void;
  /**
   * Takes in a file a person sent (InboundMessage.attachment) and returns the command line to run
   * for it, e.g. stages a unit's list and returns `导入 I3`. Runs after the sender is known and
   * outside any transaction (it downloads); a UserError is the answer.
   */
  onAttachment?: (msg: InboundMessage, person: Person) => Promise<string>;
  /** Reads a message that is not a command (src/understand): the command it stands for, if any. */
  understand?: (text: string, person: Person, now: Date) => Promise<Reading | undefined>;
  /** Per-sender limit on changing commands (sender-rate.ts); none when absent. */
  rateLimit?: SenderRateOptions;
}

const CONFIRM_WORDS = new Set(['确认', '确定', '是']);
const CANCEL_WORDS = new Set(['取消', '否', '算了']);
const CONFIRM_TTL_MS = 10 * 60 * 1000;

/**
 * The dispatcher: one inbound message in, replies out, exactly once.
 *
 * Who is speaking and where → which command → may they → are the arguments right → (confirm?) →
 * run the handler in one transaction that also records the message as handled, the replies for
 * a retry, and every push in the outbox. Nothing is answered before that transaction is durable.
 * A command that changes nothing is not recorded: a retry of a read simply reads again.
 */
export class Bot {
  private readonly inflight = new Map<string, Promise<Reply[]>>();
  /** Messages whose replies go through the outbox (their channel gave up on a passive reply). */
  private readonly deferred = new Set<string>();
  private readonly rate: SenderRateLimit | undefined;

  constructor(private readonly deps: BotDeps) {
    this.rate = deps.rateLimit ? new SenderRateLimit(deps.rateLimit) : undefined;
  }

  get config(): Config {
    return this.deps.config;
  }

  readonly handle = (msg: InboundMessage): Promise<Reply[]> => {
    const key = `${msg.channel}:${msg.messageId}`;
    const done = this.deps.store.get('inbox', key);
    if (done && !done.pending) return Promise.resolve(done.replies);
    const running = this.inflight.get(key);
    if (running) return running;
    this.current.set(key, msg);
    const p = this.process(msg, key).catch(notSavedAnswer).finally(() => {
      this.inflight.delete(key);
      this.current.delete(key);
    });
    this.inflight.set(key, p);
    return p;
  };

  /**
   * A channel calls this when it acknowledges a message without a passive reply (its time budget
   * ran out). The message is recorded durably before the channel answers the platform, so a crash
   * cannot lose it; with `repliesViaOutbox` the replies are queued for the sender in the same
   * transaction that handles it (or at once, if it was already handled).
   */
  async defer(msg: InboundMessage, options: { repliesViaOutbox: boolean }): Promise<void> {
    const key = `${msg.channel}:${msg.messageId}`;
    if (options.repliesViaOutbox) this.deferred.add(key);
    await this.deps.store.transact({ actor: 'system', action: 'defer', source: key }, (tx) => {
      const record = tx.get('inbox', key);
      if (record && !record.pending) {
        if (options.repliesViaOutbox) this.enqueueReplies(tx, msg, key, record.replies);
        return;
      }
      if (!record) tx.put('inbox', { id: key, at: this.now().toISOString(), replies: [], pending: { message: msg, repliesViaOutbox: options.repliesViaOutbox } });
    });
    this.deps.onOutbox?.();
  }

  /** Handles the messages that were acknowledged but not finished before a stop. */
  async recoverPending(): Promise<number> {
    const pending = [...this.deps.store.values('inbox')].filter((r) => r.pending);
    for (const r of pending) {
      const message = { ...r.pending!.message, receivedAt: new Date(r.pending!.message.receivedAt) };
      // After a restart no passive reply is possible any more: the replies go through the outbox.
      this.deferred.add(r.id);
      await this.handle(message);
    }
    return pending.length;
  }

  /** Queues replies to the sender's chat (the person, or the group they wrote in). */
  private enqueueReplies(tx: Tx, msg: InboundMessage, key: string, replies: readonly Reply[], tag = 'reply', firstIndex = 0): void {
    const family = familyOf(msg.channel);
    const group = msg.chatKind === 'group' ? this.deps.config.groupByPlatformChat(family, msg.chatId) : undefined;
    const person = this.deps.config.personByPlatformId(family, msg.senderId);
    const to: Recipient | undefined = group ? { kind: 'group', groupId: group.id } : person ? { kind: 'person', personId: person.id } : undefined;
    if (!to) return;
    replies.forEach((r, i) => {
      enqueue(tx, this.now(), {
        to,
        text: r.text,
        ...(r.card ? { card: r.card } : {}),
        ...(r.mentions ? { mentions: r.mentions } : {}),
        idempotencyKey: `${key}#${tag}#${firstIndex + i}`,
        via: family,
      });
    });
  }

  /**
   * Replies a channel could not give passively (too long, or several): queued for the sender
   * under keys derived from the message, so a platform retry cannot queue them twice.
   */
  async sendRepliesLater(msg: InboundMessage, replies: readonly Reply[], firstIndex = 0): Promise<void> {
    const key = `${msg.channel}:${msg.messageId}`;
    await this.deps.store.transact({ actor: 'system', action: 'late-reply', source: key }, (tx) => this.enqueueReplies(tx, msg, key, replies, 'late', firstIndex));
    this.deps.onOutbox?.();
  }

  /** The app's clock (tests and rehearsal fix it). */
  now(): Date {
    return this.deps.clock();
  }

  private async process(msg: InboundMessage, key: string): Promise<Reply[]> {
    const { config } = this.deps;
    const family = familyOf(msg.channel);
    const person = config.personByPlatformId(family, msg.senderId);
    if (!person) {
      return this.answer(key, 'system', `您好，我是${config.mechanism.name}的助手。您的账号（${msg.senderId}）还不在成员名单中，请联系联席会议办公室把您加入配置后再使用。`);
    }
    let group: GroupChat | undefined;
    if (msg.chatKind === 'group') {
      group = config.groupByPlatformChat(family, msg.chatId);
      if (!group) {
        // The administrator needs this id to add the group to the config.
        logger.info({ channel: msg.channel, chatId: msg.chatId }, 'message from a group that is not configured');
        return this.answer(key, person.id, '本群还不是配置过的工作群，这里不能处理企业信息。请在联络员群或单聊中使用。');
      }
    }
    let text = msg.text;
    if (msg.attachment) {
      const taken = await this.takeAttachment(msg, key, person);
      if (typeof taken !== 'string') return taken.replies;
      text = taken;
    }
    const parsed = parseCommand(text);
    const pendingId = `${person.id}:${msg.chatId}`;
    if (CONFIRM_WORDS.has(parsed.word) || CANCEL_WORDS.has(parsed.word)) {
      return this.resolvePending(msg, key, person, group, pendingId, CONFIRM_WORDS.has(parsed.word));
    }
    return this.runText(msg, key, person, group, text, false, undefined, parsed);
  }

  /** The command line a file stands for (BotDeps.onAttachment), or the answer when it cannot be taken. */
  private async takeAttachment(msg: InboundMessage, key: string, person: Person): Promise<string | { replies: Reply[] }> {
    if (!this.deps.onAttachment) return { replies: await this.answer(key, person.id, '目前不能处理文件，请发送文字命令，例如“帮助”。') };
    try {
      return await this.deps.onAttachment(msg, person);
    } catch (err) {
      if (err instanceof UserError) return { replies: await this.answer(key, person.id, err.message) };
      const ref = randomBytes(3).toString('hex');
      logger.error({ err, ref, source: key }, 'attachment failed');
      return { replies: [{ text: `抱歉，处理您发送的文件时出了问题，没有做任何更改（编号 ${ref}）。请稍后重新发送。` }] };
    }
  }

  private async runText(msg: InboundMessage, key: string, person: Person, group: GroupChat | undefined, text: string, confirmed: boolean, pendingToClear?: string, parsedText?: ParsedCommand): Promise<Reply[]> {
    const { commands } = this.deps;
    // Parsed once per message: process() has already parsed it to look for 确认 / 取消.
    const parsed = parsedText ?? parseCommand(text);
    if (!parsed.word) return this.answer(key, person.id, '请发送命令，例如“帮助”。');
    const def = findCommand(parsed.word, commands);
    if (!def) {
      const understood = confirmed ? undefined : await this.deps.understand?.(text, person, this.now());
      if (understood) return this.offer(msg, key, person, group, understood);
      const s = suggestCommand(parsed.word, commands);
      const corrected = s?.rest ? `${s.def.name} ${s.rest}${text.slice(text.indexOf(parsed.word) + parsed.word.length)}`.trim() : undefined;
      const hint = corrected
        ? `您是不是想写“${echoText(corrected, 2 * ECHO_MAX_CHARS)}”？命令和后面的内容之间要空一格。`
        : s
          ? `您是不是想用「${s.def.name}」？写法：${s.def.usage}`
          : '发“帮助”查看可用的命令。';
      return this.answer(key, person.id, `没有“${echoText(parsed.word)}”这个命令。${hint}`);
    }
    // A shared word (办结 T31 / 办结 Q12) is checked as the command its target selects.
    const target = routedCommand(def, parsed.positional[0] ?? '');
    if (!mayRun(target, person)) return this.answer(key, person.id, deniedMessage(target));
    if (def.chats && !def.chats.includes(msg.chatKind)) {
      return this.answer(key, person.id, `「${def.name}」请在${def.chats.includes('single') ? '与我的单聊' : '工作群'}中使用。`);
    }
    try {
      return await this.deps.store.transact({ actor: person.id, action: def.name, source: key }, async (tx) => {
        // Named fields rather than `...this.deps`: that spread, once per message, was measured at
        // about 40 % of a read command's time in the dispatcher (BENCHMARKS.md).
        const { ctx, replies } = createContext({
          config: this.deps.config,
          calendar: this.deps.calendar,
          commands: this.deps.commands,
          store: this.deps.store,
          tx,
          msg,
          key,
          person,
          group,
          def,
          now: this.now(),
        });
        ctx.args = bindArgs(def, parsed);
        ctx.body = parsed.body.map(stripInvisible);
        if (pendingToClear) tx.delete('pending', pendingToClear);
        const question = confirmed ? undefined : def.confirm?.(ctx);
        if (question) {
          tx.put('pending', { id: `${person.id}:${msg.chatId}`, text, question, expiresAt: new Date(this.now().getTime() + CONFIRM_TTL_MS).toISOString() });
          ctx.reply(`${question}\n回复“确认”执行，回复“取消”放弃（10分钟内有效）。`);
        } else {
          await def.run(ctx);
        }
        if (this.rate && !tx.isEmpty) {
          // Only now is it known that the command changes something; throwing discards the change.
          const at = this.now().getTime();
          if (!this.rate.allows(person.id, at)) throw new UserError(RATE_LIMITED_ANSWER);
          this.rate.note(person.id, at);
        }
        return this.finish(tx, key, replies);
      });
    } catch (err) {
      if (err instanceof UserError) return this.answer(key, person.id, err.message);
      if (err instanceof StoreWriteError) return notSavedAnswer(err);
      const ref = randomBytes(3).toString('hex');
      logger.error({ err, ref, command: def.name, source: key }, 'command failed');
      // Not recorded as handled: nothing changed, so a retry may try again.
      return [{ text: `抱歉，处理“${def.name}”时出了问题，没有做任何更改（编号 ${ref}）。请稍后再试，或把编号告诉系统管理员。` }];
    } finally {
      this.deps.onOutbox?.();
    }
  }

  private async resolvePending(msg: InboundMessage, key: string, person: Person, group: GroupChat | undefined, pendingId: string, confirm: boolean): Promise<Reply[]> {
    const pending = this.deps.store.get('pending', pendingId);
    const expired = pending && new Date(pending.expiresAt) < this.now();
    if (!pending || expired) return this.answer(key, person.id, '现在没有等待您确认的操作（超过10分钟会自动作废）。', pending ? pendingId : undefined);
    if (!confirm) return this.answer(key, person.id, '已取消，没有做任何更改。', pendingId);
    return this.runText(msg, key, person, group, pending.text, !pending.proposed, pendingId);
  }

  /** A question is answered by its read command at once; anything else waits for 确认. */
  private async offer(msg: InboundMessage, key: string, person: Person, group: GroupChat | undefined, understood: Reading): Promise<Reply[]> {
    if (understood.read) {
      const [first, ...rest] = await this.runText(msg, key, person, group, understood.line, false);
      return first ? [{ ...first, text: readPrefix(understood.line) + first.text }, ...rest] : rest;
    }
    const record = proposalRecord(`${person.id}:${msg.chatId}`, understood.line, this.now());
    const replies: Reply[] = [{ text: record.question }];
    await this.deps.store.transact({ actor: person.id, action: 'propose', source: key }, (tx) => {
      tx.put('pending', record);
      this.record(tx, key, replies);
    });
    return replies;
  }

  /** Records a plain answer as the message's outcome (so a platform retry gets the same answer). */
  private async answer(key: string, actor: string, text: string, clearPending?: string): Promise<Reply[]> {
    const replies: Reply[] = [{ text }];
    await this.deps.store.transact({ actor, action: 'answer', source: key }, (tx) => {
      if (clearPending) tx.delete('pending', clearPending);
      this.record(tx, key, replies);
    });
    return replies;
  }

  private finish(tx: Tx, key: string, replies: Reply[]): Reply[] {
    // A command that changed nothing and pushed nothing (企业, 名册, 帮助 …) has nothing to do only
    // once: a retry may run it again. Recording it would cost a journal write and fsync per read.
    // A message a channel deferred is always recorded (its replies go through the outbox).
    if (tx.isEmpty && !this.deferred.has(key) && !this.deps.store.get('inbox', key)) return replies;
    this.record(tx, key, replies);
    return replies;
  }

  /** Marks the message handled, with its replies; queues them if the channel deferred them. */
  private record(tx: Tx, key: string, replies: Reply[]): void {
    const previous = tx.get('inbox', key);
    tx.put('inbox', { id: key, at: this.now().toISOString(), replies });
    const message = previous?.pending?.message ?? this.current.get(key);
    if (message && (this.deferred.has(key) || previous?.pending?.repliesViaOutbox)) {
      this.enqueueReplies(tx, message, key, replies);
      this.deferred.delete(key);
    }
  }

  /** The message being handled under each key (for queuing deferred replies). */
  private readonly current = new Map<string, InboundMessage>();
}

/**
 * The disk refused the change (full, read-only): the person hears it in one sentence and nothing
 * is recorded — recording the answer would need the same disk — so a retry runs the command anew.
 */
function notSavedAnswer(err: unknown): Reply[] {
  if (err instanceof StoreWriteError) return [{ text: err.message }];
  throw err;
}
