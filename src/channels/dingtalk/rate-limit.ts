import { systemMillis } from '../../domain/clock.ts';

/**
 * A rolling-window counter per key (one key per robot). DingTalk throttles a robot for 10 minutes
 * once it sends more than 20 messages in a minute, so we refuse the 21st ourselves and say how long
 * to wait; the outbox does the waiting. `take` is synchronous, so two concurrent sends cannot both
 * pass the same last slot.
 */
export type Take = { ok: true } | { ok: false; retryAfterMs: number };

export class RollingWindowLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = systemMillis,
  ) {}

  /** Takes `n` slots at once (all parts of one message) or none. */
  take(key: string, n = 1): Take {
    const now = this.now();
    const times = (this.sent.get(key) ?? []).filter((t) => now - t < this.windowMs);
    const need = Math.min(n, this.limit);
    if (times.length + need > this.limit) {
      // The slot we need frees when the (times.length + need - limit)-th oldest send leaves the window.
      const freeing = times[times.length + need - this.limit - 1] ?? now;
      this.sent.set(key, times);
      return { ok: false, retryAfterMs: Math.max(1, freeing + this.windowMs - now) };
    }
    for (let i = 0; i < n; i++) times.push(now);
    this.sent.set(key, times);
    return { ok: true };
  }
}
