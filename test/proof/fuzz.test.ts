import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingtalkSign } from '../../src/channels/dingtalk/sign.ts';
import { type TestBot, createTestBot } from '../support/transcript.ts';
import { wecomCallbackClient } from '../fakes/wecom-callbacks.ts';
import { BUG_APOLOGY, exampleCases } from './support/commands.ts';
import { JournalTail } from './support/journal.ts';
import { FAKE_DINGTALK, type HttpService, startHttpService } from './support/http-service.ts';
import { roleCases } from './support/roles.ts';
import { appClient, appMessage } from './support/wecom-send.ts';
import { FAKE_WECOM } from './support/wecom-env.ts';
import { buildWorld } from './support/world.ts';

/**
 * Hostile input, property-based (fast-check), over 10,000 cases:
 * - malformed WeCom app and 智能机器人 callbacks and DingTalk robot callbacks, over real loopback
 *   HTTP to the routes as the service mounts them: never a 5xx, the service keeps answering, and
 *   the store does not change at all (not even a handled-message record: nothing got through);
 * - random command texts from real configured people through Bot.handle: never the bug apology,
 *   every answer non-empty Chinese, and a refusal never leaves a change behind; documented
 *   examples made wrong (an id or 信用代码 that does not exist) change nothing.
 */

const aibotClient = wecomCallbackClient({ token: FAKE_WECOM.aibotToken, encodingAESKey: FAKE_WECOM.aibotAesKey, receiveId: '' });
const CJK = /[\u4e00-\u9fa5]/u;
let runs = 0;
const count = <T>(n: T) => {
  runs++;
  return n;
};

// ------------------------------------------------------------------------------------------------
// HTTP callbacks

let http: HttpService;
beforeAll(async () => {
  // The platform APIs point at a closed port: nothing malformed may make the service call out.
  http = await startHttpService({ apiBase: 'http://127.0.0.1:9' });
});
afterAll(async () => {
  await http?.close();
  console.log(JSON.stringify({ fuzz: { cases: runs } }));
});

interface Req {
  method?: 'GET' | 'POST';
  path: string;
  query?: string;
  body?: string;
  headers?: Record<string, string>;
}

