/**
 * Remembers which pieces of a split message already went out, by idempotency key and piece index.
 * When piece 2 of 3 fails and the outbox retries the message, piece 1 is not sent twice. This is the
 * in-process cache; across a restart the outbox's durable `partsDone` (SendProgress) does the same.
 */
export class DeliveredParts {
  readonly #done = new Set<string>();

  constructor(private readonly capacity = 5000) {}

  has(idempotencyKey: string, part: number): boolean {
    return this.#done.has(`${idempotencyKey}#${part}`);
  }

  add(idempotencyKey: string, part: number): void {
    this.#done.add(`${idempotencyKey}#${part}`);
    // A Set iterates in insertion order, so the first entry is the oldest.
    while (this.#done.size > this.capacity) {
      const oldest = this.#done.values().next().value;
      if (oldest === undefined) break;
      this.#done.delete(oldest);
    }
  }
}
