/**
 * WeCom / DingTalk said no or could not be reached. A channel sender throws it; the outbox reads
 * `retryable` / `retryAfterMs` to decide when to try again (taxonomy: src/domain/errors.ts).
 */
export class PlatformError extends Error {
  override readonly name = 'PlatformError';
  constructor(
    message: string,
    readonly details: {
      platform: 'wecom' | 'dingtalk' | 'console';
      /** Platform error code (errcode) or HTTP status. */
      code?: number | string;
      /** Worth trying again later (network, 5xx, rate limit, expired token). */
      retryable: boolean;
      /** Wait at least this long before the next try (rate limits). */
      retryAfterMs?: number;
      /**
       * Nothing went to the platform: our own rate limit said "not yet". The outbox waits
       * without counting a failed try, so a burst never turns into dead letters.
       */
      notAttempted?: boolean;
    },
  ) {
    super(message);
  }
}
