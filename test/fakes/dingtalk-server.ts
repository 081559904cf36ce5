/**
 * Fakes of DingTalk for tests, on 127.0.0.1 with random ports:
 * - `FakeDingtalkServer`: the HTTP APIs the bot calls (token, robot group / single send, a
 *   sessionWebhook, the custom-robot webhook with 加签 and its 20/min throttle, oapi media/upload,
 *   messageFiles/download and the download URL it gives, and 免登 (oauth2/auth, userAccessToken,
 *   contact/users/me, topapi/user/getbyunionid: oauth-login.ts), with injectable failures and a record of
 *   every call.
 * - `FakeStreamGateway`: the Stream mode gateway (reference §7.2): the connections/open request and
 *   the WebSocket it hands out, on loopback, reached through DINGTALK_API_BASE.
 * - helpers to build robot messages and signed HTTP callbacks.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeSignIn } from './oauth-login.ts';

export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
  at: number;
  /** What the fake answered (unset while it hangs): lets a test count what was really accepted. */
  answered?: { status: number; body: unknown };
}

export type Failure = 'http500' | 'http429' | 'token-invalid' | 'hang';

export interface FakeDingtalkOptions {
  appKey?: string;
  appSecret?: string;
  robotCode?: string;
  /** Seconds, as DingTalk answers it. */
  expireIn?: number;
  /** Custom robots: access_token → secret (undefined: a robot without 加签). */
  customRobots?: Record<string, string | undefined>;
  /** staffIds the batchSend answers as invalid. */
  unknownStaffIds?: string[];
  now?: () => number;
}

const TOKEN_PATH = '/v1.0/oauth2/accessToken';
const SESSION_PATH = '/robot/sendBySession';