async function send(r: Req): Promise<number | 'network'> {
  try {
    const res = await fetch(`${http.url}${r.path}${r.query !== undefined ? `?${r.query}` : ''}`, {
      method: r.method ?? 'POST',
      ...(r.body !== undefined && r.method !== 'GET' ? { body: r.body as string } : {}),
      headers: r.headers ?? { 'content-type': 'text/xml' },
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'network';
  }
}

/** The property every malformed request must have. */
async function rejectedSafely(r: Req, options: { mayDropConnection?: boolean } = {}): Promise<void> {
  count(r);
  const seq = http.app.store.lastSeq;
  const status = await send(r);
  if (status === 'network') expect(options.mayDropConnection, `${r.path}?${r.query} dropped the connection`).toBe(true);
  else expect(status, `${r.method ?? 'POST'} ${r.path}?${(r.query ?? '').slice(0, 80)} ${String(r.body ?? '').slice(0, 120)}`).toBeLessThan(500);
  expect(http.app.store.lastSeq, 'a malformed request changed the store').toBe(seq);
}

/** What an HTTP header can carry (a ByteString): fetch refuses to send anything else. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c < 0x7f || c >= 0xa0).map((c) => String.fromCharCode(c)), maxLength: 120 });
const base64Char = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='.split(''));
const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }));
const xmlish = fc
  .array(fc.oneof(fc.constantFrom('<xml>', '</xml>', '<Encrypt>', '</Encrypt>', '<![CDATA[', ']]>', '<ToUserName>', '&amp;', '&lt;', '<?xml version="1.0"?>', '<!--', '-->', '<a b="c">', '</a>'), anyText), { maxLength: 12 })
  .map((parts) => parts.join(''));

const BOMBS = [
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><xml><Encrypt>&lol4;</Encrypt></xml>',
  '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Encrypt>&xxe;</Encrypt></xml>',
  '<!doctype xml [<!entity a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">]><xml><Encrypt>&a;&a;&a;&a;</Encrypt></xml>',
  `<xml>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</xml>`,
  `<xml><Encrypt>${'&#65;'.repeat(20000)}</Encrypt></xml>`,
  '<xml><Encrypt><![CDATA[]]></Encrypt></xml>',
  '<xml><Encrypt/></xml>',
];

const valid = () => appMessage('demo_tax', '企业 E1', String(Math.floor(Math.random() * 1e15)));
const queryOf = (q: string) => new URLSearchParams(q);
const signedFor = (encrypted: string, client = appClient) => {
  const timestamp = '1790000000';
  const nonce = '123456789';
  return new URLSearchParams({ msg_signature: client.crypto.signature(timestamp, nonce, encrypted), timestamp, nonce }).toString();
};
const envelope = (encrypted: string) => `<xml><ToUserName><![CDATA[${FAKE_WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID>1000002</AgentID></xml>`;
const encryptedOf = (body: string) => /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/su.exec(body)![1]!;

/** Plaintexts WeCom could never have sent as a message that acts: each must be refused or ignored. */
const badAppPlaintext = fc.oneof(
  anyText,
  xmlish,
  fc.constantFrom(...BOMBS),
  fc.record({ tag: fc.constantFrom('root', 'XML', 'message'), inner: anyText }).map(({ tag, inner }) => `<${tag}><MsgType>text</MsgType><Content>${inner}</Content></${tag}>`),
  // A text message without a sender.
  anyText.map((c) => `<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${c.replaceAll(']]>', '')}]]></Content><MsgId>1</MsgId></xml>`),
  // Types and events that carry no command: image, voice, location …, unknown events, cards nobody sent.
  fc.record({ type: fc.constantFrom('image', 'voice', 'video', 'location', 'link', 'file', 'unknown'), from: fc.constantFrom('demo_tax', 'stranger', 'x') }).map(({ type, from }) => `<xml><FromUserName><![CDATA[${from}]]></FromUserName><MsgType><![CDATA[${type}]]></MsgType><MsgId>2</MsgId></xml>`),
  fc.record({ event: fc.constantFrom('subscribe', 'enter_agent', 'click', 'template_card_event', 'kf_msg_or_event', 'x'), key: anyText }).map(({ event, key }) => `<xml><FromUserName>demo_tax</FromUserName><MsgType>event</MsgType><Event>${event}</Event><EventKey><![CDATA[${key.replaceAll(']]>', '')}]]></EventKey><TaskId>nope-${key.length}</TaskId><CreateTime>1</CreateTime></xml>`),
);

describe('malformed callbacks over HTTP: never a 5xx, nothing changes', () => {
  it('WeCom app: random bodies, XML fragments and XML bombs', { timeout: 120_000 }, async () => {
    const q = valid().query;
    await fc.assert(fc.asyncProperty(fc.oneof(anyText, xmlish, fc.constantFrom(...BOMBS)), async (body) => rejectedSafely({ path: '/wecom/app', query: q, body })), { numRuns: 1500 });
  });

  it('WeCom app: ciphertext mutated under its signature, or truncated and re-signed', { timeout: 120_000 }, async () => {
    const original = valid();
    const encrypted = encryptedOf(original.body);
    await fc.assert(
      fc.asyncProperty(fc.nat(encrypted.length - 1), base64Char, fc.boolean(), async (at, ch, truncate) => {
        if (truncate) {
          const cut = encrypted.slice(0, at);
          return rejectedSafely({ path: '/wecom/app', query: signedFor(cut), body: envelope(cut) });
        }
        const mutated = encrypted.slice(0, at) + ch + encrypted.slice(at + 1);
        fc.pre(mutated !== encrypted);
        return rejectedSafely({ path: '/wecom/app', query: original.query, body: envelope(mutated) });
      }),
      { numRuns: 1600 },
    );
  });

  it('WeCom app: correctly signed and encrypted plaintexts that are not a message (bombs, garbage, no sender, other types)', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(badAppPlaintext, async (plain) => {
        const encrypted = appClient.crypto.encrypt(plain);
        return rejectedSafely({ path: '/wecom/app', query: signedFor(encrypted), body: envelope(encrypted) });
      }),
      { numRuns: 1200 },
    );
  });

  it('WeCom app: bad query strings, wrong signatures, wrong content types, URL verification with junk', { timeout: 120_000 }, async () => {
    const original = valid();
    const junkQuery = fc.oneof(
      anyText.map((s) => encodeURIComponent(s)),
      anyText,
      fc.record({ sig: fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 40, maxLength: 40 }), anyText), ts: anyText, nonce: anyText }).map(({ sig, ts, nonce }) => new URLSearchParams({ msg_signature: sig, timestamp: ts, nonce }).toString()),
      fc.constant('msg_signature=a&msg_signature=b&timestamp=1&timestamp=2&nonce=3'),
      fc.string({ minLength: 5000, maxLength: 20000 }).map((s) => `msg_signature=${encodeURIComponent(s)}&timestamp=1&nonce=2`),
    );
    const contentType = fc.constantFrom('application/json', 'multipart/form-data; boundary=x', 'text/plain', 'application/x-www-form-urlencoded', '%%%', '');
    await fc.assert(
      fc.asyncProperty(junkQuery, contentType, fc.constantFrom('GET', 'POST') as fc.Arbitrary<'GET' | 'POST'>, anyText, async (query, type, method, echostr) => {
        // The content type is not checked (the signature covers the bytes); with a bad query
        // the request must be refused whatever it claims to be.
        const q = method === 'GET' ? `${query}&echostr=${encodeURIComponent(echostr)}` : query;
        return rejectedSafely({ method, path: '/wecom/app', query: q, body: original.body, headers: type ? { 'content-type': type } : {} });
      }),
      { numRuns: 900 },
    );
    // URL verification: correctly signed echostr that is not a ciphertext of ours.
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, fc.stringMatching(/^[A-Za-z0-9+/]{4,200}={0,2}$/)), async (echostr) => {
        const q = queryOf(signedFor(echostr));
        q.set('echostr', echostr);
        return rejectedSafely({ method: 'GET', path: '/wecom/app', query: q.toString() });
      }),
      { numRuns: 400 },
    );
  });

  it('WeCom app and 智能机器人: bodies over the 64 KiB limit are refused', { timeout: 120_000 }, async () => {
    const original = valid();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 64 * 1024 + 1, max: 2 * 1024 * 1024 }), fc.constantFrom('/wecom/app', '/wecom/aibot', '/dingtalk/robot'), async (size, path) => {
        // Refusing early may close the connection before the client has sent everything.
        return rejectedSafely({ path, query: original.query, body: `<xml><Encrypt>${'A'.repeat(size)}</Encrypt></xml>` }, { mayDropConnection: true });
      }),
      { numRuns: 40 },
    );
  });

  it('WeCom 智能机器人: random bodies, mutated ciphertext, and signed payloads that carry no command', { timeout: 120_000 }, async () => {
    const good = aibotClient.encryptedAibotCallback({ msgid: 'm1', msgtype: 'text', from: { userid: 'demo_tax' }, chattype: 'single', text: { content: '企业 E1' } });
    const encrypted = (JSON.parse(good.body) as { encrypt: string }).encrypt;
    const noCommand = fc.oneof(
      anyText,
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ msgid: fc.string({ minLength: 1 }), msgtype: fc.constantFrom('image', 'file', 'voice', 'stream', 'event', 'video') }).map((p) => JSON.stringify({ ...p, from: { userid: 'demo_tax' }, event: { eventtype: 'x' }, stream: { id: 's' } })),
      fc.record({ msgid: fc.string(), msgtype: fc.constant('text') }).map((p) => JSON.stringify(p)), // no from, no text
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyText.map((body) => ({ query: good.query, body })),
          fc.jsonValue().map((v) => ({ query: good.query, body: JSON.stringify(v) })),
          fc.tuple(fc.nat(encrypted.length - 1), base64Char).map(([at, ch]) => ({ query: good.query, body: JSON.stringify({ encrypt: encrypted.slice(0, at) + ch + encrypted.slice(at + 1) }) })),
          noCommand.map((plain) => {
            const enc = aibotClient.crypto.encrypt(plain);
            return { query: signedFor(enc, aibotClient), body: JSON.stringify({ encrypt: enc }) };
          }),
        ),
        async ({ query, body }) => {
          fc.pre(body !== good.body);
          return rejectedSafely({ path: '/wecom/aibot', query, body, headers: { 'content-type': 'application/json' } });
        },
      ),
      { numRuns: 1200 },
    );
  });

  it('DingTalk robot callback: random JSON, bad or stale signatures, robot-shaped objects of the wrong shape', { timeout: 120_000 }, async () => {
    const headersFor = (ts: number) => ({ 'content-type': 'application/json', timestamp: String(ts), sign: dingtalkSign(ts, FAKE_DINGTALK.appSecret) });
    const wrongShape = fc.record(
      {
        msgtype: fc.oneof(fc.constant(''), fc.integer(), fc.constant('text')),
        msgId: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null)),
        conversationType: fc.oneof(fc.constant('3'), fc.integer(), fc.constant(null)),
        conversationId: fc.oneof(fc.constant(''), fc.integer()),
        senderStaffId: fc.oneof(fc.constant('demo-dt-tax'), fc.integer()),
        text: fc.oneof(fc.constant({ content: 5 }), fc.string()),
        sessionWebhook: fc.oneof(fc.constant('not a url'), fc.integer()),
      },
      { requiredKeys: ['msgtype', 'msgId'] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          // Bad, missing or stale signatures with any body.
          fc.record({ body: fc.oneof(anyText, fc.jsonValue().map((v) => JSON.stringify(v))), ts: fc.oneof(fc.constant(Date.now() - 2 * 3_600_000), fc.integer({ min: 0, max: 2 ** 45 })), sign: fc.oneof(headerText, fc.constant('')) }).map(({ body, ts, sign }) => ({ body, headers: { 'content-type': 'application/json', timestamp: String(ts), ...(sign ? { sign } : {}) } })),
          fc.record({ body: anyText }).map(({ body }) => ({ body, headers: { ...headersFor(Date.now() - 2 * 3_600_000) } })),
          // Correctly signed, but not a robot message.
          fc.oneof(anyText, fc.jsonValue().map((v) => JSON.stringify(v)), wrongShape.map((o) => JSON.stringify(o))).map((body) => ({ body, headers: headersFor(Date.now()) })),
        ),
        async ({ body, headers }) => rejectedSafely({ path: '/dingtalk/robot', body, headers }),
      ),
      { numRuns: 1500 },
    );
  });

  it('is still up and answering after all of it', async () => {
    const res = await fetch(`${http.url}/healthz`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  });
});

