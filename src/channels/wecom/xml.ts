import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BadRequestError } from '../bad-request.ts';

/**
 * The two XML layers of the self-built app callback: the outer envelope (only `Encrypt` is signed)
 * and the decrypted message. Values stay strings: MsgId exceeds 2^53 and must not become a number.
 */

const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  // Keep CDATA content exactly as sent (a command may start with a space); layout whitespace
  // between tags lands in '#text' of the root, which is ignored.
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** The decrypted message: scalar children of <xml> by tag name (nested elements are dropped). */
export type WecomXmlMessage = Readonly<Record<string, string | undefined>>;

export interface OuterEnvelope {
  encrypt: string;
  toUserName?: string;
  agentId?: string;
}

export function parseXml(xml: string): WecomXmlMessage {
  // WeCom never sends a DOCTYPE; refusing it rules out entity-expansion tricks.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new BadRequestError('XML 不允许包含 DOCTYPE', 400);
  let doc: unknown;
  try {
    if (XMLValidator.validate(xml) !== true) throw new BadRequestError('XML 格式错误', 400);
    doc = parser.parse(xml);
  } catch (err) {
    // The parsers recurse per nesting level: thousands of nested tags overflow the stack. WeCom's
    // XML is flat, so anything that breaks a parser is a bad request, never a 500.
    if (err instanceof BadRequestError) throw err;
    throw new BadRequestError('XML 格式错误', 400);
  }
  const root = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).xml : undefined;
  if (!root || typeof root !== 'object') throw new BadRequestError('XML 缺少 <xml> 根元素', 400);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(root as Record<string, unknown>)) {
    if (typeof v === 'string' && k !== '#text') out[k] = v;
  }
  return out;
}

export function parseOuterXml(xml: string): OuterEnvelope {
  const fields = parseXml(xml);
  const encrypt = fields.Encrypt?.trim();
  if (!encrypt) throw new BadRequestError('XML 缺少 Encrypt', 400);
  return { encrypt, toUserName: fields.ToUserName, agentId: fields.AgentID };
}

/** Characters XML 1.0 cannot carry at all; CDATA does not help with them. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A CDATA section that survives any text, including "]]>" (split into two sections). */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(XML_INVALID, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export interface PassiveText {
  toUser: string;
  fromCorp: string;
  createTime: number;
  content: string;
}

/** The plaintext of a passive text reply (WeCom doc 90241 / 96469). */
export function passiveTextXml(r: PassiveText): string {
  return (
    `<xml><ToUserName>${cdata(r.toUser)}</ToUserName><FromUserName>${cdata(r.fromCorp)}</FromUserName>` +
    `<CreateTime>${Math.floor(r.createTime)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content>${cdata(r.content)}</Content></xml>`
  );
}

/** The signed wrapper around an encrypted passive reply. */
export function encryptedReplyXml(encrypted: string, signature: string, timestamp: string, nonce: string): string {
  return (
    `<xml><Encrypt>${cdata(encrypted)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature>` +
    `<TimeStamp>${escapeText(timestamp)}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`
  );
}

function escapeText(text: string): string {
  return text.replace(XML_INVALID, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
