import { randomBytes } from 'node:crypto';

/** A session lasts one working day: long enough for a morning's reading, short on a shared phone. */
export const SESSION_MS = 8 * 60 * 60 * 1000;

interface Session {
  personId: string;
  expiresAt: number;
}

/**
 * Dashboard sessions, kept in memory: the cookie carries only a random id (signed by koa), so
 * logging out ends the session on the server too, and a restart asks people to sign in again —
 * inside WeCom or DingTalk that happens without a click.
 */
export class Sessions {
  readonly #byId = new Map<string, Session>();

  constructor(private readonly now: () => Date) {}

  start(personId: string): string {
    this.#sweep();
    const id = randomBytes(24).toString('base64url');
    this.#byId.set(id, { personId, expiresAt: this.now().getTime() + SESSION_MS });
    return id;
  }

  /** The person of a live session, or undefined (unknown, ended or older than 8 hours). */
  personOf(id: string | undefined): string | undefined {
    if (!id) return undefined;
    const s = this.#byId.get(id);
    if (!s) return undefined;
    if (this.now().getTime() >= s.expiresAt) {
      this.#byId.delete(id);
      return undefined;
    }
    return s.personId;
  }

  end(id: string | undefined): void {
    if (id) this.#byId.delete(id);
  }

  #sweep(): void {
    const t = this.now().getTime();
    for (const [id, s] of this.#byId) if (t >= s.expiresAt) this.#byId.delete(id);
  }
}

/**
 * One-time local login links for `npm start` without a platform: each console person gets a token
 * printed at start-up; it signs in once and is then spent.
 */
export class LoginLinks {
  readonly #tokens = new Map<string, string>();

  issue(personId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, personId);
    return token;
  }

  redeem(token: string | undefined): string | undefined {
    if (!token) return undefined;
    const personId = this.#tokens.get(token);
    this.#tokens.delete(token);
    return personId;
  }
}