// ------------------------------------------------------------------------------------------------
// Command texts

let t: TestBot;
const roles = () => roleCases(t.config);

/** The journal records a message caused: a refusal ('answer') may write only its handled record. */
let tail: JournalTail;
async function refusalChangedNothing(): Promise<{ refused: boolean; ok: boolean; changed: string }> {
  const records = (await tail.next()).filter((r) => !r.action.startsWith('outbox:'));
  const refused = records.length > 0 && records.every((r) => r.action === 'answer');
  const changes = records.flatMap((r) => r.changes);
  return { refused, ok: !refused || changes.every((c) => c.c === 'inbox' || c.c === 'pending'), changed: changes.map((c) => `${c.c}:${c.id}`).join(',') };
}

const FULL_WIDTH = ['：', '＝', '，', '。', '“', '”', '「', '」', '‘', '’', '　', '（', '）', '；', '！', '？', '、'];
const commandWords = () => [...new Set(exampleCases().flatMap((c) => [c.command.name, ...(c.command.aliases ?? [])]))];
const keys = ['代码', '情形', '说明', '单位', '档', '理由', '措施', '内容', '牵头', '协办', '期限', '企业', '时间', '议题', '结果', '金额', '到期', '银行', '诉讼', '执行', '至', '页', '范围'];

