import { type SendMsgBody, WSClient, WsCmd, type WsFrame, type WsFrameHeaders } from '@wecom/aibot-node-sdk';
import type { InboundHandler } from '../channel.ts';
import type { Reply } from '../../domain/types.ts';
import type { InboundMessage } from '../../domain/types.ts';
import { PlatformError } from '../../outbox/platform-error.ts';
import { type Logger, logger as rootLogger } from '../../log/log.ts';
import type { JsonBody } from './api-client.ts';
import { AibotPayload, aibotCardClick, aibotInbound, aibotText } from './aibot-inbound.ts';
import { aibotStreamId, lateAibotBody, planAibotReply, updatedCardBody } from './aibot-reply.ts';
import { DEFAULT_REPLY_BUDGET_MS, raceBudget } from './budget.ts';
import { checkResult } from './errcodes.ts';
import { TEXTS } from './texts.ts';
import { systemClock } from '../../domain/clock.ts';

/**
 * The 智能机器人 over its long connection (WeCom doc 101463), through the official SDK, for sites
 * without a public address. The payloads are the HTTP callback's without the encryption, so the
 * parsing and the reply bodies are the HTTP mode's (aibot-inbound, aibot-reply); only the way they
 * travel differs: a reply is a frame carrying the callback's req_id, and what the HTTP mode sends
 * through the single-use response_url goes out here as a proactive aibot_send_msg to the same chat.
 * Connection, heartbeat and reconnection are the SDK's; this module only logs their state.
 */

export interface WecomAibotWsDeps {
  botId: string;
  secret: string;
  /** wss://openws.work.weixin.qq.com, or a private deployment's address. */
  wsUrl: string;
  handle: InboundHandler;
  commandForButton: (taskId: string, eventKey: string) => string | undefined | Promise<string | undefined>;
  /** Records a slow message durably before its answer is late (see the HTTP callback). */
  defer: (inbound: InboundMessage) => Promise<void>;
  logger?: Logger;
  welcomeText?: string;
  replyBudgetMs?: number;
  now?: () => Date;
  /** SDK tuning; tests shorten them. */
  heartbeatMs?: number;
  reconnectBaseMs?: number;
  maxAuthFailures?: number;
  /** How long stop() lets answers being sent finish before it closes the connection. */
  stopGraceMs?: number;
}

export interface WecomAibotWs {
  readonly connected: boolean;
  /** aibot_send_msg: a group's chatid, or a userid for the single chat. Throws PlatformError. */
  sendToChat(chatId: string, markdown: string): Promise<void>;
  /** Stops taking frames, lets answers in flight finish (bounded), closes; no timer is left. */
  stop(): Promise<void>;
}

/** Welcome and card updates must answer within 5 s (SDK README); ours are immediate or skipped. */
const DEFAULT_STOP_GRACE_MS = 5_000;

