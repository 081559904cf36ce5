import { systemMillis } from '../../domain/clock.ts';

/**
 * A rolling-window counter per key (a robot's webhook, a member of the app). WeCom drops or
 * rejects what exceeds its per-minute limits, so the sender asks here first and, when the window is
 * full, tells the outbox how long to wait instead of sleeping.
 */
export class RollingWindowLimiter {
  readonly #stamps = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = systemMillis,
  ) {}

  /** Takes a slot if one is free. */
  tryTake(key: string): boolean {
    const stamps = this.#recent(key);
    if (stamps.length >= this.limit) return false;
    stamps.push(this.now());
    this.#stamps.set(key, stamps);
    return true;
  }

  /** Milliseconds until the next slot frees up (0 if one is free now). */
  waitMs(key: string): number {
    const stamps = this.#recent(key);
    if (stamps.length < this.limit) return 0;
    return Math.max(1, (stamps[0] ?? 0) + this.windowMs - this.now());
  }

  #recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const stamps = (this.#stamps.get(key) ?? []).filter((t) => t > cutoff);
    if (stamps.length) this.#stamps.set(key, stamps);
    else this.#stamps.delete(key);
    return stamps;
  }
}
