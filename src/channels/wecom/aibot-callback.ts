import type { Context } from 'koa';
import type { Router } from '@koa/router';
import type { InboundHandler } from '../channel.ts';
import type { Reply } from '../../domain/types.ts';
import type { InboundMessage } from '../../domain/types.ts';
import { BadRequestError } from '../bad-request.ts';
import { type Logger, logger } from '../../log/log.ts';
import { hostOf } from '../reply-url.ts';
import type { JsonBody, WecomApiClient } from './api-client.ts';
import { type AibotPayload, aibotCardClick, aibotInbound, aibotText, parseAibotPayload } from './aibot-inbound.ts';
import { aibotStreamId, lateAibotBody, planAibotReply, updatedCardBody } from './aibot-reply.ts';
import { DEFAULT_BODY_LIMIT, readBody } from './body.ts';
import { DEFAULT_REPLY_BUDGET_MS, raceBudget } from './budget.ts';
import { type SignedQuery, afterResponse, answerEmpty, checkFresh, guarded, signedQuery, urlVerificationRoute } from './callback-http.ts';
import { WecomCrypto } from './crypto.ts';
import { TEXTS } from './texts.ts';
import { systemClock } from '../../domain/clock.ts';

/**
 * The 智能机器人 callback `GET|POST /wecom/aibot` (WeCom doc 100719, 101031, 101033): encrypted
 * JSON with receiveid "". Group @-mentions reach the bot only this way. De-duplication is the core's.
 */

export interface WecomAibotDeps {
  token: string;
  encodingAESKey: string;
  handle: InboundHandler;
  commandForButton: (taskId: string, eventKey: string) => string | undefined | Promise<string | undefined>;
  /** Records a message durably before it is acknowledged without an answer (see app-callback). */
  defer: (inbound: InboundMessage) => Promise<void>;
  /** Delivers through a message's response_url when the passive reply was missed. */
  api: Pick<WecomApiClient, 'postResponseUrl' | 'ownsResponseUrl'>;
  /**
   * Queues replies for the sender's chat through the outbox (the token-authenticated API): used when
   * a callback's response_url is not on the configured API host (reply-url.ts).
   */
  sendLate: (inbound: InboundMessage, replies: Reply[], firstIndex: number) => Promise<void>;
  replyBudgetMs?: number;
  bodyLimitBytes?: number;
  welcomeText?: string;
  now?: () => Date;
  log?: Logger;
  /** Route path, default /wecom/aibot. */
  path?: string;
}

/** The aibot's receiveid is empty (WeCom doc 101033). */
const AIBOT_RECEIVE_ID = '';

export function wecomAibotRoutes(router: Router, deps: WecomAibotDeps): void {
  const path = deps.path ?? '/wecom/aibot';
  const crypto = new WecomCrypto(deps.token, deps.encodingAESKey, AIBOT_RECEIVE_ID);
  const log = deps.log ?? logger;

  urlVerificationRoute(router, path, crypto, log);

  router.post(path, (ctx) =>
    guarded(ctx, log, path, async () => {
      const q = signedQuery(ctx);
      const encrypted = envelopeEncrypt(await readBody(ctx, deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT));
      const payload = parseAibotPayload(crypto.open(q.signature, q.timestamp, q.nonce, encrypted));
      checkFresh(q, (deps.now ?? systemClock)());
      await new AibotCallback(deps, crypto, log, ctx, q).dispatch(payload);
    }),
  );
}

function envelopeEncrypt(body: string): string {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new BadRequestError('请求体不是合法的 JSON', 400);
  }
  const encrypt = data && typeof data === 'object' ? (data as { encrypt?: unknown }).encrypt : undefined;
  if (typeof encrypt !== 'string' || !encrypt) throw new BadRequestError('请求体缺少 encrypt', 400);
  return encrypt;
}

class AibotCallback {
  constructor(
    private readonly deps: WecomAibotDeps,
    private readonly crypto: WecomCrypto,
    private readonly log: Logger,
    private readonly ctx: Context,
    private readonly q: SignedQuery,
  ) {}