export function startWecomAibotWs(deps: WecomAibotWsDeps): WecomAibotWs {
  const log = deps.logger ?? rootLogger;
  const now = deps.now ?? systemClock;
  const budget = deps.replyBudgetMs ?? DEFAULT_REPLY_BUDGET_MS;
  const inflight = new Set<Promise<void>>();
  let stopped = false;

  const client = new WSClient({
    botId: deps.botId,
    secret: deps.secret,
    wsUrl: deps.wsUrl,
    // A service must keep trying through an outage; the SDK's default gives up after 10 tries.
    maxReconnectAttempts: -1,
    // A refused secret does not fix itself: a few tries (exponential back-off), then give up loudly.
    maxAuthFailureAttempts: deps.maxAuthFailures ?? 5,
    ...(deps.heartbeatMs ? { heartbeatInterval: deps.heartbeatMs } : {}),
    ...(deps.reconnectBaseMs ? { reconnectInterval: deps.reconnectBaseMs } : {}),
    logger: sdkLogger(log),
  });

  client.on('authenticated', () => log.info({ wsUrl: deps.wsUrl }, 'wecom aibot ws connected and authenticated'));
  client.on('disconnected', (reason) => {
    if (!stopped) log.warn({ reason }, 'wecom aibot ws disconnected; the SDK reconnects');
  });
  client.on('reconnecting', (attempt) => log.info({ attempt }, 'wecom aibot ws reconnecting'));
  client.on('error', (err) => logSdkError(log, err));

  const track = (work: Promise<void>) => {
    const p = work.catch((err: unknown) => log.error({ err }, 'wecom aibot ws frame failed'));
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };
  client.on('message', (frame) => {
    if (!stopped) track(onMessage(frame));
  });
  client.on('event', (frame) => {
    if (!stopped) track(onEvent(frame));
  });

  async function onMessage(frame: WsFrame): Promise<void> {
    const p = payloadOf(frame);
    // Stream refreshes only follow an unfinished stream; ours are finished (or finished later).
    if (!p || p.msgtype === 'stream') return;
    const streamId = aibotStreamId(p.msgid);
    const text = aibotText(p);
    if (text === undefined) {
      await tryReply(frame, streamBody(streamId, TEXTS.onlyText, true));
      return;
    }
    const inbound = aibotInbound(p, text, now());
    const raced = await raceBudget(deps.handle(inbound), budget);
    if (raced.inTime) return answer(frame, inbound, streamId, raced.value, false);
    // Durable first; then an open stream tells the person it is running, and is finished later
    // with the same id on the same req_id.
    await deps.defer(inbound);
    const opened = await tryReply(frame, streamBody(streamId, TEXTS.working, false));
    let replies: Reply[];
    try {
      replies = await raced.late;
    } catch (err) {
      // Do not leave the "正在处理" stream open until WeCom gives up on it.
      if (opened) await tryReply(frame, streamBody(streamId, TEXTS.failed, true));
      throw err;
    }
    return answer(frame, inbound, streamId, replies, opened);
  }

  async function answer(frame: WsFrame, inbound: InboundMessage, streamId: string, replies: Reply[], streamOpen: boolean): Promise<void> {
    const plan = planAibotReply(replies, streamId);
    const passive = plan.passive ?? (streamOpen ? streamBody(streamId, TEXTS.cardDone, true) : undefined);
    if (passive && !(await tryReply(frame, passive))) {
      // The reply frame was refused or lost (connection dropped): say it all in the chat instead.
      await push(inbound.chatId, lateAibotBody(replies));
      return;
    }
    if (plan.late) await push(inbound.chatId, lateAibotBody(plan.late));
  }

  async function onEvent(frame: WsFrame): Promise<void> {
    const type = (frame.body as { event?: { eventtype?: unknown } } | undefined)?.event?.eventtype;
    if (type === 'disconnected_event') {
      // The SDK closes this connection and does not reconnect: another one took the bot over.
      log.error('wecom aibot ws: another connection for the same bot took over (a second instance?); this one stays closed');
      return;
    }
    const p = payloadOf(frame);
    if (!p) return;
    // Text replies are allowed for enter_chat only (WeCom doc 101031).
    if (type === 'enter_chat') {
      await tryReply(frame, { msgtype: 'text', text: { content: deps.welcomeText ?? TEXTS.welcome } }, WsCmd.RESPONSE_WELCOME);
      return;
    }
    if (type === 'template_card_event') await cardClick(frame, p);
  }

  async function cardClick(frame: WsFrame, p: AibotPayload): Promise<void> {
    const click = aibotCardClick(p);
    const command = click ? await deps.commandForButton(click.taskId, click.eventKey) : undefined;
    if (!click || !command) return;
    const inbound = aibotInbound(p, command, now(), { cardId: click.taskId, buttonKey: click.eventKey });
    const raced = await raceBudget(deps.handle(inbound), budget);
    if (!raced.inTime) {
      await deps.defer(inbound);
      await push(inbound.chatId, lateAibotBody(await raced.late));
      return;
    }
    // The card shows the short state; the full answer follows in the chat.
    await tryReply(frame, updatedCardBody(click.taskId, inbound.senderId, raced.value), WsCmd.RESPONSE_UPDATE);
    await push(inbound.chatId, lateAibotBody(raced.value));
  }

  /** A reply frame on the callback's req_id; false when WeCom refused it or it could not be sent. */
  async function tryReply(frame: WsFrameHeaders, body: JsonBody, cmd?: string): Promise<boolean> {
    try {
      await client.reply(frame, body, cmd);
      return true;
    } catch (err) {
      log.warn({ reqId: frame.headers.req_id, cmd: cmd ?? WsCmd.RESPONSE, ...failureOf(err) }, 'wecom aibot ws reply not delivered');
      return false;
    }
  }

  /** The answer the HTTP mode would send through response_url; a failure is logged, as there. */
  async function push(chatId: string, body: JsonBody | undefined): Promise<void> {
    if (!body) return;
    try {
      await send(chatId, body);
    } catch (err) {
      log.warn({ chatId, err }, 'wecom aibot ws follow-up not delivered');
    }
  }

  async function send(chatId: string, body: JsonBody): Promise<void> {
    try {
      // Our bodies are the markdown and template_card shapes SendMsgBody describes.
      await client.sendMessage(chatId, body as unknown as SendMsgBody);
    } catch (err) {
      throw asPlatformError(err);
    }
  }

  log.info({ wsUrl: deps.wsUrl }, 'wecom aibot ws connecting');
  client.connect();

  return {
    get connected() {
      return client.isConnected;
    },
    sendToChat: (chatId, markdown) => send(chatId, { msgtype: 'markdown', markdown: { content: markdown } }),
    async stop() {
      if (stopped) return;
      stopped = true;
      await settleWithin([...inflight], deps.stopGraceMs ?? DEFAULT_STOP_GRACE_MS);
      client.disconnect();
      log.info('wecom aibot ws stopped');
    },
  };
}

