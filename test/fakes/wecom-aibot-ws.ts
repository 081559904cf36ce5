import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A fake 智能机器人 long-connection server (WeCom doc 101463) on 127.0.0.1 and a random port.
 * Frames are `{cmd, headers:{req_id}, body}`; every request is answered with an ack
 * `{headers:{req_id}, errcode, errmsg}`: aibot_subscribe (checks bot_id and secret), ping, the three
 * reply commands and aibot_send_msg. Pushes aibot_msg_callback / aibot_event_callback on demand.
 */

export interface ReceivedFrame {
  /** Which connection (1, 2, …) sent it. */
  conn: number;
  cmd: string;
  reqId: string;
  body: Record<string, unknown> | undefined;
}

export interface FakeAibotWsOptions {
  botId?: string;
  secret?: string;
}

interface Conn {
  id: number;
  socket: WebSocket;
  authed: boolean;
}

const REPLY_CMDS = new Set(['aibot_respond_msg', 'aibot_respond_welcome_msg', 'aibot_respond_update_msg', 'aibot_send_msg']);

export class FakeAibotWsServer {
  readonly botId: string;
  readonly secret: string;
  readonly frames: ReceivedFrame[] = [];
  /** Connections opened so far (including closed ones). */
  opened = 0;
  readonly #conns = new Set<Conn>();
  #next = 0;
  /** errcode for the next acks of a command (then ok again). */
  readonly #ackErrors = new Map<string, number[]>();

  private constructor(
    private readonly wss: WebSocketServer,
    options: FakeAibotWsOptions,
  ) {
    this.botId = options.botId ?? 'aib-fake-bot';
    this.secret = options.secret ?? 'fake-aibot-secret';
    wss.on('connection', (socket) => this.#accept(socket));
  }

  static async start(options: FakeAibotWsOptions = {}): Promise<FakeAibotWsServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return new FakeAibotWsServer(wss, options);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  /** Open connections that passed aibot_subscribe. */
  get authedCount(): number {
    return [...this.#conns].filter((c) => c.authed).length;
  }

  get openCount(): number {
    return this.#conns.size;
  }

  framesOf(cmd: string): ReceivedFrame[] {
    return this.frames.filter((f) => f.cmd === cmd);
  }

  /** The next acks of `cmd` carry these errcodes. */
  failNext(cmd: string, ...errcodes: number[]): void {
    this.#ackErrors.set(cmd, [...(this.#ackErrors.get(cmd) ?? []), ...errcodes]);
  }

  /** aibot_msg_callback on the newest authenticated connection; returns the req_id. */
  pushMessage(body: Record<string, unknown>): string {
    return this.#push('aibot_msg_callback', body);
  }

  pushEvent(body: Record<string, unknown>): string {
    return this.#push('aibot_event_callback', body);
  }

  /** Kills every connection without a close handshake (a network drop). */
  dropConnections(): void {
    for (const c of this.#conns) c.socket.terminate();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  #push(cmd: string, body: Record<string, unknown>): string {
    const conn = [...this.#conns].reverse().find((c) => c.authed);
    if (!conn) throw new Error('no authenticated connection');
    const reqId = `push-${++this.#next}`;
    conn.socket.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  }

  #accept(socket: WebSocket): void {
    const conn: Conn = { id: ++this.opened, socket, authed: false };
    this.#conns.add(conn);
    socket.on('close', () => this.#conns.delete(conn));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { cmd?: string; headers?: { req_id?: string }; body?: Record<string, unknown> };
      const cmd = frame.cmd ?? '';
      const reqId = frame.headers?.req_id ?? '';
      this.frames.push({ conn: conn.id, cmd, reqId, body: frame.body });
      const ack = (errcode: number, errmsg = errcode === 0 ? 'ok' : 'error') =>
        socket.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg }));
      if (cmd === 'aibot_subscribe') {
        conn.authed = frame.body?.bot_id === this.botId && frame.body?.secret === this.secret;
        return conn.authed ? ack(0) : ack(40058, 'invalid bot_id or secret');
      }
      if (!conn.authed) return ack(40058, 'not subscribed');
      if (cmd === 'ping') return ack(0);
      if (REPLY_CMDS.has(cmd)) {
        const queued = this.#ackErrors.get(cmd);
        const code = queued?.shift() ?? 0;
        return ack(code);
      }
      ack(40058, `unknown cmd ${cmd}`);
    });
  }
}