function sign(timestamp: string | number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export class FakeDingtalkServer {
  readonly calls: FakeCall[] = [];
  readonly appKey: string;
  readonly appSecret: string;
  readonly robotCode: string;
  private readonly validTokens = new Set<string>();
  private tokenCount = 0;
  private readonly failures: { left: number; failure: Failure; path: string | undefined; skip: number }[] = [];
  private readonly hung = new Set<ServerResponse>();
  private readonly expiredSessions = new Set<string>();
  private readonly robotSends = new Map<string, number[]>();
  private readonly throttledUntil = new Map<string, number>();
  private readonly now: () => number;
  /** Files uploaded with media/upload, by media_id. */
  readonly media = new Map<string, { name: string; bytes: Buffer }>();
  private readonly downloads = new Map<string, { name: string; bytes: Buffer }>();
  private fileCount = 0;
  /** 免登: who is using the DingTalk client (signIn.signInAs), and the user tokens handed out. */
  readonly signIn = new FakeSignIn();
  private readonly userTokens = new Map<string, string>();

  private constructor(private readonly server: Server, private readonly opts: FakeDingtalkOptions) {
    this.appKey = opts.appKey ?? 'ding-app-key';
    this.appSecret = opts.appSecret ?? 'ding-app-secret';
    this.robotCode = opts.robotCode ?? 'ding-robot-code';
    this.now = opts.now ?? Date.now;
  }

  static async start(opts: FakeDingtalkOptions = {}): Promise<FakeDingtalkServer> {
    let fake: FakeDingtalkServer | undefined;
    const server = createServer((req, res) => void fake!.onRequest(req, res));
    fake = new FakeDingtalkServer(server, opts);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * The next `n` calls (to `path`, or to any path but the token endpoint) fail this way,
   * after `after` matching calls have gone through.
   */
  failNext(n: number, failure: Failure, path?: string, opts: { after?: number } = {}): void {
    this.failures.push({ left: n, failure, path, skip: opts.after ?? 0 });
  }

  /** Every token issued so far stops working, as after DingTalk's 2-hour expiry. */
  expireTokens(): void {
    this.validTokens.clear();
  }

  sessionWebhookUrl(session: string = randomUUID()): string {
    return `${this.baseUrl}${SESSION_PATH}?session=${session}`;
  }

  expireSession(session: string): void {
    this.expiredSessions.add(session);
  }

  /** A file as if a person had sent it to the robot: the downloadCode of its message. */
  addDownload(name: string, bytes: Uint8Array): string {
    const code = `dl-${++this.fileCount}`;
    this.downloads.set(code, { name, bytes: Buffer.from(bytes) });
    return code;
  }

  callsTo(path: string): FakeCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Set by FakeStreamGateway.serveOn: answers connections/open here too. */
  streamGateway?: { open(body: unknown): { endpoint: string; ticket: string } };

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(Buffer.concat(chunks)), { headers: { 'content-type': contentType } }).formData();
      const parts: Record<string, unknown> = {};
      for (const [k, v] of form.entries()) parts[k] = typeof v === 'string' ? v : { name: v.name, bytes: Buffer.from(await v.arrayBuffer()) };
      body = parts;
    } else {
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
    }
    const call: FakeCall = {
      method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams),
      headers: req.headers, body, at: this.now(),
    };
    this.calls.push(call);
    answered.set(res, call);

    const failure = this.takeFailure(call.path);
    if (failure === 'hang') {
      this.hung.add(res);
      return;
    }
    if (failure === 'http500') return send(res, 500, { code: 'ServiceUnavailable', message: 'fake 500' });
    if (failure === 'http429') return send(res, 429, { code: 'Throttling', message: 'fake 429' }, { 'retry-after': '3' });
    if (failure === 'token-invalid') return send(res, 401, { code: 'InvalidAuthentication', message: '不合法的access_token' });

    switch (call.path) {
      case TOKEN_PATH: return this.token(res, body);
      case GATEWAY_PATH:
        // A private deployment serves the Stream gateway at the same API base (FakeStreamGateway.serveOn).
        return this.streamGateway ? send(res, 200, this.streamGateway.open(body)) : send(res, 404, { code: 'NotFound' });
      case '/v1.0/robot/groupMessages/send': return this.robotApi(res, call, 'group');
      case '/v1.0/robot/oToMessages/batchSend': return this.robotApi(res, call, 'single');
      case SESSION_PATH: return this.session(res, call);
      case '/robot/send': return this.customRobot(res, call);
      case '/media/upload': return this.upload(res, call);
      case '/v1.0/robot/messageFiles/download': return this.downloadUrl(res, call);
      case '/oauth2/auth': return this.signIn.authorize(res, call.query, 'authCode');
      case '/v1.0/oauth2/userAccessToken': return this.userAccessToken(res, call);
      case '/v1.0/contact/users/me': return this.usersMe(res, call);
      case '/topapi/user/getbyunionid': return this.byUnionId(res, call);
      default:
        if (call.path.startsWith('/files/')) return this.file(res, call);
        return send(res, 404, { code: 'NotFound' });
    }
  }

  private takeFailure(path: string): Failure | undefined {
    const entry = this.failures.find((f) => f.left > 0 && (f.path ? f.path === path : path !== TOKEN_PATH));
    if (!entry) return undefined;
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    entry.left -= 1;
    return entry.failure;
  }

  private token(res: ServerResponse, body: unknown): void {
    const b = body as { appKey?: string; appSecret?: string } | undefined;
    if (b?.appKey !== this.appKey || b?.appSecret !== this.appSecret) {
      return send(res, 400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
    }
    const token = `fake-token-${++this.tokenCount}`;
    this.validTokens.add(token);
    send(res, 200, { accessToken: token, expireIn: this.opts.expireIn ?? 7200 });
  }

  /** v1.0/oauth2/userAccessToken: the app's clientId/secret and a single-use authCode. */
  private userAccessToken(res: ServerResponse, call: FakeCall): void {
    const b = call.body as { clientId?: string; clientSecret?: string; code?: string; grantType?: string } | undefined;
    if (b?.clientId !== this.appKey || b?.clientSecret !== this.appSecret) return send(res, 400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
    const user = b.grantType === 'authorization_code' ? this.signIn.redeem(b.code) : undefined;
    if (!user) return send(res, 400, { code: 'invalidAuthCode', message: '不合法的临时授权码' });
    const token = `user-token-${++this.tokenCount}`;
    this.userTokens.set(token, user);
    send(res, 200, { accessToken: token, refreshToken: `refresh-${token}`, expireIn: 7200 });
  }

  /** v1.0/contact/users/me with the user's token: the unionId. */
  private usersMe(res: ServerResponse, call: FakeCall): void {
    const user = this.userTokens.get(String(call.headers['x-acs-dingtalk-access-token'] ?? ''));
    if (!user) return send(res, 401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
    send(res, 200, { nick: '钉钉用户', unionId: `union-${user}` });
  }

  /** oapi topapi/user/getbyunionid with the app's token: the staff userid. */
  private byUnionId(res: ServerResponse, call: FakeCall): void {
    if (!this.validTokens.has(call.query.access_token ?? '')) return send(res, 200, { errcode: 40014, errmsg: '不合法的access_token' });
    const unionid = (call.body as { unionid?: string } | undefined)?.unionid ?? '';
    if (!unionid.startsWith('union-')) return send(res, 200, { errcode: 60121, errmsg: '找不到该用户' });
    send(res, 200, { errcode: 0, errmsg: 'ok', result: { contact_type: 0, userid: unionid.slice('union-'.length) } });
  }

  private robotApi(res: ServerResponse, call: FakeCall, kind: 'group' | 'single'): void {
    const token = call.headers['x-acs-dingtalk-access-token'];
    if (typeof token !== 'string' || !this.validTokens.has(token)) {
      return send(res, 401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
    }
    const b = call.body as { robotCode?: string; msgKey?: string; msgParam?: string; openConversationId?: string; userIds?: string[] };
    if (b.robotCode !== this.robotCode || !b.msgKey || typeof b.msgParam !== 'string') {
      return send(res, 400, { code: 'invalidParameter', message: 'robotCode/msgKey/msgParam' });
    }
    if (Buffer.byteLength(b.msgParam, 'utf8') > 15_000) return send(res, 400, { code: 'param.msgParam.tooLong' });
    if (b.msgKey === 'sampleFile') {
      const p = JSON.parse(b.msgParam) as { mediaId?: string; fileName?: string; fileType?: string };
      if (!p.mediaId || !this.media.has(p.mediaId) || !p.fileName || !p.fileType) return send(res, 400, { code: 'invalidParameter', message: 'sampleFile' });
    }
    if (kind === 'group') {
      if (!b.openConversationId) return send(res, 400, { code: 'invalidParameter', message: 'openConversationId' });
      return send(res, 200, { processQueryKey: randomUUID() });
    }
    if (!Array.isArray(b.userIds) || b.userIds.length === 0 || b.userIds.length > 20) {
      return send(res, 400, { code: 'invalidParameter', message: 'userIds' });
    }
    const unknown = new Set(this.opts.unknownStaffIds ?? []);
    send(res, 200, {
      processQueryKey: randomUUID(),
      invalidStaffIdList: b.userIds.filter((id) => unknown.has(id)),
      flowControlledStaffIdList: [],
    });
  }

  /** oapi media/upload: the access token in the query, the file in the multipart field `media`. */
  private upload(res: ServerResponse, call: FakeCall): void {
    if (!this.validTokens.has(call.query.access_token ?? '')) return send(res, 200, { errcode: 40014, errmsg: '不合法的access_token' });
    const file = (call.body as Record<string, unknown> | undefined)?.media as { name: string; bytes: Buffer } | undefined;
    if (!file || call.query.type !== 'file') return send(res, 200, { errcode: 40004, errmsg: '不合法的媒体文件类型' });
    const id = `@lAz-${++this.fileCount}`;
    this.media.set(id, file);
    send(res, 200, { errcode: 0, errmsg: 'ok', type: 'file', media_id: id, created_at: this.now() });
  }

  private downloadUrl(res: ServerResponse, call: FakeCall): void {
    const token = call.headers['x-acs-dingtalk-access-token'];
    if (typeof token !== 'string' || !this.validTokens.has(token)) return send(res, 401, { code: 'InvalidAuthentication' });
    const b = call.body as { downloadCode?: string; robotCode?: string };
    if (b.robotCode !== this.robotCode || !b.downloadCode || !this.downloads.has(b.downloadCode)) return send(res, 400, { code: 'invalidParameter', message: 'downloadCode' });
    send(res, 200, { downloadUrl: `${this.baseUrl}/files/${b.downloadCode}?sig=fake` });
  }

  private file(res: ServerResponse, call: FakeCall): void {
    const f = this.downloads.get(call.path.slice('/files/'.length));
    if (!f) return send(res, 404, { code: 'NotFound' });
    call.answered = { status: 200, body: `<${f.bytes.length} bytes>` };
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(f.bytes);
  }

  private session(res: ServerResponse, call: FakeCall): void {
    // The real error code of an expired session is unknown; this one is the fake's own.
    if (this.expiredSessions.has(call.query.session ?? '')) return send(res, 200, { errcode: 300001, errmsg: 'session expired (fake)' });
    send(res, 200, { errcode: 0, errmsg: 'ok' });
  }

  private customRobot(res: ServerResponse, call: FakeCall): void {
    const token = call.query.access_token ?? '';
    const robots = this.opts.customRobots ?? {};
    if (!(token in robots)) return send(res, 200, { errcode: 300001, errmsg: 'token is not exist' });
    const secret = robots[token];
    if (secret) {
      const ts = call.query.timestamp ?? '';
      if (Math.abs(this.now() - Number(ts)) > 3_600_000 || call.query.sign !== sign(ts, secret)) {
        return send(res, 200, { errcode: 310000, errmsg: 'sign not match' });
      }
    }
    const now = this.now();
    if ((this.throttledUntil.get(token) ?? 0) > now) return send(res, 200, { errcode: 130101, errmsg: 'send too fast' });
    const recent = (this.robotSends.get(token) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= 20) {
      this.throttledUntil.set(token, now + 10 * 60_000);
      return send(res, 200, { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
    }
    recent.push(now);
    this.robotSends.set(token, recent);
    send(res, 200, { errcode: 0, errmsg: 'ok' });
  }
}

/** The call each response answers, so `send` can record the answer on it. */
const answered = new WeakMap<ServerResponse, FakeCall>();

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const call = answered.get(res);
  if (call) call.answered = { status, body };
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

// ---------------------------------------------------------------------------------------------
// Stream gateway

export const GATEWAY_PATH = '/v1.0/gateway/connections/open';
export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';

export interface AckFrame {
  code: number;
  headers: { contentType?: string; messageId: string };
  message: string;
  data: string;
}

/**
 * The Stream gateway on one loopback HTTP server, as DingTalk splits it: `POST GATEWAY_PATH` takes
 * the credentials and subscriptions and answers `{ endpoint, ticket }`; the endpoint is a real
 * WebSocket on the same port that accepts that ticket only. The client reaches it through
 * DINGTALK_API_BASE = `baseUrl`, as a private deployment would.
 */
export class FakeStreamGateway {
  /** Bodies the client posted to the gateway endpoint. */
  readonly openRequests: unknown[] = [];
  /** Every frame the client sent up, parsed, with the time it arrived. */
  readonly upFrames: { frame: AckFrame; at: number }[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly waiters: (() => void)[] = [];
  private readonly ticket = `ticket-${randomUUID()}`;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
  ) {}

  /** `http://127.0.0.1:<port>`: what DINGTALK_API_BASE is set to. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  static async start(): Promise<FakeStreamGateway> {
    const server = createServer();
    const wss = new WebSocketServer({ server, path: '/connect' });
    const gateway = new FakeStreamGateway(server, wss);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== GATEWAY_PATH) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(gateway.open(JSON.parse(text) as unknown)));
      });
    });
    wss.on('connection', (socket, req) => {
      const ticket = new URL(req.url ?? '/', 'ws://x').searchParams.get('ticket');
      if (ticket !== gateway.ticket) {
        socket.close(4001, 'bad ticket');
        return;
      }
      gateway.sockets.add(socket);
      socket.on('close', () => gateway.sockets.delete(socket));
      socket.on('message', (data) => {
        gateway.upFrames.push({ frame: JSON.parse(String(data)) as AckFrame, at: Date.now() });
        gateway.wake();
      });
      gateway.wake();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return gateway;
  }

  /** The connections/open answer: records the request and hands out the socket and its ticket. */
  open(body: unknown): { endpoint: string; ticket: string } {
    this.openRequests.push(body);
    return { endpoint: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/connect`, ticket: this.ticket };
  }

  /** Lets the DingTalk API fake answer connections/open as well (one API base, as in a deployment). */
  serveOn(api: FakeDingtalkServer): void {
    api.streamGateway = this;
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  /** Pushes a robot message as a CALLBACK frame to every connected client; returns the frame's messageId. */
  pushRobotMessage(robotMessage: unknown, messageId = `stream-${randomUUID()}`): string {
    const frame = {
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: {
        appId: 'fake-app', connectionId: 'fake-conn', contentType: 'application/json',
        messageId, time: String(Date.now()), topic: TOPIC_ROBOT,
      },
      data: JSON.stringify(robotMessage),
    };
    for (const socket of this.sockets) socket.send(JSON.stringify(frame));
    return messageId;
  }

  acksFor(messageId: string): { frame: AckFrame; at: number }[] {
    return this.upFrames.filter((f) => f.frame.headers?.messageId === messageId);
  }

  async waitForConnection(timeoutMs = 5_000): Promise<void> {
    await this.waitFor(() => this.sockets.size > 0, timeoutMs, 'no stream connection');
  }

  async waitForAck(messageId: string, timeoutMs = 5_000): Promise<{ frame: AckFrame; at: number }> {
    await this.waitFor(() => this.acksFor(messageId).length > 0, timeoutMs, `no ack for ${messageId}`);
    return this.acksFor(messageId)[0]!;
  }

  /** Drops every connection, as a network failure would. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private async waitFor(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out: ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Robot messages and signed callbacks

export interface RobotMessageFixture {
  msgtype: string;
  msgId: string;
  conversationType: '1' | '2';
  conversationId: string;
  senderStaffId?: string;
  sessionWebhook?: string;
  sessionWebhookExpiredTime?: number;
  text?: { content: string };
  [key: string]: unknown;
}

/** A group @-message as DingTalk sends it (the @ of the bot still in the text, U+2005 after it). */
export function robotMessage(overrides: Partial<RobotMessageFixture> = {}): RobotMessageFixture {
  const now = Date.now();
  return {
    msgtype: 'text',
    msgId: `msg-${randomUUID()}`,
    createAt: now,
    conversationType: '2',
    conversationId: 'cidGroupLiaison==',
    conversationTitle: '府院联动联络员群',
    senderId: '$:LWCP_v1:$encrypted-sender',
    senderNick: '区税务局联络员',
    senderCorpId: 'ding-corp',
    senderStaffId: 'staff-tax-01',
    sessionWebhook: 'http://127.0.0.1:9/robot/sendBySession?session=unused',
    sessionWebhookExpiredTime: now + 90 * 60_000,
    isAdmin: false,
    chatbotCorpId: 'ding-corp',
    chatbotUserId: '$:LWCP_v1:$bot',
    isInAtList: true,
    atUsers: [{ dingtalkId: '$:LWCP_v1:$bot' }],
    robotCode: 'ding-robot-code',
    text: { content: '@府院联动助手\u2005 完成 T31 说明:已办结 ' },
    ...overrides,
  };
}

/** The `timestamp` and `sign` headers DingTalk puts on a robot callback. */
export function signedCallbackHeaders(appSecret: string, timestamp = Date.now()): { timestamp: string; sign: string } {
  return { timestamp: String(timestamp), sign: sign(timestamp, appSecret) };
}

/** POSTs a robot callback the way DingTalk does; `headers` replace the signed ones (e.g. to break them). */
export async function postRobotCallback(
  url: string,
  body: unknown,
  opts: { appSecret: string; headers?: Record<string, string>; timestamp?: number },
): Promise<Response> {
  const headers = opts.headers ?? signedCallbackHeaders(opts.appSecret, opts.timestamp);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
