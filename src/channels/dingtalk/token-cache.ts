import { systemMillis } from '../../domain/clock.ts';
/**
 * One access token per app, fetched lazily and shared.
 * - Refreshed `marginMs` before DingTalk's expiry, so a token never dies between our check and its use.
 * - Concurrent callers share one in-flight refresh: DingTalk counts token requests, and a burst of
 *   sends after a restart must not turn into a burst of token calls.
 * - `invalidate(token)` drops only that token, so a late 401 from an old request cannot throw away
 *   a fresh token another request already obtained.
 */
export interface FetchedToken {
  token: string;
  expiresInMs: number;
}

export class AccessTokenCache {
  private current: { token: string; refreshAt: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly now: () => number = systemMillis,
    private readonly marginMs = 5 * 60 * 1000,
  ) {}

  get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return Promise.resolve(this.current.token);
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async refresh(): Promise<string> {
    const { token, expiresInMs } = await this.fetchToken();
    // A short-lived token (tests, odd answers) still gets used once rather than refreshed forever.
    const margin = Math.min(this.marginMs, expiresInMs / 2);
    this.current = { token, refreshAt: this.now() + expiresInMs - margin };
    return token;
  }
}
