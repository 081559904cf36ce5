import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import type { InboundHandler } from '../channel.ts';
import { logger as rootLogger, type Logger } from '../../log/log.ts';
import { DEFAULT_API_BASE, type RobotApi } from './api-client.ts';
import { processRobotMessage } from './inbound.ts';
import { MessageOnce } from './once.ts';
import { createReplier } from './reply.ts';
import { interpret, robotMessageSchema } from './robot-message.ts';
import { systemMillis } from '../../domain/clock.ts';
import { routeGatewayThrough } from './stream-gateway.ts';

export interface DingtalkStreamDeps {
  /** DINGTALK_APP_KEY */
  clientId: string;
  /** DINGTALK_APP_SECRET */
  clientSecret: string;
  /** DINGTALK_API_BASE: the gateway request goes here (stream-gateway.ts), not to a constant host. */
  apiBase?: string;
  /** The gateway request's time-out (the SDK's own request has none). */
  gatewayTimeoutMs?: number;
  /** The core entry point; it de-duplicates re-pushed messages by msgId. */
  handle: InboundHandler;
  /** Reply path once the sessionWebhook has expired. */
  api: RobotApi;
  resolveMention?: (id: string) => string | undefined;
  /** The SDK's ping/pong liveness check (8 s); a dead socket is then closed and reconnected. */
  keepAlive?: boolean;
  now?: () => number;
  logger?: Logger;
  /** How often the connection state is looked at for the log. */
  statePollMs?: number;
}

export interface DingtalkStream {
  readonly client: DWClient;
  stop(): void;
}

/**
 * Stream mode: DingTalk pushes robot messages over a WebSocket the official SDK keeps open (it also
 * reconnects, 1 s after a drop). Each message is acked only after handle() resolved and its replies
 * were attempted: a message we crash on stays un-acked and may be pushed again, and the core's
 * de-duplication makes that second push harmless.
 */
export function startDingtalkStream(deps: DingtalkStreamDeps): DingtalkStream {
  const log = deps.logger ?? rootLogger;
  const now = deps.now ?? systemMillis;
  const reply = createReplier({ api: deps.api, now, resolveMention: deps.resolveMention, logger: log });
  const client = new DWClient({ clientId: deps.clientId, clientSecret: deps.clientSecret, keepAlive: deps.keepAlive ?? true });
  routeGatewayThrough(client, {
    apiBase: deps.apiBase ?? DEFAULT_API_BASE,
    http: { fetch: globalThis.fetch, timeoutMs: deps.gatewayTimeoutMs ?? 10_000 },
    logger: log,
  });
  const once = new MessageOnce();
  let stopped = false;

  // The SDK retries with setTimeout(() => this.connect()) and cannot cancel that timer; a retry firing
  // after stop() would open a new connection. Guarding the instance's connect closes that hole.
  const connect = client.connect.bind(client);
  client.connect = () => (stopped ? Promise.resolve() : connect());

  client.registerCallbackListener(TOPIC_ROBOT, (frame: DWClientDownStream) => {
    void onRobotFrame(frame);
  });

  async function onRobotFrame(frame: DWClientDownStream): Promise<void> {
    const messageId = frame.headers.messageId;
    const parsed = robotMessageSchema.safeParse(parseJson(frame.data));
    if (!parsed.success) {
      // A malformed push never becomes valid: ack it so it is not pushed again.
      log.warn({ messageId }, 'dingtalk stream: not a robot message, dropped');
      ack(messageId);
      return;
    }
    try {
      const msg = parsed.data;
      await once.run(msg.msgId, () => processRobotMessage(msg, interpret(msg, new Date(now()), deps.api), { handle: deps.handle, reply }));
    } catch (err) {
      log.error({ err, messageId, msgId: parsed.data.msgId }, 'dingtalk stream: handling failed, not acked');
      return;
    }
    if (!stopped) ack(messageId);
  }

  function ack(messageId: string): void {
    try {
      client.socketCallBackResponse(messageId, null);
    } catch (err) {
      // The socket is reconnecting: the push stays un-acked and may come again (de-duplicated).
      log.warn({ err, messageId }, 'dingtalk stream: ack not sent');
    }
  }

  // The SDK emits no connection events; its flags are polled so the log shows drops and recoveries.
  let state = 'starting';
  const poll = setInterval(() => {
    const next = client.connected ? (client.registered ? 'registered' : 'connected') : 'disconnected';
    if (next === state) return;
    if (next === 'disconnected') log.warn('dingtalk stream disconnected; the SDK reconnects');
    else log.info({ state: next }, 'dingtalk stream connection');
    state = next;
  }, deps.statePollMs ?? 5_000);
  poll.unref();

  // Not awaited: start-up must not wait for DingTalk.
  // connect() never rejects; on failure it retries by itself.
  log.info('dingtalk stream connecting');
  void client.connect();

  return {
    client,
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(poll);
      client.disconnect();
      log.info('dingtalk stream stopped');
    },
  };
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}
