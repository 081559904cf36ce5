import { WecomCrypto } from '../../src/channels/wecom/crypto.ts';
import { parseXml } from '../../src/channels/wecom/xml.ts';

/**
 * Plays WeCom's side of the callbacks in end-to-end tests: builds signed, encrypted requests with the
 * same crypto the server uses, and opens the encrypted passive replies.
 */

export interface CallbackClientOptions {
  token: string;
  encodingAESKey: string;
  /** corp id for the app, "" for the aibot. */
  receiveId: string;
  /**
   * The clock the signed `timestamp` is read from; it must agree with the route's clock within
   * WECOM_CALLBACK_WINDOW_MS. Default: the wall clock, as the routes use when given none.
   */
  now?: () => number;
}

export interface SignedRequest {
  /** Query string without "?": msg_signature, timestamp, nonce (and echostr for GET). */
  query: string;
  body: string;
}

let seq = 0;
const nonceOf = () => String(100_000_000 + ++seq);

export function wecomCallbackClient(opts: CallbackClientOptions) {
  const crypto = new WecomCrypto(opts.token, opts.encodingAESKey, opts.receiveId);
  const stamp = () => String(Math.floor((opts.now ?? Date.now)() / 1000));
  const signed = (encrypted: string, timestamp = stamp(), nonce = nonceOf()) =>
    new URLSearchParams({ msg_signature: crypto.signature(timestamp, nonce, encrypted), timestamp, nonce });

  return {
    crypto,
    urlVerification(echo: string): string {
      const echostr = crypto.encrypt(echo);
      const q = signed(echostr);
      q.set('echostr', echostr);
      return q.toString();
    },
    /** `timestamp` (seconds) overrides the clock, e.g. for a request captured long ago. */
    encryptedAppCallback(xml: string, timestamp?: string): SignedRequest {
      const encrypted = crypto.encrypt(xml);
      const body = `<xml><ToUserName><![CDATA[${opts.receiveId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;
      return { query: signed(encrypted, timestamp).toString(), body };
    },
    encryptedAibotCallback(json: unknown, timestamp?: string): SignedRequest {
      const encrypted = crypto.encrypt(typeof json === 'string' ? json : JSON.stringify(json));
      return { query: signed(encrypted, timestamp).toString(), body: JSON.stringify({ encrypt: encrypted }) };
    },
    /** Checks the reply's signature and returns the decrypted plaintext XML. */
    openXmlReply(body: string): string {
      const outer = parseXml(body);
      const { Encrypt = '', MsgSignature = '', TimeStamp = '', Nonce = '' } = outer;
      return crypto.open(MsgSignature, TimeStamp, Nonce, Encrypt);
    },
    openJsonReply(body: string): unknown {
      const r = JSON.parse(body) as { encrypt: string; msgsignature: string; timestamp: string; nonce: string };
      return JSON.parse(crypto.open(r.msgsignature, r.timestamp, r.nonce, r.encrypt));
    },
  };
}

export interface AppTextOptions {
  corpId: string;
  from: string;
  content: string;
  msgId?: string;
  createTime?: number;
  msgType?: string;
}

export function appTextXml(o: AppTextOptions): string {
  return (
    `<xml><ToUserName><![CDATA[${o.corpId}]]></ToUserName><FromUserName><![CDATA[${o.from}]]></FromUserName>` +
    `<CreateTime>${o.createTime ?? 1409659813}</CreateTime><MsgType><![CDATA[${o.msgType ?? 'text'}]]></MsgType>` +
    `<Content><![CDATA[${o.content}]]></Content><MsgId>${o.msgId ?? '4561255354251345929'}</MsgId><AgentID>1000002</AgentID></xml>`
  );
}

export function appCardClickXml(o: { corpId: string; from: string; taskId: string; eventKey: string; responseCode: string; createTime?: number }): string {
  return (
    `<xml><ToUserName><![CDATA[${o.corpId}]]></ToUserName><FromUserName><![CDATA[${o.from}]]></FromUserName>` +
    `<CreateTime>${o.createTime ?? 1700000000}</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
    `<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${o.eventKey}]]></EventKey>` +
    `<TaskId><![CDATA[${o.taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>` +
    `<ResponseCode><![CDATA[${o.responseCode}]]></ResponseCode><AgentID>1000002</AgentID></xml>`
  );
}

/** The 微信客服 callback: no content, only the pull token and the 客服 account (protocols §4). */
export function kfEventXml(o: { corpId: string; token: string; openKfId: string; createTime?: number }): string {
  return (
    `<xml><ToUserName><![CDATA[${o.corpId}]]></ToUserName><CreateTime>${o.createTime ?? 1700000000}</CreateTime>` +
    `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event>` +
    `<Token><![CDATA[${o.token}]]></Token><OpenKfId><![CDATA[${o.openKfId}]]></OpenKfId></xml>`
  );
}

/** A file a member sends to the self-built app (MsgType file, its MediaId for media/get). */
export function appFileXml(o: { corpId: string; from: string; mediaId: string; fileName: string; msgId: string; createTime?: number }): string {
  return (
    `<xml><ToUserName><![CDATA[${o.corpId}]]></ToUserName><FromUserName><![CDATA[${o.from}]]></FromUserName>` +
    `<CreateTime>${o.createTime ?? 1409659813}</CreateTime><MsgType><![CDATA[file]]></MsgType>` +
    `<MediaId><![CDATA[${o.mediaId}]]></MediaId><FileName><![CDATA[${o.fileName}]]></FileName>` +
    `<MsgId>${o.msgId}</MsgId><AgentID>1000002</AgentID></xml>`
  );
}
