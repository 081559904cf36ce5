import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt as libDecrypt } from '@wecom/crypto';
import { WecomCrypto } from '../../../src/channels/wecom/crypto.ts';
import { BadRequestError } from '../../../src/channels/bad-request.ts';
import { parseXml } from '../../../src/channels/wecom/xml.ts';

// §6.1 official WeCom sample.
const OFFICIAL = { token: 'QDG6eK', key: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' };
const VERIFY_URL = {
  msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};
const XML_MSG = {
  sig: '477715d11cdb4164915debcba66cb864d751f3e6',
  ts: '1409659813',
  nonce: '1372623149',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};
const JSON_MSG = {
  sig: '0623cbc5a8cbee5bcc137c70de99575366fc2af3',
  ts: '1409659813',
  nonce: '1372623149',
  encrypt:
    'CZWs4CWRpI4VolQlvn4dlEC1alN2MUEY2VklGehgBVLBrlVF7SyT+SV+Toj43l4ayJ9UMGKphktKKmP7B2j/P1ey67XB8PBgS7Wr5/8+w/yWriZv3Vmoo/MH3/1HsIWZrPQ3N2mJrelStIfI2Y8kLKXA7EhfZgZX4o+ffdkZDM76SEl79Ib9mw7TGjZ9Aw/x/A2VjNbV1E8BtEbRxYYcQippYNw7hr8sFfa3nW1xLdxokt8QkRX83vK3DFP2F6TQFPL2Tu98UwhcUpPvdJBuu1/yiOQIScppV3eOuLWEsko=',
};

// §6.2 sbzhu/weworkapi_python.
const PY = { token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo', key: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt', corpId: 'ww1436e0e65a779aee' };
const PY_VERIFY = {
  msg_signature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
  timestamp: '1476416373',
  nonce: '47744683',
  echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
};
const PY_MSG = {
  sig: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e',
  ts: '1476422779',
  nonce: '1597212914',
  encrypt:
    'Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+',
};

// §6.3 wechatpy tests.
const WP = { token: '123456', key: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', corpId: 'wx49f0ab532d5d035a' };
const WP_CHECK = {
  sig: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
  ts: '1411443780',
  nonce: '437374425',
  echostr: '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
};
const WP_MSG = {
  sig: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
  ts: '1411525903',
  nonce: '461056294',
  encrypt:
    'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
};
const WP_PLAIN =
  '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>';
const WP_ENCRYPTED =
  '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3';

const official = new WecomCrypto(OFFICIAL.token, OFFICIAL.key, OFFICIAL.corpId);
const python = new WecomCrypto(PY.token, PY.key, PY.corpId);
const wechatpy = new WecomCrypto(WP.token, WP.key, WP.corpId);

/** Encrypts an arbitrary plaintext block sequence with the key, to build malformed ciphertexts. */
function rawEncrypt(encodingAESKey: string, plain: Buffer): string {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
}

function framed(msg: string, receiveId: string): Buffer {
  const m = Buffer.from(msg);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(m.length);
  return Buffer.concat([Buffer.alloc(16, 7), len, m, Buffer.from(receiveId)]);
}

function expectRejected(fn: () => unknown, status?: number) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestError);
    if (status) expect((err as BadRequestError).status).toBe(status);
    return;
  }
  throw new Error('expected a BadRequestError');
}

describe('WecomCrypto — official vectors (§6.1)', () => {
  it('VerifyURL decrypts the echostr', () => {
    expect(official.verifyUrl(VERIFY_URL)).toBe('1616140317555161061');
  });

  it('VerifyURL accepts the URL-decoded form of the echostr', () => {
    const decoded = new URLSearchParams(
      'echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D',
    ).get('echostr');
    expect(decoded).toBe(VERIFY_URL.echostr);
  });

  it('DecryptMsg (XML) gives the text message with MsgId as a string', () => {
    const plain = official.open(XML_MSG.sig, XML_MSG.ts, XML_MSG.nonce, XML_MSG.encrypt);
    const msg = parseXml(plain);
    expect(msg).toMatchObject({
      ToUserName: 'wx5823bf96d3bd56c7',
      FromUserName: 'mycreate',
      CreateTime: '1409659813',
      MsgType: 'text',
      Content: 'hello',
      MsgId: '4561255354251345929',
      AgentID: '218',
    });
  });

  it('DecryptMsg (JSON) gives the JSON message', () => {
    const plain = official.open(JSON_MSG.sig, JSON_MSG.ts, JSON_MSG.nonce, JSON_MSG.encrypt);
    expect(plain).toBe(
      '{"ToUserName":"wx5823bf96d3bd56c7","FromUserName":"mycreate","CreateTime": 1409659813,"MsgType":"text","Content":"hello","MsgId":4561255354251345929,"AgentID": 218}',
    );
  });
});

