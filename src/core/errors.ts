/**
 * The small error taxonomy (see DESIGN §5):
 * - `UserError`: the person typed something wrong or may not do it. Its message is one Chinese
 *   sentence, safe to show, and nothing was changed.
 * - `PlatformError`: WeCom / DingTalk said no or could not be reached. Carries what the outbox
 *   needs to decide whether to retry.
 * - anything else is a bug: logged with a reference id, answered with a short apology.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(message: string) {
    super(message);
  }
}

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

/** A bad request from a machine (callback with a wrong signature, malformed body): answered with a 4xx. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  constructor(message: string, readonly status: 400 | 401 | 403 | 404 | 413 | 415 = 400) {
    super(message);
  }
}
