/**
 * The 微信客服 (kf) part of the fake WeCom server (protocols §4), with the platform's rules:
 * - sync_msg: per 客服 account, pages of `limit` (max 1000) with an opaque cursor and has_more;
 *   an empty cursor reads from the earliest message of the last 3 days; the callback token is
 *   valid 10 minutes (an unknown or expired one is refused; without a token the call is allowed);
 *   messages sent through the API are not returned.
 * - send_msg: only 48 hours after the customer's last message, at most 5 messages until they write
 *   again, and only in session state 0 or 1 (else 95018).
 * - service_state/get|trans with the allowed transitions; send_msg_on_event with a welcome_code
 *   valid 20 seconds, once.
 * Every customer message or event returns the token a kf_msg_or_event callback would carry.
 */

export type KfState = 0 | 1 | 2 | 3 | 4;

export interface FakeKfMessage {
  msgid: string;
  open_kfid: string;
  external_userid: string;
  send_time: number;
  origin: 3 | 4 | 5;
  msgtype: string;
  [field: string]: unknown;
}

export interface KfSent {
  touser: string;
  open_kfid: string;
  content: string;
  msgid?: string;
  at: number;
}

interface Customer {
  state: KfState;
  lastCustomerAt?: number;
  sentSince: number;
}

export interface FakeKf {
  /** The WeChat customer writes (origin 3): opens the window and resets the 5-message count. */
  customerSays(openKfId: string, externalUserId: string, content: string, opts?: { msgtype?: string; msgid?: string }): { msgid: string; token: string };
  /** The customer opens the chat (enter_session). `welcome` false: no welcome_code (had one in 48 h). */
  enterSession(openKfId: string, externalUserId: string, opts?: { welcome?: boolean; sceneParam?: string }): { msgid: string; token: string; welcomeCode?: string };
  /** A servicer answered in the WeCom 客服 tool (origin 5). */
  servicerSays(openKfId: string, externalUserId: string, content: string): { msgid: string; token: string };
  /** A system event of another type (origin 4). */
  event(openKfId: string, externalUserId: string, event: Record<string, unknown>): { msgid: string; token: string };
  /** A token for a callback without a new message (WeCom may call more often than needed). */
  newToken(openKfId: string): string;
  setState(openKfId: string, externalUserId: string, state: KfState): void;
  state(openKfId: string, externalUserId: string): KfState;
  /** Successful send_msg calls, oldest first. */
  sent: KfSent[];
  /** Successful send_msg_on_event calls (welcome messages). */
  welcomes: { code: string; content: string; at: number }[];
  /** Answers a kf path, or undefined when the path is not a kf one. */
  route(path: string, body: Record<string, any>): unknown;
}

const ok = (extra: Record<string, unknown> = {}) => ({ errcode: 0, errmsg: 'ok', ...extra });
const bytes = (s: unknown) => (typeof s === 'string' ? Buffer.byteLength(s, 'utf8') : 0);

const TOKEN_TTL_MS = 10 * 60_000;
const WELCOME_TTL_MS = 20_000;
const WINDOW_MS = 48 * 3_600_000;
const READABLE_MS = 3 * 24 * 3_600_000;
/** Allowed service-state changes (WeCom doc 94669). */
const TRANSITIONS: Record<KfState, KfState[]> = { 0: [1, 2, 3, 4], 1: [2, 3, 4], 2: [3, 4], 3: [3, 4], 4: [] };

