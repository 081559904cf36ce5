/**
 * The small error taxonomy (see DESIGN §5), one class in the layer that owns it:
 * - `UserError` (here, domain vocabulary): the person typed something wrong or may not do it. Its message is one Chinese
 *   sentence, safe to show, and nothing was changed.
 * - `PlatformError` (src/outbox/platform-error.ts): WeCom / DingTalk said no or could not be reached. Carries what the outbox
 *   needs to decide whether to retry.
 * - `BadRequestError` (src/channels/bad-request.ts): a malformed or unsigned callback, answered with a 4xx.
 * - anything else is a bug: logged with a reference id, answered with a short apology.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(message: string) {
    super(message);
  }
}
