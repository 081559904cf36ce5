/**
 * The rescue-center intake: WeCom says "there is something" (kf_msg_or_event with a token), we
 * pull it with kf/sync_msg.
 *
 * - Pulls of one 客服 account never overlap: each waits for the one before, and events arriving
 *   meanwhile collapse into one more pull with the newest token.
 * - A page is acted on in one transaction that also stores the next cursor, so a crash either
 *   loses nothing (the page is read again) or has done everything (the cursor moved on); msgids
 *   are remembered besides, so a page read twice still acts once.
 * - The welcome message goes out at once with the enter_session welcome_code (valid 20 s), not
 *   through the outbox, which may be busy; a failure is logged — the customer's first message
 *   gets the receipt anyway.
 * - After a page, the service state of each customer who wrote is looked up, so that a reply to a
 *   session with a human servicer is explained at once instead of failing later.
 */
import type { Config } from '../config/config.ts';
import { type Logger, logger } from '../log/log.ts';
import { PlatformError } from '../outbox/platform-error.ts';
import type { OutboundMessage, Recipient } from '../domain/types.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import type { CustomerServiceApi, KfMessage } from './customer-service.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Store } from '../store/store.ts';
import type { Tx } from '../store/tx.ts';
import { welcomeText } from './customer-texts.ts';
import { parseReplyKey } from './deliver.ts';
import { staffRecipients } from './notices.ts';
import type { AskIntakeHint } from '../understand/intake-hint.ts';
import { hintStaff } from './hint.ts';
import { SEEN_KEEP_MS, applyBatch } from './receive.ts';
import { sessionOf } from './tickets.ts';

export interface KfIntakeDeps {
  store: Store;
  config: Config;
  calendar: WorkingCalendar;
  api: CustomerServiceApi;
  clock: () => Date;
  /** Wakes the outbox after a commit that queued messages. */
  onOutbox?: () => void;
  log?: Logger;
  /** Messages per sync_msg page (the platform's maximum, 1000, unless a test wants small pages). */
  pageSize?: number;
  /** The optional model's category and summary for new requests, for staff only (src/intake/hint.ts). */
  hint?: AskIntakeHint;
}

/** A runaway has_more (a platform bug) must not pull forever. */
const MAX_PAGES = 100;
const PRUNE_EVERY_MS = 3_600_000;

interface Waiting {
  token: string | undefined;
  promise: Promise<void>;
}

export class KfIntake {
  readonly #chains = new Map<string, Promise<void>>();
  readonly #waiting = new Map<string, Waiting>();
  #lastPrune = 0;

  constructor(private readonly deps: KfIntakeDeps) {}

  /** The callback's hand-over (setupWecom → wecomAppRoutes `onKfEvent`). */
  readonly onKfEvent = (event: { token: string; openKfId: string }): Promise<void> => this.pull(event.openKfId, event.token);

  /** Whether this 客服 account feeds the intake (config kfAccounts; empty = every account). */
  accepts(openKfId: string): boolean {
    const only = this.deps.config.kfAccounts;
    return only.length === 0 || only.includes(openKfId);
  }