function commandText(): fc.Arbitrary<string> {
  const token = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(...FULL_WIDTH),
    fc.constantFrom('E1', 'E12', 'E0', 'E99999999', 'T31', 'M7', 'L3', 'C3', 'Q1', 'A1', '91440300192317458F', '91440300192317458X', '-1', '0', '1e9', '9999999999', '2026-02-30', '明天', '10个工作日'),
    fc.tuple(fc.constantFrom(...keys), fc.constantFrom(':', '：', '=', '＝'), fc.string({ unit: 'grapheme', maxLength: 30 })).map(([k, s, v]) => `${k}${s}${v}`),
    fc.tuple(fc.constantFrom(...keys), fc.string({ minLength: 1000, maxLength: 6000 })).map(([k, v]) => `${k}:"${v}"`),
    fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => `"${s}`),
  );
  return fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.tuple(fc.constantFrom(...commandWords()), fc.array(token, { maxLength: 8 }), fc.constantFrom(' ', '　', '\n', '\t')).map(([w, ts, sep]) => [w, ...ts].join(sep)),
    fc.tuple(fc.constantFrom(...exampleCases().map((c) => c.text)), fc.nat(200), token).map(([ex, at, tok]) => ex.slice(0, at % (ex.length + 1)) + tok + ex.slice(at % (ex.length + 1))),
  );
}

