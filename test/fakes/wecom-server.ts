import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeKf, createFakeKf } from './wecom-kf.ts';
import { FakeSignIn } from './oauth-login.ts';

/**
 * A fake WeCom server API (qyapi) on 127.0.0.1 and a random port, following the documented contract
 * closely enough for the real HTTP clients: gettoken, message/send, appchat/send,
 * message/update_template_card, webhook/send, the aibot response_url, the 微信客服 endpoints
 * (wecom-kf.ts), media/upload and media/get (multipart in, the file's bytes out), webhook/upload_media,
 * oa/schedule/add|update|del (kept as schedules), 网页授权 (/connect/oauth2/authorize and
 * auth/getuserinfo, oauth-login.ts), and any other /cgi-bin/ path
 * as a plain token-checked success. Every call is recorded; failures can be injected.
 */

export type FakeFailure =
  | { errcode: number; errmsg?: string }
  | { http: number }
  /** Never answer (until close), to exercise client time-outs. */
  | { hang: true };

export interface RecordedCall {
  method: string;
  /** Path without the query, e.g. /cgi-bin/message/send. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** What the fake answered (unset while it hangs): lets a test count what was really accepted. */
  answered?: { status: number; body: unknown };
}

export interface FakeWecomOptions {
  corpId?: string;
  secret?: string;
  /** A second accepted secret (WECOM_KF_SECRET). */
  kfSecret?: string;
  agentId?: number;
  webhookKeys?: string[];
  tokenTtlSec?: number;
  webhookPerMinute?: number;
  now?: () => number;
}

export interface FakeWecom {
  baseUrl: string;
  corpId: string;
  secret: string;
  agentId: number;
  calls: RecordedCall[];
  callsTo(path: string): RecordedCall[];
  /** 微信客服: customers, sessions and what was sent to them (wecom-kf.ts). */
  kf: FakeKf;
  /** 网页授权: who is using the WeCom client (signIn.signInAs); /connect/oauth2/authorize sends them back with a code. */
  signIn: FakeSignIn;
  /** The next `count` calls (to `path` if given) fail this way. */
  failNext(count: number, failure: FakeFailure, path?: string): void;
  /** Decides a failure per call; undefined lets the call through. */
  failWhen(decide: ((call: RecordedCall) => FakeFailure | undefined) | undefined): void;
  /** Every token issued so far becomes expired (42001). */
  expireTokens(): void;
  tokensIssued(): number;
  /** A response_code as message/send or a card click would hand out. */
  issueResponseCode(): string;
  /** An aibot response_url on this server (single use). */
  newResponseUrl(): string;
  /** Files uploaded (media/upload, webhook/upload_media) or put there for a member to have sent. */
  media: Map<string, FakeMedia>;
  /** A file as if a member had sent it to the app: its MediaId for the callback. */
  addMedia(name: string, bytes: Uint8Array): string;
  /** Schedules made with oa/schedule/add, by schedule_id (deleted ones are removed). */
  schedules: Map<string, Record<string, any>>;
  close(): Promise<void>;
}

export interface FakeMedia {
  name: string;
  bytes: Buffer;
}

/** A multipart body as the fake records it: each field's text, or for a file its name and bytes. */
export type MultipartBody = Record<string, string | FakeMedia>;

async function parseMultipart(raw: Buffer, contentType: string): Promise<MultipartBody> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const out: MultipartBody = {};
  for (const [key, value] of form.entries()) {
    out[key] = typeof value === 'string' ? value : { name: value.name, bytes: Buffer.from(await value.arrayBuffer()) };
  }
  return out;
}

const ok = (extra: Record<string, unknown> = {}) => ({ errcode: 0, errmsg: 'ok', ...extra });
const bytes = (s: unknown) => (typeof s === 'string' ? Buffer.byteLength(s, 'utf8') : 0);

