import type { ChannelSender } from './sender.ts';
import type { Config } from '../config/config.ts';
import { PlatformError } from './platform-error.ts';
import { logger } from '../log/log.ts';
import type { OutboxItem } from '../store/model.ts';
import type { Store } from '../store/store.ts';
import { resolveTarget } from './resolve-target.ts';
import { staleReason } from './stale.ts';

export interface OutboxOptions {
  store: Store;
  config: Config;
  /** The senders of the channels that are on, in order of preference. */
  senders: ChannelSender[];
  clock: () => Date;
  /** After this many failed tries an item becomes a dead letter. */
  maxAttempts?: number;
  /** First back-off step; doubles each try, capped at 30 minutes. */
  baseDelayMs?: number;
}

/**
 * Delivers the outbox. Each item is tried when due; a retryable failure (network, 5xx, rate
 * limit, expired token) is tried again later with exponential back-off, respecting the platform's
 * retry-after; anything else, or too many failures, makes it a dead letter that the director sees.
 * Item states are journaled, so a restart resumes where it stopped and never re-sends what was
 * marked sent.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;

  constructor(private readonly options: OutboxOptions) {}

  private now(): Date {
    return this.options.clock();
  }

  /** Sends everything due now; resolves with the number of items delivered. */
  runOnce(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    let sent = 0;
    do {
      this.again = false;
      const now = this.now();
      const due = this.options.store
        .lookup('outbox', 'state', 'pending')
        .filter((i) => new Date(i.dueAt) <= now)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      for (const item of due) if (await this.deliver(item)) sent++;
    } while (this.again);
    return sent;
  }

  private async deliver(item: Readonly<OutboxItem>): Promise<boolean> {
    const { config, senders } = this.options;
    const stale = staleReason(this.options.store, item.message.about);
    if (stale) {
      await this.update(item, { state: 'withdrawn', lastError: `已撤回：${stale}` });
      return false;
    }
    const route = resolveTarget(item.message.to, config, senders, item.message.via);
    if (!route) {
      await this.update(item, { state: 'dead', lastError: '收件人没有可用的渠道（未配置平台账号或渠道未开启）' });
      return false;
    }
    try {
      await route.sender.send(item.message, route.target, {
        partsDone: item.partsDone ?? 0,
        // A part the platform took is recorded before the next goes out. If recording fails (a
        // full disk) the send goes on: the sender also remembers the part while the process lives.
        partDelivered: (part) =>
          this.update(item, { partsDone: part + 1 }).catch((err: unknown) => logger.warn({ id: item.id, part, err }, 'outbox part progress not recorded')),
      });
      await this.update(item, { state: 'sent', sentAt: this.now().toISOString(), attempts: item.attempts + 1 });
      return true;
    } catch (err) {
      // Our own rate limit is a wait, not a failed try: a burst must not use up the attempts.
      const waited = err instanceof PlatformError && err.details.notAttempted === true;
      const attempts = item.attempts + (waited ? 0 : 1);
      const retryable = err instanceof PlatformError && err.details.retryable;
      const message = err instanceof Error ? err.message : String(err);
      if (!retryable || attempts >= (this.options.maxAttempts ?? 8)) {
        logger.warn({ id: item.id, attempts, err }, 'outbox item is a dead letter');
        await this.update(item, { state: 'dead', attempts, lastError: message });
        return false;
      }
      const backoff = waited ? 0 : Math.min(30 * 60_000, (this.options.baseDelayMs ?? 2000) * 2 ** (attempts - 1));
      const wait = Math.max(backoff, err instanceof PlatformError ? (err.details.retryAfterMs ?? 0) : 0);
      await this.update(item, { attempts, lastError: message, dueAt: new Date(this.now().getTime() + wait).toISOString() });
      return false;
    }
  }

  private update(item: Readonly<OutboxItem>, patch: Partial<OutboxItem>): Promise<void> {
    const action = patch.state ?? (patch.partsDone !== undefined ? 'part' : 'retry');
    return this.options.store.transact({ actor: 'outbox', action: `outbox:${action}` }, (tx) => {
      const current = tx.get('outbox', item.id);
      if (current) tx.put('outbox', { ...current, ...patch });
    });
  }

  /** Polls for due items (back-offs end, new items come in) until stopped. */
  start(intervalMs = 1000): void {
    const tick = () => {
      this.runOnce()
        .catch((err) => logger.error({ err }, 'outbox run failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  wake(): void {
    if (this.timer) void this.runOnce().catch((err) => logger.error({ err }, 'outbox run failed'));
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
