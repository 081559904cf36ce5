import type { Context } from 'koa';
import type { Router } from '@koa/router';
import type { InboundMessage } from '../../domain/types.ts';
import type { InboundHandler } from '../channel.ts';
import type { Reply } from '../../domain/types.ts';
import { type Logger, logger } from '../../log/log.ts';
import { ChannelAttachment } from '../attachment.ts';
import type { WecomApiClient } from './api-client.ts';
import { appInbound, senderOf } from './app-inbound.ts';
import { DEFAULT_BODY_LIMIT, readBody } from './body.ts';
import { DEFAULT_REPLY_BUDGET_MS, raceBudget } from './budget.ts';
import { type SignedQuery, afterResponse, answerEmpty, checkFresh, guarded, signedQuery, urlVerificationRoute } from './callback-http.ts';
import { WecomCrypto } from './crypto.ts';
import { planPassiveText } from './passive-split.ts';
import { cardStateName } from './render.ts';
import { TEXTS } from './texts.ts';
import { type WecomXmlMessage, parseOuterXml, parseXml, passiveTextXml } from './xml.ts';
import { systemClock } from '../../domain/clock.ts';

/**
 * The self-built app callback `GET|POST /wecom/app` (WeCom doc 96466, 96469): URL verification,
 * member messages, card clicks and 微信客服 events. Transport only: the core decides what to answer.
 */

export interface WecomAppDeps {
  token: string;
  encodingAESKey: string;
  /** The receiveid of the app callback. */
  corpId: string;
  handle: InboundHandler;
  /** The command a card button stands for; undefined → the click is ignored. */
  commandForButton: (taskId: string, eventKey: string) => string | undefined | Promise<string | undefined>;
  /**
   * Queues replies that did not fit the passive reply, durably (the outbox), under keys derived
   * from the message so a WeCom retry cannot queue them twice.
   */
  sendLate: (inbound: InboundMessage, replies: Reply[], firstIndex: number) => Promise<void>;
  /**
   * Records a message durably before it is acknowledged without a passive reply, so a crash
   * cannot lose it; its replies then go through the outbox.
   */
  defer: (inbound: InboundMessage) => Promise<void>;
  /** For update_template_card after a click (without it cards keep their buttons) and media/get of a sent file. */
  api?: Pick<WecomApiClient, 'updateTemplateCard'> & Partial<Pick<WecomApiClient, 'downloadMedia'>>;
  /** 微信客服: hands the pull token over to the intake. */
  onKfEvent?: (event: { token: string; openKfId: string }) => void | Promise<void>;
  replyBudgetMs?: number;
  bodyLimitBytes?: number;
  now?: () => Date;
  log?: Logger;
  /** Route path, default /wecom/app. */
  path?: string;
}

export function wecomAppRoutes(router: Router, deps: WecomAppDeps): void {
  const path = deps.path ?? '/wecom/app';
  const crypto = new WecomCrypto(deps.token, deps.encodingAESKey, deps.corpId);
  const log = deps.log ?? logger;

  urlVerificationRoute(router, path, crypto, log);

  router.post(path, (ctx) =>
    guarded(ctx, log, path, async () => {
      const q = signedQuery(ctx);
      const outer = parseOuterXml(await readBody(ctx, deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT));
      const msg = parseXml(crypto.open(q.signature, q.timestamp, q.nonce, outer.encrypt));
      checkFresh(q, (deps.now ?? systemClock)());
      await new AppCallback(deps, crypto, log, ctx, q).dispatch(msg);
    }),
  );
}

/** One callback request: keeps the request's context so the helpers stay short. */
class AppCallback {
  constructor(
    private readonly deps: WecomAppDeps,
    private readonly crypto: WecomCrypto,
    private readonly log: Logger,
    private readonly ctx: Context,
    private readonly q: SignedQuery,
  ) {}

  async dispatch(msg: WecomXmlMessage): Promise<void> {
    const type = msg.MsgType?.trim();
    if (type === 'text') return this.#text(msg);
    if (type === 'event') return this.#event(msg);
    if (type === 'file' && msg.MediaId?.trim() && this.deps.api?.downloadMedia) return this.#file(msg);
    // image, voice, video, location, link, file …: say once that only text is understood.
    return this.#replyText(senderOf(msg), TEXTS.onlyText);
  }

