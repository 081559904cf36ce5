/** A bad request from a machine (callback with a wrong signature, malformed body): answered with a 4xx. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  constructor(message: string, readonly status: 400 | 401 | 403 | 404 | 413 | 415 = 400) {
    super(message);
  }
}