describe('WecomCrypto — weworkapi_python vectors with Chinese (§6.2)', () => {
  it('VerifyURL', () => {
    expect(python.verifyUrl(PY_VERIFY)).toBe('1288432023552776189');
  });

  it('DecryptMsg keeps UTF-8 Chinese intact', () => {
    const plain = python.open(PY_MSG.sig, PY_MSG.ts, PY_MSG.nonce, PY_MSG.encrypt);
    expect(plain).toBe(
      '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>',
    );
    expect(parseXml(plain).Content).toBe('你好');
  });
});

describe('WecomCrypto — wechatpy vectors (§6.3)', () => {
  it('check_signature passes and decrypts', () => {
    expect(wechatpy.verifySignature(WP_CHECK.sig, WP_CHECK.ts, WP_CHECK.nonce, WP_CHECK.echostr)).toBe(true);
    expect(
      wechatpy.verifyUrl({ msg_signature: WP_CHECK.sig, timestamp: WP_CHECK.ts, nonce: WP_CHECK.nonce, echostr: WP_CHECK.echostr }),
    ).toBe('5927782489442352469');
  });

  it('check_signature fails with nonce 437374424 (401)', () => {
    expect(wechatpy.verifySignature(WP_CHECK.sig, WP_CHECK.ts, '437374424', WP_CHECK.echostr)).toBe(false);
    expectRejected(
      () => wechatpy.verifyUrl({ msg_signature: WP_CHECK.sig, timestamp: WP_CHECK.ts, nonce: '437374424', echostr: WP_CHECK.echostr }),
      401,
    );
  });

  it('decrypt_message with pad byte 1', () => {
    const raw = Buffer.from(WP_MSG.encrypt, 'base64');
    expect(raw.length % 32).toBe(0);
    const msg = parseXml(wechatpy.open(WP_MSG.sig, WP_MSG.ts, WP_MSG.nonce, WP_MSG.encrypt));
    expect(msg).toMatchObject({ FromUserName: 'messense', Content: 'test', MsgId: '4363689963896700987', AgentID: '1' });
  });

  it('encrypts byte-exactly with a fixed random prefix, and signs', () => {
    const random = Buffer.from('1234567890123456');
    expect(wechatpy.encrypt(WP_PLAIN, random)).toBe(WP_ENCRYPTED);
    const reply = wechatpy.encryptReplyXml(WP_PLAIN, '1411525903', '461056294', random);
    const outer = parseXml(reply);
    expect(outer.Encrypt).toBe(WP_ENCRYPTED);
    expect(outer.MsgSignature).toBe('407518b7649e86ef23978113f92d27afa9296533');
    expect(outer.TimeStamp).toBe('1411525903');
    expect(outer.Nonce).toBe('461056294');
  });

  it('encryptReplyJson gives the aibot envelope', () => {
    const random = Buffer.from('1234567890123456');
    const r = wechatpy.encryptReplyJson(WP_PLAIN, '1411525903', '461056294', random);
    expect(r).toEqual({ encrypt: WP_ENCRYPTED, msgsignature: '407518b7649e86ef23978113f92d27afa9296533', timestamp: '1411525903', nonce: '461056294' });
  });
});

describe('WecomCrypto — agrees with @wecom/crypto on valid input', () => {
  const cases: Array<[WecomCrypto, string, string]> = [
    [official, OFFICIAL.key, VERIFY_URL.echostr],
    [official, OFFICIAL.key, XML_MSG.encrypt],
    [official, OFFICIAL.key, JSON_MSG.encrypt],
    [python, PY.key, PY_VERIFY.echostr],
    [python, PY.key, PY_MSG.encrypt],
    [wechatpy, WP.key, WP_CHECK.echostr],
    [wechatpy, WP.key, WP_MSG.encrypt],
    [wechatpy, WP.key, WP_ENCRYPTED],
  ];
  it.each(cases.map((c, i) => [i, ...c] as const))('vector %i', (_i, ours, key, encrypted) => {
    const lib = libDecrypt(key, encrypted);
    expect(lib.id).toBe(ours.receiveId);
    expect(ours.decrypt(encrypted)).toBe(lib.message);
  });

  it('round-trips what it encrypts (incl. Chinese and the aibot receiveid "")', () => {
    const aibot = new WecomCrypto(OFFICIAL.token, OFFICIAL.key, '');
    for (const c of [official, aibot]) {
      const text = '登记 某某机械有限公司 代码:91440300192317458F 😀';
      expect(c.decrypt(c.encrypt(text))).toBe(text);
      expect(libDecrypt(OFFICIAL.key, c.encrypt(text)).message).toBe(text);
    }
  });
});

