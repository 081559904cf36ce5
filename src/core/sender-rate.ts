/**
 * A per-sender limit on commands that change data: a script or a stuck client sending 交办 in a
 * loop must not flood the roster, the journal and everyone's pushes. Reads are not limited (they
 * cost little and change nothing). Memory only: a restart forgets the counts, which is harmless.
 */
export interface SenderRateOptions {
  /** Changing commands one sender may run per window. */
  max: number;
  windowMs: number;
}

export const RATE_LIMITED_ANSWER = '您的操作太频繁了，请稍等几秒再发，刚才这条没有执行。';

export class SenderRateLimit {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly options: SenderRateOptions) {}

  /** Whether this sender may make one more change now (nothing is recorded). */
  allows(sender: string, now: number): boolean {
    return this.within(sender, now).length < this.options.max;
  }

  /** Records a change that went through. */
  note(sender: string, now: number): void {
    const times = this.within(sender, now);
    times.push(now);
    this.recent.set(sender, times);
  }

  private within(sender: string, now: number): number[] {
    const times = (this.recent.get(sender) ?? []).filter((t) => now - t < this.options.windowMs);
    if (times.length === 0) this.recent.delete(sender);
    return times;
  }
}
