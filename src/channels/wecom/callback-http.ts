import type { Context } from 'koa';
import type { Router } from '@koa/router';
import { BadRequestError } from '../bad-request.ts';
import type { Logger } from '../../log/log.ts';
import type { WecomCrypto } from './crypto.ts';

/**
 * What the WeCom callbacks share on the HTTP side: the signed query and turning failures into
 * status codes. A bad request is answered with its 4xx; a failure of ours with 500, which makes
 * WeCom try again (the core de-duplicates).
 */

export interface SignedQuery {
  signature: string;
  timestamp: string;
  nonce: string;
}

function param(ctx: Context, name: string): string {
  const v = ctx.query[name];
  return typeof v === 'string' ? v : '';
}

export function signedQuery(ctx: Context): SignedQuery {
  const q = { signature: param(ctx, 'msg_signature'), timestamp: param(ctx, 'timestamp'), nonce: param(ctx, 'nonce') };
  if (!q.signature || !q.timestamp || !q.nonce) throw new BadRequestError('缺少签名参数', 401);
  return q;
}

/**
 * How far a callback's signed `timestamp` may be from our clock. WeCom signs the timestamp together
 * with the body, so a captured request can only be replayed with its own timestamp: outside this
 * window it is refused. WeCom answers an unanswered callback with at most three retries, seconds
 * apart (all within half a minute), and server clocks drift by a few minutes at most; five minutes
 * either way covers both and is far shorter than the handled-message records (INBOX_DAYS), so a
 * replay inside the window finds the message already handled.
 */
export const WECOM_CALLBACK_WINDOW_MS = 5 * 60_000;

/** Refuses a callback whose signed timestamp (seconds) is outside the window (call after verifying the signature). */
export function checkFresh(q: SignedQuery, now: Date): void {
  const seconds = /^\d{1,12}$/.test(q.timestamp) ? Number(q.timestamp) : NaN;
  if (!(Math.abs(now.getTime() - seconds * 1000) <= WECOM_CALLBACK_WINDOW_MS)) {
    throw new BadRequestError('请求时间戳超出有效期', 401);
  }
}


export function echoQuery(ctx: Context): SignedQuery & { echostr: string } {
  const q = signedQuery(ctx);
  const echostr = param(ctx, 'echostr');
  if (!echostr) throw new BadRequestError('缺少 echostr', 400);
  return { ...q, echostr };
}

export async function guarded(ctx: Context, log: Logger, route: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof BadRequestError) {
      log.warn({ route, status: err.status, reason: err.message }, 'wecom callback rejected');
      ctx.status = err.status;
      ctx.type = 'text/plain';
      ctx.body = err.message;
      return;
    }
    log.error({ route, err }, 'wecom callback failed');
    ctx.status = 500;
    ctx.type = 'text/plain';
    ctx.body = 'error';
  }
}

/** 200 with an empty body: "received, nothing to say now". */
export function answerEmpty(ctx: Context): void {
  ctx.body = '';
  ctx.status = 200;
}

/** Runs `fn` after the response has gone out, so a pushed message never overtakes the passive reply. */
export function afterResponse(ctx: Context, log: Logger, fn: () => Promise<unknown>): void {
  let started = false;
  const run = () => {
    if (started) return;
    started = true;
    fn().catch((err: unknown) => log.error({ err }, 'wecom follow-up failed'));
  };
  ctx.res.once('finish', run);
  ctx.res.once('close', run);
}

/**
 * `GET <path>`: WeCom's URL verification (app and 智能机器人 alike). It must answer within 1 s,
 * so nothing but the crypto runs on this path.
 */
export function urlVerificationRoute(router: Router, path: string, crypto: WecomCrypto, log: Logger): void {
  router.get(path, (ctx) =>
    guarded(ctx, log, path, async () => {
      const q = echoQuery(ctx);
      ctx.type = 'text/plain';
      ctx.body = crypto.verifyUrl({ msg_signature: q.signature, timestamp: q.timestamp, nonce: q.nonce, echostr: q.echostr });
    }),
  );
}
