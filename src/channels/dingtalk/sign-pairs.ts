import { SIGN_WINDOW_MS } from './sign.ts';

/**
 * DingTalk signs only the callback's timestamp, not its body, so one captured `timestamp`/`sign`
 * pair would otherwise authenticate any body for the hour the pair is valid. We bind each pair to
 * the first msgId it came with: DingTalk's own retries of that message repeat it and pass, a second
 * message under the same pair is refused.
 *
 * Memory only, and a pair is forgotten once its window has passed (it is refused by the window
 * then). After a restart the ledger is empty; a replay of the same message is still harmless (the
 * core's handled-message records outlive the window), only a forged body under a pair captured
 * before the restart would pass, for what remains of that hour.
 */
export class SignPairLedger {
  private readonly pairs = new Map<string, { msgId: string; expires: number }>();

  constructor(private readonly cap = 20_000) {}

  /** True if the pair is new or already belongs to this msgId; records it for this msgId. */
  claim(timestamp: string, sign: string, msgId: string, now: number): boolean {
    this.forgetExpired(now);
    const key = `${timestamp}\n${sign}`;
    const owner = this.pairs.get(key);
    if (owner) return owner.msgId === msgId;
    this.pairs.set(key, { msgId, expires: Number(timestamp) + SIGN_WINDOW_MS });
    if (this.pairs.size > this.cap) this.pairs.delete(this.pairs.keys().next().value!);
    return true;
  }

  private forgetExpired(now: number): void {
    for (const [key, { expires }] of this.pairs) {
      if (expires < now) this.pairs.delete(key);
    }
  }
}