function streamBody(id: string, content: string, finish: boolean): JsonBody {
  return { msgtype: 'stream', stream: { id, finish, content } };
}

function payloadOf(frame: WsFrame): AibotPayload | undefined {
  const parsed = AibotPayload.safeParse(frame.body);
  return parsed.success ? parsed.data : undefined;
}

/** The SDK rejects with an Error (not connected, time-out, closed) or with the ack frame (errcode ≠ 0). */
function failureOf(err: unknown): { errcode?: number; errmsg?: string; reason?: string } {
  if (err && typeof err === 'object' && typeof (err as WsFrame).errcode === 'number') {
    const ack = err as WsFrame;
    return { errcode: ack.errcode!, errmsg: String(ack.errmsg ?? '') };
  }
  return { reason: err instanceof Error ? err.message : String(err) };
}

function asPlatformError(err: unknown): PlatformError {
  const f = failureOf(err);
  if (f.errcode !== undefined) {
    try {
      checkResult({ errcode: f.errcode, errmsg: f.errmsg }, 'aibot_send_msg');
    } catch (mapped) {
      if (mapped instanceof PlatformError) return mapped;
    }
  }
  // Not connected, connection closed or no ack in time: the SDK reconnects, the outbox tries again.
  return new PlatformError(`企业微信智能机器人长连接暂时不可用：${f.reason ?? f.errmsg ?? ''}`.slice(0, 200), {
    platform: 'wecom',
    code: 'aibot_ws',
    retryable: true,
  });
}

function logSdkError(log: Logger, err: Error): void {
  const code = (err as { code?: unknown }).code;
  if (code === 'WS_AUTH_FAILURE_EXHAUSTED') {
    log.error('wecom aibot ws: authentication keeps failing, gave up; check WECOM_AIBOT_BOT_ID and WECOM_AIBOT_SECRET, then restart');
  } else if (err.message.startsWith('Authentication failed')) {
    log.error({ reason: err.message }, 'wecom aibot ws: authentication refused; check WECOM_AIBOT_BOT_ID and WECOM_AIBOT_SECRET');
  } else {
    log.warn({ reason: err.message }, 'wecom aibot ws error');
  }
}

/** The SDK's own lines: chatty ones at debug; the actionable errors are logged above. */
function sdkLogger(log: Logger) {
  const line = (message: string, args: unknown[]) =>
    `aibot sdk: ${[message, ...args.map((a) => (a instanceof Error ? a.message : String(a)))].join(' ')}`;
  return {
    debug: (m: string, ...a: unknown[]) => log.trace(line(m, a)),
    info: (m: string, ...a: unknown[]) => log.debug(line(m, a)),
    warn: (m: string, ...a: unknown[]) => log.warn(line(m, a)),
    error: (m: string, ...a: unknown[]) => log.warn(line(m, a)),
  };
}

function settleWithin(work: Promise<unknown>[], ms: number): Promise<void> {
  if (work.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void Promise.allSettled(work).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
