import { createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { encrypt as wecomEncrypt, getSignature } from '@wecom/crypto';
import { BadRequestError } from '../bad-request.ts';
import { encryptedReplyXml } from './xml.ts';

/**
 * The WeCom callback crypto (WeCom doc 91144), shared by the self-built app (receiveId = corp id)
 * and the 智能机器人 (receiveId = "").
 *
 * @wecom/crypto computes signatures and encrypts, but its decrypt neither checks the receiveid nor
 * rejects bad padding, so decryption is done here, strictly. Every failure on input from the wire is
 * a BadRequestError (4xx), never something that would surface as a 5xx.
 */

/** WeCom pads to a multiple of 32 bytes, not the AES block size. */
const PAD_BLOCK = 32;
/** random(16) + msg_len(4). */
const HEADER = 20;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const SIGNATURE = /^[0-9a-f]{40}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface UrlVerificationQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
  echostr: string;
}

/** The passive JSON reply of the aibot (field names as in the official Go library). */
export interface EncryptedJsonReply {
  encrypt: string;
  msgsignature: string;
  timestamp: string;
  nonce: string;
}

export class WecomCrypto {
  readonly #token: string;
  readonly #aesKey: string;
  readonly #key: Buffer;
  readonly #iv: Buffer;
  readonly #receiveId: Buffer;

  constructor(token: string, encodingAESKey: string, readonly receiveId: string) {
    // A bad key is a configuration bug, so it throws a plain Error at start-up.
    const key = Buffer.from(`${encodingAESKey}=`, 'base64');
    if (encodingAESKey.length !== 43 || !BASE64.test(`${encodingAESKey}=`) || key.length !== 32) {
      throw new Error('WeCom EncodingAESKey must be 43 base64 characters');
    }
    if (!token) throw new Error('WeCom token is empty');
    this.#token = token;
    this.#aesKey = encodingAESKey;
    this.#key = key;
    this.#iv = key.subarray(0, 16);
    this.#receiveId = Buffer.from(receiveId, 'utf8');
  }

  signature(timestamp: string, nonce: string, encrypted: string): string {
    return getSignature(this.#token, timestamp, nonce, encrypted);
  }

  /** Constant-time check so the comparison leaks nothing about the expected signature. */
  verifySignature(sig: string, timestamp: string, nonce: string, encrypted: string): boolean {
    const given = sig.toLowerCase();
    if (!SIGNATURE.test(given)) return false;
    const expected = Buffer.from(this.signature(timestamp, nonce, encrypted), 'latin1');
    return timingSafeEqual(expected, Buffer.from(given, 'latin1'));
  }

  /** Signature check then strict decryption; 401 for a bad signature. */
  open(sig: string, timestamp: string, nonce: string, encrypted: string): string {
    if (!this.verifySignature(sig, timestamp, nonce, encrypted)) {
      throw new BadRequestError('签名校验失败', 401);
    }
    return this.decrypt(encrypted);
  }

  decrypt(encrypted: string): string {
    if (encrypted.length % 4 !== 0 || !BASE64.test(encrypted)) throw bad('密文不是合法的 base64');
    const cipherText = Buffer.from(encrypted, 'base64');
    // The plaintext is padded to a multiple of 32, so the ciphertext is too.
    if (cipherText.length === 0 || cipherText.length % PAD_BLOCK !== 0) throw bad('密文长度不合法');

    const decipher = createDecipheriv('aes-256-cbc', this.#key, this.#iv);
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(cipherText), decipher.final()]);

    const pad = plain[plain.length - 1] ?? 0;
    if (pad < 1 || pad > PAD_BLOCK) throw bad('填充不合法');
    for (let i = plain.length - pad; i < plain.length; i++) {
      if (plain[i] !== pad) throw bad('填充不合法');
    }
    const content = plain.subarray(0, plain.length - pad);
    if (content.length < HEADER) throw bad('明文过短');
    const msgLen = content.readUInt32BE(16);
    if (msgLen > content.length - HEADER) throw bad('消息长度不合法');

    const receiveId = content.subarray(HEADER + msgLen);
    if (!receiveId.equals(this.#receiveId)) throw new BadRequestError('receiveid 不匹配', 401);
    try {
      return utf8.decode(content.subarray(HEADER, HEADER + msgLen));
    } catch {
      throw bad('消息不是合法的 UTF-8');
    }
  }

  /** `random` is injectable so tests can reproduce the byte-exact vector. */
  encrypt(plaintext: string, random: Buffer = randomBytes(16)): string {
    if (random.length !== 16) throw new Error('random prefix must be 16 bytes');
    return wecomEncrypt(this.#aesKey, plaintext, this.receiveId, random);
  }

  /** GET URL verification: returns the plaintext to echo back. */
  verifyUrl(query: UrlVerificationQuery): string {
    return this.open(query.msg_signature, query.timestamp, query.nonce, query.echostr);
  }

  encryptReplyXml(xml: string, timestamp: string, nonce: string, random?: Buffer): string {
    const encrypted = this.encrypt(xml, random);
    return encryptedReplyXml(encrypted, this.signature(timestamp, nonce, encrypted), timestamp, nonce);
  }

  encryptReplyJson(json: unknown, timestamp: string, nonce: string, random?: Buffer): EncryptedJsonReply {
    const text = typeof json === 'string' ? json : JSON.stringify(json);
    const encrypted = this.encrypt(text, random);
    return { encrypt: encrypted, msgsignature: this.signature(timestamp, nonce, encrypted), timestamp, nonce };
  }
}

function bad(message: string): BadRequestError {
  return new BadRequestError(`解密失败：${message}`, 400);
}

/** A short stable fingerprint, e.g. for stream ids derived from a message id. */
export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}