describe('WecomCrypto — strict decryption rejects', () => {
  const pad = (data: Buffer, padByte: number, count: number) => Buffer.concat([data, Buffer.alloc(count, padByte)]);

  it('tampered ciphertext (first block flipped)', () => {
    const raw = Buffer.from(XML_MSG.encrypt, 'base64');
    // Flipping the first block garbles random+length of the plaintext: the length check or the
    // receiveid check must catch it; in no case does a different message come out silently.
    raw[20] = (raw[20] ?? 0) ^ 0xff;
    raw[3] = (raw[3] ?? 0) ^ 0x01;
    expectRejected(() => official.decrypt(raw.toString('base64')));
  });

  it('tampered last block (padding garbled)', () => {
    const raw = Buffer.from(XML_MSG.encrypt, 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 0x55;
    expectRejected(() => official.decrypt(raw.toString('base64')));
  });

  it('a bad signature over a valid ciphertext (401)', () => {
    expectRejected(() => official.open('0'.repeat(40), XML_MSG.ts, XML_MSG.nonce, XML_MSG.encrypt), 401);
    expectRejected(() => official.open('not-hex', XML_MSG.ts, XML_MSG.nonce, XML_MSG.encrypt), 401);
  });

  it('pad byte 0', () => {
    const body = framed('hello', OFFICIAL.corpId);
    const fill = 32 - (body.length % 32);
    const plain = pad(body, 0, fill);
    expectRejected(() => official.decrypt(rawEncrypt(OFFICIAL.key, plain)), 400);
  });

  it('pad byte 33', () => {
    const body = framed('hello', OFFICIAL.corpId);
    const fill = 32 - (body.length % 32) + 32; // 33..64 bytes so a pad of 33 fits
    const plain = pad(body, 33, fill);
    expect(plain.length % 32).toBe(0);
    expectRejected(() => official.decrypt(rawEncrypt(OFFICIAL.key, plain)), 400);
  });

  it('inconsistent pad bytes', () => {
    const body = framed('hello', OFFICIAL.corpId);
    const fill = 32 - (body.length % 32);
    const plain = pad(body, fill, fill);
    plain[plain.length - 2] = fill === 1 ? 9 : fill - 1;
    if (fill > 1) expectRejected(() => official.decrypt(rawEncrypt(OFFICIAL.key, plain)), 400);
    // and a correctly padded copy is accepted, so the failure above is the padding's
    const good = pad(body, fill, fill);
    expect(official.decrypt(rawEncrypt(OFFICIAL.key, good))).toBe('hello');
  });

  it('msg_len beyond the plaintext', () => {
    const body = framed('hello', OFFICIAL.corpId);
    body.writeUInt32BE(10_000, 16);
    const fill = 32 - (body.length % 32);
    expectRejected(() => official.decrypt(rawEncrypt(OFFICIAL.key, pad(body, fill, fill))), 400);
  });

  it('wrong receiveid (401), which @wecom/crypto would accept', () => {
    const other = new WecomCrypto(OFFICIAL.token, OFFICIAL.key, 'wxSOMEOTHERCORP');
    expect(libDecrypt(OFFICIAL.key, other.encrypt('hi')).message).toBe('hi');
    expectRejected(() => official.decrypt(other.encrypt('hi')), 401);
    const aibot = new WecomCrypto(OFFICIAL.token, OFFICIAL.key, '');
    expectRejected(() => aibot.decrypt(official.encrypt('hi')), 401);
    expectRejected(() => official.decrypt(aibot.encrypt('hi')), 401);
  });

  it('non-base64, truncated and empty input', () => {
    expectRejected(() => official.decrypt('not base64 at all!!'), 400);
    expectRejected(() => official.decrypt(XML_MSG.encrypt.replace('+', ' ')), 400);
    expectRejected(() => official.decrypt(XML_MSG.encrypt.slice(0, 64)), 400);
    expectRejected(() => official.decrypt(Buffer.from(XML_MSG.encrypt, 'base64').subarray(0, 48).toString('base64')), 400);
    expectRejected(() => official.decrypt(''), 400);
    expectRejected(() => official.decrypt('QUJD'), 400);
  });

  it('invalid UTF-8 in the message', () => {
    const m = Buffer.from([0xff, 0xfe, 0x41]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(m.length);
    const body = Buffer.concat([Buffer.alloc(16), len, m, Buffer.from(OFFICIAL.corpId)]);
    const fill = 32 - (body.length % 32);
    expectRejected(() => official.decrypt(rawEncrypt(OFFICIAL.key, pad(body, fill, fill))), 400);
  });

  it('refuses a malformed EncodingAESKey at construction', () => {
    expect(() => new WecomCrypto('t', 'short', '')).toThrow();
    expect(() => new WecomCrypto('t', `${OFFICIAL.key.slice(0, 42)}!`, '')).toThrow();
  });
});
