/**
 * Runs the work for one msgId at most once at a time, and not again after it succeeded.
 *
 * The core makes a second delivery of a message harmless for the data, but it answers it with the
 * first delivery's replies, and we would send those to the chat a second time. A push that arrives
 * while the first is still being handled (Stream re-push after 60 s, an HTTP retry) joins the first;
 * one that arrives after it succeeded is dropped. Failures are forgotten so a later push can retry.
 * Memory only: after a restart a re-push is handled again and its replies sent again, which is what
 * we want when we cannot know whether they went out.
 */
export class MessageOnce {
  private readonly running = new Map<string, Promise<void>>();
  private readonly done = new Set<string>();

  constructor(private readonly remember = 2000) {}

  run(msgId: string, work: () => Promise<void>): Promise<void> {
    if (this.done.has(msgId)) return Promise.resolve();
    const existing = this.running.get(msgId);
    if (existing) return existing;
    const p = work()
      .then(() => this.markDone(msgId))
      .finally(() => this.running.delete(msgId));
    this.running.set(msgId, p);
    return p;
  }

  private markDone(msgId: string): void {
    this.done.add(msgId);
    if (this.done.size > this.remember) this.done.delete(this.done.values().next().value!);
  }
}