  async dispatch(p: AibotPayload): Promise<void> {
    if (p.msgtype === 'event') return this.#event(p);
    // Stream refreshes only follow an unfinished stream; ours are always finished.
    if (p.msgtype === 'stream') return answerEmpty(this.ctx);
    const text = aibotText(p);
    if (text === undefined) {
      return this.#reply({ msgtype: 'stream', stream: { id: this.#streamId(p), finish: true, content: TEXTS.onlyText } });
    }
    return this.#message(p, aibotInbound(p, text, this.#now()));
  }

  async #message(p: AibotPayload, inbound: InboundMessage): Promise<void> {
    const raced = await raceBudget(this.deps.handle(inbound), this.#budget());
    if (!raced.inTime) {
      // Durable before the empty answer, so a crash cannot lose it; the answer itself still goes
      // through the response_url (after a restart, through the outbox to the chat).
      await this.deps.defer(inbound);
      answerEmpty(this.ctx);
      void raced.late.then((replies) => this.#respondLate(p, inbound, replies)).catch((err: unknown) => this.log.error({ err }, 'wecom aibot late handle failed'));
      return;
    }
    const plan = planAibotReply(raced.value, this.#streamId(p));
    if (plan.late) {
      const late = plan.late;
      afterResponse(this.ctx, this.log, () => this.#respondLate(p, inbound, late));
    }
    if (plan.passive) this.#reply(plan.passive);
    else answerEmpty(this.ctx);
  }

  async #event(p: AibotPayload): Promise<void> {
    const type = p.event?.eventtype;
    // Text replies are allowed for enter_chat only (WeCom doc 101031).
    if (type === 'enter_chat') return this.#reply({ msgtype: 'text', text: { content: this.deps.welcomeText ?? TEXTS.welcome } });
    if (type === 'template_card_event') return this.#cardClick(p);
    answerEmpty(this.ctx);
  }

  async #cardClick(p: AibotPayload): Promise<void> {
    const click = aibotCardClick(p);
    const command = click ? await this.deps.commandForButton(click.taskId, click.eventKey) : undefined;
    if (!click || !command) return answerEmpty(this.ctx);
    const inbound = aibotInbound(p, command, this.#now(), { cardId: click.taskId, buttonKey: click.eventKey });
    const raced = await raceBudget(this.deps.handle(inbound), this.#budget());
    if (!raced.inTime) {
      await this.deps.defer(inbound);
      answerEmpty(this.ctx);
      void raced.late.then((replies) => this.#respondLate(p, inbound, replies)).catch((err: unknown) => this.log.error({ err }, 'wecom aibot late card click failed'));
      return;
    }
    // The card shows the short state; the full answer follows through the response_url.
    const replies: Reply[] = raced.value;
    afterResponse(this.ctx, this.log, () => this.#respondLate(p, inbound, replies));
    this.#reply(updatedCardBody(click.taskId, inbound.senderId, replies));
  }

  /** Replies that missed the passive answer: one response_url call, or the outbox if the URL is not WeCom's. */
  async #respondLate(p: AibotPayload, inbound: InboundMessage, replies: Reply[]): Promise<void> {
    const body = lateAibotBody(replies);
    if (!body) return;
    if (!p.response_url) {
      this.log.warn({ msgid: p.msgid }, 'wecom aibot reply dropped: no response_url');
      return;
    }
    if (!this.deps.api.ownsResponseUrl(p.response_url)) {
      this.log.warn({ msgid: p.msgid, host: hostOf(p.response_url) }, 'wecom aibot response_url refused: not the configured API host');
      await this.deps.sendLate(inbound, replies, 0);
      return;
    }
    await this.deps.api.postResponseUrl(p.response_url, body);
  }

  #reply(body: JsonBody): void {
    this.ctx.type = 'application/json';
    this.ctx.body = this.crypto.encryptReplyJson(body, this.q.timestamp, this.q.nonce);
    this.ctx.status = 200;
  }

  #streamId(p: AibotPayload): string {
    return aibotStreamId(p.msgid);
  }

  #now(): Date {
    return (this.deps.now ?? systemClock)();
  }

  #budget(): number {
    return this.deps.replyBudgetMs ?? DEFAULT_REPLY_BUDGET_MS;
  }
}