/** An example made wrong in a way that must be refused: an id that does not exist, a broken 信用代码. */
function brokenExamples(): string[] {
  const out: string[] = [];
  for (const c of exampleCases()) {
    const noId = c.text.replace(/(?<![A-Za-z0-9])([EMTLCQA])\d{1,4}(?![0-9])/gu, '$19999999');
    const badCode = c.text.replace(/\b(9\d{16})[0-9A-Z]\b/gu, (_, head: string) => `${head}${head.endsWith('0') ? 'Y' : '0'}`);
    if (noId !== c.text) out.push(noId);
    if (badCode !== c.text) out.push(badCode.replace(/(?<![A-Za-z0-9])([EMTLCQA])\d{1,4}(?![0-9])/gu, '$19999999'));
  }
  return [...new Set(out)];
}

describe('random and wrong command texts from configured people', () => {
  beforeAll(async () => {
    t = await createTestBot();
    await buildWorld(t);
    tail = new JournalTail(t.app.store);
  }, 120_000);
  afterAll(async () => t?.close());

  it('never the bug apology; always a non-empty Chinese answer; a refusal changes nothing', { timeout: 180_000 }, async () => {
    const people = roles();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(commandText(), fc.nat(people.length - 1), fc.constantFrom('single', '联络员群'), async (text, who, chat) => {
        count(text);
        const person = people[who]!.person;
        const group = chat === 'single' ? undefined : t.config.groups.find((g) => g.name.includes(chat))!;
        const replies = await t.app.bot.handle({
          channel: 'console', messageId: `fuzz-${++n}`, chatKind: group ? 'group' : 'single', chatId: group ? group.ids.console ?? group.id : person.ids.console ?? person.id,
          senderId: person.ids.console ?? person.id, text, receivedAt: t.clock.now,
        });
        expect(replies.length, text).toBeGreaterThan(0);
        for (const r of replies) {
          expect(r.text, text).not.toMatch(BUG_APOLOGY);
          expect(r.text.trim().length, text).toBeGreaterThan(0);
          expect(r.text, `not Chinese: ${r.text.slice(0, 80)}`).toMatch(CJK);
        }
        const check = await refusalChangedNothing();
        expect(check.ok, `${text} → ${replies[0]?.text} changed ${check.changed}`).toBe(true);
      }),
      { numRuns: 3500 },
    );
  });

  it('documented examples with an id that does not exist or a broken 信用代码 are refused and change nothing', { timeout: 180_000 }, async () => {
    const broken = brokenExamples();
    expect(broken.length).toBeGreaterThan(20);
    const people = roles();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...broken), fc.nat(people.length - 1), async (text, who) => {
        count(text);
        const person = people[who]!.person;
        const replies = await t.app.bot.handle({
          channel: 'console', messageId: `broken-${++n}`, chatKind: 'single', chatId: person.ids.console ?? person.id, senderId: person.ids.console ?? person.id, text, receivedAt: t.clock.now,
        });
        expect(replies[0]?.text, text).not.toMatch(BUG_APOLOGY);
        expect(replies[0]?.text, text).toMatch(CJK);
        const check = await refusalChangedNothing();
        // Either a refusal or a confirmation question (which changes only the pending question) — never a change.
        expect(check.refused || check.changed.split(',').every((c) => c.startsWith('inbox:') || c.startsWith('pending:')), `${text} → ${replies[0]?.text}: ${check.changed}`).toBe(true);
        expect(check.ok).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});
