/**
 * The browser side of a platform's sign-in, shared by the WeCom and DingTalk fakes: whoever the
 * test says is using the client (`signInAs`) is sent back to the app's redirect_uri with a fresh
 * single-use code, as the real authorize pages do inside WeCom / DingTalk.
 */
import type { ServerResponse } from 'node:http';

export class FakeSignIn {
  #user: string | undefined;
  readonly #codes = new Map<string, string>();
  #count = 0;

  /** The platform user (WeCom userid, DingTalk staffId) now using the client; undefined: nobody. */
  signInAs(userId: string | undefined): void {
    this.#user = userId;
  }

  /** Answers the authorize page: a 302 to redirect_uri with `codeParam` and the state. */
  authorize(res: ServerResponse, query: Record<string, string>, codeParam: string): void {
    const target = URL.canParse(query.redirect_uri ?? '') ? new URL(query.redirect_uri!) : undefined;
    if (!target || !this.#user) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('redirect_uri 参数错误或未登录');
      return;
    }
    const code = `code-${++this.#count}-${Math.random().toString(36).slice(2)}`;
    this.#codes.set(code, this.#user);
    target.searchParams.set(codeParam, code);
    if (query.state) target.searchParams.set('state', query.state);
    res.writeHead(302, { location: target.href }).end();
  }

  /** The user behind a code, once (a code is single-use, as on both platforms). */
  redeem(code: unknown): string | undefined {
    if (typeof code !== 'string') return undefined;
    const user = this.#codes.get(code);
    this.#codes.delete(code);
    return user;
  }
}