  /** Pulls an account's new messages after any pull of it in progress; resolves when done. */
  pull(openKfId: string, token?: string): Promise<void> {
    if (!this.accepts(openKfId)) {
      this.#log.info({ openKfId }, 'kf event for an account outside kfAccounts ignored');
      return Promise.resolve();
    }
    const waiting = this.#waiting.get(openKfId);
    if (waiting) {
      if (token) waiting.token = token;
      return waiting.promise;
    }
    const before = this.#chains.get(openKfId) ?? Promise.resolve();
    const entry = { token } as Waiting;
    entry.promise = before.then(async () => {
      this.#waiting.delete(openKfId);
      try {
        await this.#pullNow(openKfId, entry.token);
      } catch (err) {
        // The cursor did not move: the next event (or catchUp) reads the same messages again.
        this.#log.error({ err, openKfId }, 'kf pull failed');
      }
    });
    this.#waiting.set(openKfId, entry);
    this.#chains.set(openKfId, entry.promise);
    void entry.promise.finally(() => {
      if (this.#chains.get(openKfId) === entry.promise) this.#chains.delete(openKfId);
    });
    return entry.promise;
  }

  /**
   * After a start: pulls every account seen before (and every configured one) without a token —
   * allowed, though rate-limited — for messages whose callbacks came while the service was down.
   */
  async catchUp(): Promise<void> {
    const ids = new Set([...this.deps.config.kfAccounts, ...[...this.deps.store.values('kfCursors')].map((c) => c.id)]);
    for (const id of ids) await this.pull(id);
  }

  /**
   * The kf sender gave up on a message (kf-sender.ts). A staff reply goes back to `held` with the
   * reason — it is sent when the enterprise writes again — and its author and the center are told.
   */
  readonly onUndeliverable = async (msg: OutboundMessage, reason: string): Promise<void> => {
    const ref = parseReplyKey(msg.idempotencyKey);
    if (!ref) {
      this.#log.warn({ id: msg.idempotencyKey }, 'kf message to a customer was refused');
      return;
    }
    const now = this.#now();
    await this.deps.store.transact({ actor: 'kf', action: 'kf:undeliverable', source: msg.idempotencyKey }, (tx) => {
      const t = tx.get('tickets', ref.ticketId);
      const m = t?.messages[ref.index];
      if (!t || !m || m.outboxId !== msg.idempotencyKey || m.delivery !== 'queued') return;
      t.messages[ref.index] = { ...m, delivery: 'held', heldReason: reason };
      tx.put('tickets', t);
      const session = sessionOf(tx, t.openKfId, t.externalUserId);
      session.sentInWindow = Math.max(0, session.sentInWindow - 1);
      tx.put('kfSessions', session);
      const text = `【诉求 ${t.id}】答复暂未送达企业：${reason}。答复已保存在 ${t.id} 中，企业再次发消息时会自动发出。`;
      // The center hears it; a liaison who wrote the reply, or staff without a center group, in person.
      const author: Recipient[] = m.by && (m.unitId || !this.deps.config.centerGroup()) ? [{ kind: 'person', personId: m.by }] : [];
      const to = uniqueRecipients([...staffRecipients(this.deps.config), ...author]);
      to.forEach((recipient, i) => enqueue(tx, now, { to: recipient, text, idempotencyKey: `${msg.idempotencyKey}#refused#${i}` }));
    });
    this.deps.onOutbox?.();
  };

  async #pullNow(openKfId: string, firstToken: string | undefined): Promise<void> {
    let token = firstToken;
    for (let page = 0; page < MAX_PAGES; page++) {
      const cursor = this.deps.store.get('kfCursors', openKfId)?.cursor ?? '';
      let result;
      try {
        result = await this.deps.api.syncMsg({ open_kfid: openKfId, cursor, limit: this.deps.pageSize ?? 1000, ...(token ? { token } : {}) });
      } catch (err) {
        // The token lives 10 minutes; a pull that waited behind others may find it expired.
        if (token && err instanceof PlatformError && !err.details.retryable) {
          this.#log.warn({ openKfId, code: err.details.code }, 'kf sync_msg refused the token; pulling without it');
          token = undefined;
          continue;
        }
        throw err;
      }
      const welcomes = this.#welcome(result.msg_list);
      const now = this.#now();
      const prune = now.getTime() - this.#lastPrune > PRUNE_EVERY_MS;
      if (prune) this.#lastPrune = now.getTime();
      const outcome = await this.deps.store.transact({ actor: 'kf', action: 'kf:sync', source: `kf:${openKfId}` }, (tx) => {
        const o = applyBatch(tx, this.deps, result.msg_list, now);
        tx.put('kfCursors', { id: openKfId, cursor: result.next_cursor, at: now.toISOString() });
        if (prune) pruneSeen(tx, now);
        return o;
      });
      this.deps.onOutbox?.();
      if (outcome.opened.length) this.#log.info({ openKfId, tickets: outcome.opened }, 'kf tickets opened');
      if (this.deps.hint && outcome.opened.length) await hintStaff({ ...this.deps, hint: this.deps.hint }, outcome.opened, now);
      await Promise.allSettled(welcomes);
      await this.#refreshStates(outcome.customers);
      if (!result.has_more) return;
    }
    this.#log.warn({ openKfId }, 'kf sync_msg still has_more after the page limit');
  }

  /** Sends the welcome for each new enter_session with a code, at once. */
  #welcome(msgs: readonly KfMessage[]): Promise<unknown>[] {
    const sends: Promise<unknown>[] = [];
    for (const m of msgs) {
      const code = m.origin === 4 && m.event?.event_type === 'enter_session' ? m.event.welcome_code : undefined;
      if (!code || this.deps.store.get('kfSeen', m.msgid)) continue;
      sends.push(
        this.deps.api
          .sendTextOnEvent({ code, content: welcomeText(this.deps.config) })
          .catch((err: unknown) => this.#log.warn({ err, msgid: m.msgid }, 'kf welcome message failed')),
      );
    }
    return sends;
  }

  /** Records each customer's service state (0/1: the bot may send; 2/3: a servicer has it; 4 ended). */
  async #refreshStates(customers: Set<string>): Promise<void> {
    for (const key of customers) {
      const [openKfId, externalUserId] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      try {
        const state = await this.deps.api.getServiceState({ open_kfid: openKfId, external_userid: externalUserId });
        await this.deps.store.transact({ actor: 'kf', action: 'kf:state', source: `kf:${openKfId}` }, (tx) => {
          const s = sessionOf(tx, openKfId, externalUserId);
          if (s.serviceState === state) return;
          s.serviceState = state;
          s.stateAt = this.#now().toISOString();
          tx.put('kfSessions', s);
        });
      } catch (err) {
        this.#log.warn({ err, openKfId }, 'kf service_state/get failed');
      }
    }
  }

  #now(): Date {
    return this.deps.clock();
  }

  get #log(): Logger {
    return this.deps.log ?? logger;
  }
}

/** Forgets msgids older than sync_msg can return (3 days), so the set stays small. */
function pruneSeen(tx: Tx, now: Date): void {
  const before = now.getTime() - SEEN_KEEP_MS;
  const old = [...tx.values('kfSeen')].filter((seen) => new Date(seen.at).getTime() < before);
  for (const seen of old) tx.delete('kfSeen', seen.id);
}

function uniqueRecipients(list: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