  async #text(msg: WecomXmlMessage): Promise<void> {
    return this.#handle(appInbound(msg, msg.Content ?? '', this.#now()));
  }

  /**
   * A file a member sent (a unit's list): the core gets `导入` with the file attached; the file is
   * downloaded with media/get (WeCom keeps it 3 days) only when the core takes it in.
   */
  async #file(msg: WecomXmlMessage): Promise<void> {
    const api = this.deps.api!;
    const mediaId = msg.MediaId!.trim();
    const name = msg.FileName?.trim() || msg.Title?.trim() || '名单.xlsx';
    const attachment = new ChannelAttachment(name, () => api.downloadMedia!(mediaId));
    return this.#handle({ ...appInbound(msg, '导入', this.#now()), attachment });
  }

  async #handle(inbound: InboundMessage): Promise<void> {
    const from = inbound.senderId;
    const raced = await raceBudget(this.deps.handle(inbound), this.#budget());
    if (!raced.inTime) {
      // Out of time: make the message durable first (WeCom stops retrying once it gets the 200),
      // then the bot sends the replies through the outbox when they are ready.
      await this.deps.defer(inbound);
      raced.late.catch((err: unknown) => this.log.error({ err }, 'wecom late handle failed'));
      return answerEmpty(this.ctx);
    }
    const plan = planPassiveText(raced.value);
    if (plan.late.length) await this.deps.sendLate(inbound, plan.late, plan.passive === undefined ? 0 : 1);
    if (plan.passive === undefined) return answerEmpty(this.ctx);
    this.#replyText(from, plan.passive);
  }

  async #event(msg: WecomXmlMessage): Promise<void> {
    const event = msg.Event?.trim();
    if (event === 'template_card_event') return this.#cardClick(msg);
    if (event === 'kf_msg_or_event') this.#kf(msg);
    answerEmpty(this.ctx);
  }

  async #cardClick(msg: WecomXmlMessage): Promise<void> {
    const taskId = msg.TaskId?.trim();
    const key = msg.EventKey?.trim();
    const from = senderOf(msg);
    const command = taskId && key ? await this.deps.commandForButton(taskId, key) : undefined;
    if (!taskId || !key || !command) return answerEmpty(this.ctx);

    const inbound = appInbound(msg, command, this.#now(), { cardId: taskId, buttonKey: key });
    const responseCode = msg.ResponseCode?.trim();
    // A click is never answered passively: record it durably so its replies go through the
    // outbox in the same transaction as the change it makes.
    await this.deps.defer(inbound);
    const raced = await raceBudget(this.deps.handle(inbound), this.#budget());
    answerEmpty(this.ctx);
    const update = (replies: Reply[]) => (responseCode ? this.#updateCard(from, responseCode, replies) : Promise.resolve());
    if (raced.inTime) afterResponse(this.ctx, this.log, () => update(raced.value));
    else void raced.late.then(update).catch((err: unknown) => this.log.error({ err }, 'wecom late card click failed'));
  }

  async #updateCard(userId: string, responseCode: string, replies: Reply[]): Promise<void> {
    if (!this.deps.api) return;
    const replaceName = cardStateName(replies[0]?.text ?? TEXTS.cardDone);
    try {
      await this.deps.api.updateTemplateCard({ userids: [userId], response_code: responseCode, button: { replace_name: replaceName } });
    } catch (err) {
      // The replies still go out; a card that keeps its buttons is the lesser harm.
      this.log.warn({ err }, 'wecom update_template_card failed');
    }
  }

  #kf(msg: WecomXmlMessage): void {
    const token = msg.Token?.trim();
    const openKfId = msg.OpenKfId?.trim();
    const onKf = this.deps.onKfEvent;
    if (!token || !openKfId || !onKf) return;
    // Not awaited: the intake pulls messages at its own pace; WeCom only needs the 200.
    void Promise.resolve()
      .then(() => onKf({ token, openKfId }))
      .catch((err: unknown) => this.log.error({ err }, 'wecom kf intake failed'));
  }

  #replyText(toUser: string, content: string): void {
    const xml = passiveTextXml({ toUser, fromCorp: this.deps.corpId, createTime: this.#now().getTime() / 1000, content });
    this.ctx.type = 'application/xml';
    this.ctx.body = this.crypto.encryptReplyXml(xml, this.q.timestamp, this.q.nonce);
    this.ctx.status = 200;
  }

  #now(): Date {
    return (this.deps.now ?? systemClock)();
  }

  #budget(): number {
    return this.deps.replyBudgetMs ?? DEFAULT_REPLY_BUDGET_MS;
  }
}