export async function startFakeWecom(options: FakeWecomOptions = {}): Promise<FakeWecom> {
  const corpId = options.corpId ?? 'wwfakecorp0001';
  const secret = options.secret ?? 'fake-secret';
  const agentId = options.agentId ?? 1000002;
  const now = options.now ?? Date.now;
  const webhookKeys = new Set(options.webhookKeys ?? ['hook-key-1']);
  const calls: RecordedCall[] = [];
  const kf = createFakeKf(now);
  const signIn = new FakeSignIn();
  const tokens = new Map<string, 'valid' | 'expired'>();
  const responseCodes = new Map<string, 'open' | 'used'>();
  const webhookStamps = new Map<string, number[]>();
  const queue: Array<{ remaining: number; failure: FakeFailure; path?: string }> = [];
  const media = new Map<string, FakeMedia>();
  const schedules = new Map<string, Record<string, any>>();
  const upload = (b: unknown): unknown => {
    const file = (b as MultipartBody | undefined)?.media;
    if (!file || typeof file === 'string' || file.bytes.length === 0) return { errcode: 44001, errmsg: 'empty media data' };
    const id = `media-${++counter}`;
    media.set(id, file);
    return ok({ type: 'file', media_id: id, created_at: String(Math.floor(now() / 1000)) });
  };
  let decide: ((call: RecordedCall) => FakeFailure | undefined) | undefined;
  let counter = 0;
  let baseUrl = '';

  const issueResponseCode = () => {
    const code = `rc-${++counter}`;
    responseCodes.set(code, 'open');
    return code;
  };

  const injected = (call: RecordedCall): FakeFailure | undefined => {
    const i = queue.findIndex((q) => !q.path || q.path === call.path);
    if (i >= 0) {
      const entry = queue[i]!;
      entry.remaining -= 1;
      if (entry.remaining <= 0) queue.splice(i, 1);
      return entry.failure;
    }
    return decide?.(call);
  };

  const tokenError = (token: string | undefined) => {
    const state = token ? tokens.get(token) : undefined;
    if (state === 'valid') return undefined;
    if (state === 'expired') return { errcode: 42001, errmsg: 'access_token expired' };
    return { errcode: 40014, errmsg: 'invalid access_token' };
  };

  const useResponseCode = (code: unknown) => {
    if (typeof code !== 'string' || responseCodes.get(code) !== 'open') return false;
    responseCodes.set(code, 'used');
    return true;
  };

  const route = (call: RecordedCall): unknown => {
    const b = (call.body ?? {}) as Record<string, any>;
    switch (call.path) {
      case '/cgi-bin/gettoken': {
        if (call.query.corpid !== corpId) return { errcode: 40013, errmsg: 'invalid corpid' };
        if (call.query.corpsecret !== secret && call.query.corpsecret !== options.kfSecret) return { errcode: 40001, errmsg: 'invalid credential' };
        const token = `tok-${++counter}`;
        tokens.set(token, 'valid');
        return ok({ access_token: token, expires_in: options.tokenTtlSec ?? 7200 });
      }
      case '/cgi-bin/webhook/send': {
        if (!webhookKeys.has(call.query.key ?? '')) return { errcode: 93000, errmsg: 'invalid webhook url' };
        const key = call.query.key!;
        const recent = (webhookStamps.get(key) ?? []).filter((t) => t > now() - 60_000);
        if (recent.length >= (options.webhookPerMinute ?? 20)) return { errcode: 45009, errmsg: 'api freq out of limit' };
        recent.push(now());
        webhookStamps.set(key, recent);
        if (b.msgtype === 'markdown' && bytes(b.markdown?.content) > 4096) {
          return { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' };
        }
        if (b.msgtype === 'text' && bytes(b.text?.content) > 2048) {
          return { errcode: 40058, errmsg: 'text.content exceed max length 2048' };
        }
        return ok();
      }
      case '/cgi-bin/aibot/response':
        return useResponseCode(call.query.response_code) ? ok() : { errcode: 40058, errmsg: 'invalid response_code' };
      case '/cgi-bin/webhook/upload_media':
        if (!webhookKeys.has(call.query.key ?? '')) return { errcode: 93000, errmsg: 'invalid webhook url' };
        return upload(b);
    }
    const tokenErr = tokenError(call.query.access_token);
    if (tokenErr) return tokenErr;
    const kfAnswer = kf.route(call.path, b);
    if (kfAnswer !== undefined) return kfAnswer;
    switch (call.path) {
      case '/cgi-bin/auth/getuserinfo': {
        const user = signIn.redeem(call.query.code);
        return user ? ok({ userid: user, user_ticket: `ticket-${user}`, expires_in: 1800 }) : { errcode: 40029, errmsg: 'invalid code' };
      }
      case '/cgi-bin/message/send': {
        if (b.agentid !== agentId) return { errcode: 40056, errmsg: 'invalid agentid' };
        if (!b.touser) return { errcode: 40058, errmsg: 'touser missing' };
        const content = b.msgtype === 'markdown' ? b.markdown?.content : b.msgtype === 'text' ? b.text?.content : '';
        if (bytes(content) > 2048) return { errcode: 45002, errmsg: 'content size out of limit' };
        if (b.msgtype === 'template_card') {
          const buttons = b.template_card?.button_list ?? [];
          if (!/^[0-9a-zA-Z_\-@]{1,128}$/.test(b.template_card?.task_id ?? '') || buttons.length > 6) {
            return { errcode: 40058, errmsg: 'invalid template_card' };
          }
          return ok({ msgid: `msg-${++counter}`, response_code: issueResponseCode() });
        }
        return ok({ msgid: `msg-${++counter}` });
      }
      case '/cgi-bin/media/upload':
        return call.query.type ? upload(b) : { errcode: 40004, errmsg: 'invalid media type' };
      case '/cgi-bin/oa/schedule/add': {
        const s = b.schedule ?? {};
        if (!s.organizer || !(s.start_time < s.end_time) || !Array.isArray(s.attendees)) return { errcode: 40058, errmsg: 'invalid schedule' };
        const id = `sch-${++counter}`;
        schedules.set(id, s);
        return ok({ schedule_id: id });
      }
      case '/cgi-bin/oa/schedule/update': {
        const s = b.schedule ?? {};
        if (!schedules.has(s.schedule_id)) return { errcode: 400102, errmsg: 'schedule not exist (fake)' };
        schedules.set(s.schedule_id, { ...schedules.get(s.schedule_id), ...s });
        return ok();
      }
      case '/cgi-bin/oa/schedule/del':
        if (!schedules.delete(b.schedule_id)) return { errcode: 400102, errmsg: 'schedule not exist (fake)' };
        return ok();
      case '/cgi-bin/appchat/send':
        return b.chatid ? ok() : { errcode: 86003, errmsg: 'chat not found' };
      case '/cgi-bin/message/update_template_card':
        if (b.agentid !== agentId) return { errcode: 40056, errmsg: 'invalid agentid' };
        return useResponseCode(b.response_code) ? ok() : { errcode: 40058, errmsg: 'invalid response_code' };
    }
    return call.path.startsWith('/cgi-bin/') ? ok() : undefined;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const contentType = req.headers['content-type'] ?? '';
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw || undefined;
      if (contentType.startsWith('multipart/form-data')) body = await parseMultipart(Buffer.concat(chunks), contentType);
      else {
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          /* keep the raw text */
        }
      }
      const call: RecordedCall = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body };
      calls.push(call);
      // The authorize page is a browser redirect, not an API answer.
      if (call.path === '/connect/oauth2/authorize') return signIn.authorize(res, call.query, 'code');
      const failure = injected(call);
      if (failure && 'hang' in failure) return;
      if (failure && 'http' in failure) {
        call.answered = { status: failure.http, body: 'fake failure' };
        res.writeHead(failure.http, { 'content-type': 'text/plain' }).end('fake failure');
        return;
      }
      // media/get answers with the file itself, like WeCom (JSON only when it refuses).
      const file = call.path === '/cgi-bin/media/get' && !failure && !tokenError(call.query.access_token) ? media.get(call.query.media_id ?? '') : undefined;
      if (file) {
        call.answered = { status: 200, body: `<${file.bytes.length} bytes>` };
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${encodeURIComponent(file.name)}"` }).end(file.bytes);
        return;
      }
      if (call.path === '/cgi-bin/media/get' && !failure && !tokenError(call.query.access_token)) {
        call.answered = { status: 200, body: { errcode: 40007, errmsg: 'invalid media_id' } };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 40007, errmsg: 'invalid media_id' }));
        return;
      }
      const answer = failure ?? route(call);
      if (answer === undefined) {
        call.answered = { status: 404, body: 'not found' };
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      call.answered = { status: 200, body: answer };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    })());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    corpId,
    secret,
    agentId,
    calls,
    kf,
    callsTo: (path) => calls.filter((c) => c.path === path || c.path === `/cgi-bin/${path}`),
    failNext: (count, failure, path) => {
      queue.push({ remaining: count, failure, path: path && !path.startsWith('/') ? `/cgi-bin/${path}` : path });
    },
    failWhen: (fn) => {
      decide = fn;
    },
    expireTokens: () => {
      for (const t of tokens.keys()) tokens.set(t, 'expired');
    },
    tokensIssued: () => tokens.size,
    issueResponseCode,
    newResponseUrl: () => `${baseUrl}/cgi-bin/aibot/response?response_code=${issueResponseCode()}`,
    media,
    addMedia: (name, bytes) => {
      const id = `sent-${++counter}`;
      media.set(id, { name, bytes: Buffer.from(bytes) });
      return id;
    },
    schedules,
    signIn,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