export function createFakeKf(now: () => number): FakeKf {
  const lists = new Map<string, FakeKfMessage[]>();
  const customers = new Map<string, Customer>();
  const tokens = new Map<string, { openKfId: string; expiresAt: number }>();
  const welcomeCodes = new Map<string, { expiresAt: number; used: boolean }>();
  const sent: KfSent[] = [];
  const welcomes: FakeKf['welcomes'] = [];
  let seq = 0;

  const customer = (openKfId: string, ext: string): Customer => {
    const key = `${openKfId}:${ext}`;
    let c = customers.get(key);
    if (!c) customers.set(key, (c = { state: 0, sentSince: 0 }));
    return c;
  };
  const newToken = (openKfId: string) => {
    const token = `ENCkf${++seq}`;
    tokens.set(token, { openKfId, expiresAt: now() + TOKEN_TTL_MS });
    return token;
  };
  const append = (openKfId: string, m: Omit<FakeKfMessage, 'msgid' | 'open_kfid' | 'send_time'> & { msgid?: string }) => {
    const msg = { ...m, msgid: m.msgid ?? `kfmsg${++seq}`, open_kfid: openKfId, send_time: Math.floor(now() / 1000) } as FakeKfMessage;
    const list = lists.get(openKfId) ?? [];
    list.push(msg);
    lists.set(openKfId, list);
    return { msgid: msg.msgid, token: newToken(openKfId) };
  };
  const cursorOf = (i: number) => Buffer.from(`c${i}`).toString('base64url');
  const indexOf = (cursor: string): number | undefined => {
    const m = /^c(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
    return m ? Number(m[1]) : undefined;
  };

  const syncMsg = (b: Record<string, any>) => {
    const openKfId = String(b.open_kfid ?? '');
    if (!openKfId) return { errcode: 95000, errmsg: 'open_kfid missing' };
    if (b.token !== undefined) {
      const t = tokens.get(String(b.token));
      if (!t || t.expiresAt < now() || t.openKfId !== openKfId) return { errcode: 95007, errmsg: 'invalid msg token' };
    }
    const list = lists.get(openKfId) ?? [];
    let start: number;
    if (!b.cursor) {
      start = list.findIndex((m) => m.send_time * 1000 >= now() - READABLE_MS);
      if (start < 0) start = list.length;
    } else {
      const i = indexOf(String(b.cursor));
      if (i === undefined || i > list.length) return { errcode: 95001, errmsg: 'invalid cursor' };
      start = i;
    }
    const limit = Math.min(Number(b.limit ?? 1000), 1000);
    const page = list.slice(start, start + limit);
    const next = start + page.length;
    return ok({ next_cursor: cursorOf(next), has_more: next < list.length ? 1 : 0, msg_list: page });
  };

  const sendMsg = (b: Record<string, any>) => {
    if (!b.touser || !b.open_kfid) return { errcode: 40058, errmsg: 'touser or open_kfid missing' };
    const content = b.text?.content;
    if (b.msgtype !== 'text' || typeof content !== 'string') return { errcode: 40008, errmsg: 'invalid message type' };
    if (bytes(content) > 2048) return { errcode: 45002, errmsg: 'content size out of limit' };
    const c = customer(b.open_kfid, b.touser);
    if (c.state !== 0 && c.state !== 1) return { errcode: 95018, errmsg: 'send msg session status invalid' };
    if (c.lastCustomerAt === undefined || now() - c.lastCustomerAt > WINDOW_MS) return { errcode: 45015, errmsg: 'response out of time limit' };
    if (c.sentSince >= 5) return { errcode: 45047, errmsg: 'out of response count limit' };
    c.sentSince++;
    sent.push({ touser: b.touser, open_kfid: b.open_kfid, content, ...(b.msgid ? { msgid: b.msgid } : {}), at: now() });
    return ok({ msgid: b.msgid ?? `sent${++seq}` });
  };

  return {
    sent,
    welcomes,
    newToken,
    customerSays(openKfId, ext, content, opts = {}) {
      const c = customer(openKfId, ext);
      c.lastCustomerAt = now();
      c.sentSince = 0;
      // A customer writing into an ended session opens a new one.
      if (c.state === 4) c.state = 0;
      const msgtype = opts.msgtype ?? 'text';
      return append(openKfId, {
        external_userid: ext,
        origin: 3,
        msgtype,
        ...(msgtype === 'text' ? { text: { content } } : { [msgtype]: { media_id: `media-${seq + 1}` } }),
        ...(opts.msgid ? { msgid: opts.msgid } : {}),
      });
    },
    enterSession(openKfId, ext, opts = {}) {
      const welcome = opts.welcome ?? true;
      const welcomeCode = welcome ? `wc${++seq}` : undefined;
      if (welcomeCode) welcomeCodes.set(welcomeCode, { expiresAt: now() + WELCOME_TTL_MS, used: false });
      const r = append(openKfId, {
        external_userid: ext,
        origin: 4,
        msgtype: 'event',
        event: {
          event_type: 'enter_session',
          open_kfid: openKfId,
          external_userid: ext,
          scene: 'scene1',
          ...(opts.sceneParam ? { scene_param: opts.sceneParam } : {}),
          ...(welcomeCode ? { welcome_code: welcomeCode } : {}),
        },
      });
      return { ...r, ...(welcomeCode ? { welcomeCode } : {}) };
    },
    servicerSays(openKfId, ext, content) {
      return append(openKfId, { external_userid: ext, origin: 5, servicer_userid: 'servicer1', msgtype: 'text', text: { content } });
    },
    event(openKfId, ext, event) {
      return append(openKfId, { external_userid: ext, origin: 4, msgtype: 'event', event: { open_kfid: openKfId, external_userid: ext, ...event } });
    },
    setState(openKfId, ext, state) {
      customer(openKfId, ext).state = state;
    },
    state(openKfId, ext) {
      return customer(openKfId, ext).state;
    },
    route(path, b) {
      switch (path) {
        case '/cgi-bin/kf/sync_msg':
          return syncMsg(b);
        case '/cgi-bin/kf/send_msg':
          return sendMsg(b);
        case '/cgi-bin/kf/send_msg_on_event': {
          const code = welcomeCodes.get(String(b.code ?? ''));
          if (!code || code.used || code.expiresAt < now()) return { errcode: 95021, errmsg: 'invalid or expired code' };
          code.used = true;
          welcomes.push({ code: String(b.code), content: String(b.text?.content ?? ''), at: now() });
          return ok({ msgid: `welcome${++seq}` });
        }
        case '/cgi-bin/kf/service_state/get':
          return ok({ service_state: customer(b.open_kfid, b.external_userid).state, servicer_userid: '' });
        case '/cgi-bin/kf/service_state/trans': {
          const c = customer(b.open_kfid, b.external_userid);
          const to = Number(b.service_state) as KfState;
          if (!TRANSITIONS[c.state].includes(to)) return { errcode: 95016, errmsg: 'invalid state transition' };
          if (to === 3 && !b.servicer_userid) return { errcode: 95014, errmsg: 'servicer_userid required' };
          c.state = to;
          return ok();
        }
      }
      return undefined;
    },
  };
}
