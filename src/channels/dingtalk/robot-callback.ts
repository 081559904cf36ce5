import type Router from '@koa/router';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import type { InboundHandler } from '../channel.ts';
import type { InboundMessage } from '../../domain/types.ts';
import { BadRequestError } from '../bad-request.ts';
import { logger as rootLogger, type Logger } from '../../log/log.ts';
import type { RobotApi } from './api-client.ts';
import { processRobotMessage } from './inbound.ts';
import { MessageOnce } from './once.ts';
import { createReplier } from './reply.ts';
import { interpret, robotMessageSchema, type RobotMessage } from './robot-message.ts';
import { verifyCallbackSign } from './sign.ts';
import { systemMillis } from '../../domain/clock.ts';
import { SignPairLedger } from './sign-pairs.ts';

export interface RobotCallbackDeps {
  /** DINGTALK_APP_SECRET: the key of the callback signature. */
  appSecret: string;
  /** The core entry point; it de-duplicates by (channel, messageId). */
  handle: InboundHandler;
  /**
   * Records the message durably before we answer 200 (Bot.defer with repliesViaOutbox: false), so a
   * crash between the answer and handle() cannot lose it: the core handles it again at start and
   * sends its replies through the outbox. Without it, such a message is lost.
   */
  defer?: (msg: InboundMessage) => Promise<void>;
  /** Reply path once the sessionWebhook has expired. */
  api: RobotApi;
  resolveMention?: (id: string) => string | undefined;
  now?: () => number;
  logger?: Logger;
  /** Largest body accepted; a robot message is a few KiB. */
  bodyLimitBytes?: number;
}

export interface RobotCallbackRoutes {
  /** Resolves when every message accepted so far has been handled and answered (shutdown, tests). */
  idle(): Promise<void>;
}

/**
 * `POST /dingtalk/robot`: the enterprise robot's HTTP callback.
 *
 * We answer HTTP 200 `{"msgtype":"empty"}` as soon as the request is verified and parsed, and deliver
 * replies through the sessionWebhook / robot API, never in the response body. The response body can
 * carry only one message, only if it is ready in time (DingTalk waits a few seconds, and a lowdb write
 * can take over a second at scale), and its delivery is never confirmed to us; the sessionWebhook path
 * has none of these limits, reports errors, and is the same code the Stream mode uses.
 *
 * With `deps.defer` the message is durable before the 200 goes out (see RobotCallbackDeps.defer).
 * Mount no body parser in front of this route: the body is read here, with a limit.
 * Note the signature covers only the timestamp, not the body (DingTalk's design): hence one
 * timestamp/sign pair per msgId (sign-pairs.ts), and replies never go to a sessionWebhook outside
 * the configured oapi host (reply.ts).
 */
export function dingtalkRobotRoutes(router: Router, deps: RobotCallbackDeps): RobotCallbackRoutes {
  const now = deps.now ?? systemMillis;
  const log = deps.logger ?? rootLogger;
  const limit = deps.bodyLimitBytes ?? 64 * 1024;
  const reply = createReplier({ api: deps.api, now, resolveMention: deps.resolveMention, logger: log });
  const pending = new Set<Promise<void>>();
  const once = new MessageOnce();
  const pairs = new SignPairLedger();

  router.post('/dingtalk/robot', async (ctx) => {
    let msg: RobotMessage;
    try {
      msg = await readRobotMessage(ctx, deps.appSecret, limit, now());
      if (!pairs.claim(ctx.get('timestamp'), ctx.get('sign'), msg.msgId, now())) {
        throw new BadRequestError('sign already used for another message', 401);
      }
    } catch (err) {
      if (!(err instanceof BadRequestError)) throw err;
      log.warn({ status: err.status, reason: err.message }, 'dingtalk callback rejected');
      ctx.status = err.status;
      ctx.body = { errcode: err.status, errmsg: err.message };
      return;
    }
    const what = interpret(msg, new Date(now()), deps.api);
    if (what.kind === 'inbound' && deps.defer) {
      // If this fails we answer 500 and have promised nothing; DingTalk may send it again.
      await deps.defer(what.inbound);
    }
    const work = once
      .run(msg.msgId, () => processRobotMessage(msg, what, { handle: deps.handle, reply }))
      .catch((err: unknown) => log.error({ err, msgId: msg.msgId }, 'dingtalk callback handling failed'))
      .finally(() => pending.delete(work));
    pending.add(work);
    ctx.status = 200;
    ctx.body = { msgtype: 'empty' };
  });

  return {
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

async function readRobotMessage(ctx: Context, appSecret: string, limit: number, now: number): Promise<RobotMessage> {
  const check = verifyCallbackSign({
    timestamp: ctx.get('timestamp') || undefined,
    sign: ctx.get('sign') || undefined,
    appSecret,
    now,
  });
  if (!check.ok) throw new BadRequestError(`sign ${check.reason}`, 401);
  let raw: string;
  try {
    raw = await getRawBody(ctx.req, { limit, length: ctx.get('content-length') || undefined, encoding: 'utf8' });
  } catch (err) {
    const tooLarge = (err as { type?: string }).type === 'entity.too.large';
    throw new BadRequestError(tooLarge ? 'body too large' : 'body unreadable', tooLarge ? 413 : 400);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new BadRequestError('body is not JSON', 400);
  }
  const parsed = robotMessageSchema.safeParse(json);
  if (!parsed.success) throw new BadRequestError('not a robot message', 400);
  return parsed.data;
}
