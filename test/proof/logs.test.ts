import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeDingtalkServer, robotMessage, signedCallbackHeaders } from '../fakes/dingtalk-server.ts';
import { type FakeWecom, startFakeWecom } from '../fakes/wecom-server.ts';
import { FAKE_DINGTALK } from './support/http-service.ts';
import { type Service, startService } from './support/service.ts';
import { appMessage, postApp } from './support/wecom-send.ts';
import { FAKE_WECOM, wecomProcessEnv } from './support/wecom-env.ts';

/**
 * The service's logs keep no secret, no token and no unmasked phone or ID number. The real service
 * (src/main.ts) runs in a child process with fake credentials in its environment and its log in
 * a file (LOG_FILE, at debug level), talks to fake WeCom and DingTalk servers that issue real-looking
 * access tokens, and is fed messages full of mobile and ID numbers — through the paths that log:
 * rejected callbacks, platform refusals whose error text repeats the message, dead letters, time-outs,
 * DingTalk replies and token refreshes. Then every line it wrote (log file, stdout, stderr) is scanned.
 */

const MOBILE = '13812345678';
const MOBILE_2 = '15987654321';
/** A well-formed 18-digit resident ID (birth date 1990-03-07, valid check digit). */
const ID_NUMBER = '110101199003071234';
const WEBHOOK_KEY = 'proof-webhook-key-7c6b5a49';
const ROBOT_TOKEN = 'proof-dingtalk-robot-token-31';
const ROBOT_SECRET = 'SECproof0dingtalk0robot0secret';

let service: Service | undefined;
let wecom: FakeWecom | undefined;
let ding: FakeDingtalkServer | undefined;
afterAll(async () => {
  await service?.kill();
  await wecom?.close();
  await ding?.close();
});

/** An unmasked mainland mobile number anywhere in the text. */
const ANY_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/gu;
/** An unmasked resident ID: 6-digit region, a birth date 19xx/20xx, 3 digits, check digit. */
const ANY_ID = /(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/gu;

describe('logs of an end-to-end run', () => {
  it('contain no secret, no access token, no unmasked mobile or ID number', { timeout: 120_000 }, async () => {
    wecom = await startFakeWecom({ corpId: FAKE_WECOM.corpId, secret: FAKE_WECOM.secret, agentId: FAKE_WECOM.agentId, webhookKeys: [WEBHOOK_KEY] });
    let n = 0;
    wecom.failWhen((call) => {
      const content = JSON.stringify(call.body ?? '');
      // A refusal whose error text quotes the message (as WeCom's errmsg sometimes does) → a dead letter.
      if (content.includes('拒收')) return { errcode: 40058, errmsg: `invalid content: ${content.slice(0, 160)}` };
      // And some transient trouble: a time-out and 5xx, so retries and their logs happen.
      if (call.path === '/cgi-bin/message/send' && ++n % 4 === 0) return n % 8 === 0 ? { hang: true } : { http: 502 };
      return undefined;
    });
    ding = await FakeDingtalkServer.start({ appKey: FAKE_DINGTALK.appKey, appSecret: FAKE_DINGTALK.appSecret, robotCode: FAKE_DINGTALK.robotCode, customRobots: { [ROBOT_TOKEN]: ROBOT_SECRET } });
    const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-logs-'));
    const logFile = `${dataDir}.log`;
    const secrets: Record<string, string> = {
      ...wecomProcessEnv(wecom.baseUrl),
      DINGTALK_APP_KEY: FAKE_DINGTALK.appKey,
      DINGTALK_APP_SECRET: FAKE_DINGTALK.appSecret,
      DINGTALK_ROBOT_CODE: FAKE_DINGTALK.robotCode,
      DINGTALK_API_BASE: ding.baseUrl,
      DINGTALK_OAPI_BASE: ding.baseUrl,
      WECOM_LIAISON_WEBHOOK_KEY: WEBHOOK_KEY,
      DINGTALK_LIAISON_ROBOT_TOKEN: ROBOT_TOKEN,
      DINGTALK_LIAISON_ROBOT_SECRET: ROBOT_SECRET,
    };
    service = await startService({ dataDir, env: { ...secrets, LOG_FILE: logFile, LOG_LEVEL: 'debug' } });

    // Messages full of personal numbers, through the WeCom app callback.
    const say = async (from: string, text: string) => postApp(service!.url, appMessage(from, text, String(9_100_000_000 + ++n)));
    expect((await say('demo_tax', `登记 某某机械有限公司 代码:91440300192317458F 情形:欠税 说明:"联系人电话${MOBILE}，法定代表人身份证${ID_NUMBER}"`)).ok).toBe(true);
    expect((await say('demo_hrss', `登记 E1 情形:欠薪 说明:"工人代表${MOBILE_2}反映拖欠工资，身份证${ID_NUMBER}"`)).ok).toBe(true);
    // The push about this one is refused by the platform with the message quoted back: a dead letter.
    expect((await say('demo_market', `登记 某某拒收商贸有限公司 代码:91110108551385082Q 情形:D类 说明:"电话${MOBILE}"`)).ok).toBe(true);
    await say('demo_director', `企业 E1`);
    await say(MOBILE, `名册 ${MOBILE} ${ID_NUMBER}`); // an unknown sender whose id is a phone number
    // Rejected callbacks (logged as warnings with the reason).
    const bad = appMessage('demo_tax', `企业 E1 ${MOBILE}`, '1');
    await fetch(`${service.url}/wecom/app?${bad.query.replace(/msg_signature=[0-9a-f]/u, 'msg_signature=0')}`, { method: 'POST', body: bad.body });
    await fetch(`${service.url}/wecom/app?msg_signature=x&timestamp=1&nonce=${ID_NUMBER}`, { method: 'POST', body: `<xml><Encrypt>${MOBILE}</Encrypt></xml>` });

    // DingTalk: a robot callback whose reply goes through the robot API (its session expired), so a
    // DingTalk access token is fetched and used.
    const msg = robotMessage({ senderStaffId: 'demo-dt-tax', conversationId: 'cid-demo-liaison', sessionWebhook: ding.sessionWebhookUrl(), sessionWebhookExpiredTime: Date.now() - 1000, text: { content: `@府院联动助手\u2005企业 E1 ${MOBILE}` } });
    const res = await fetch(`${service.url}/dingtalk/robot`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedCallbackHeaders(FAKE_DINGTALK.appSecret) }, body: JSON.stringify(msg) });
    expect(res.status).toBe(200);
    await fetch(`${service.url}/dingtalk/robot`, { method: 'POST', headers: { 'content-type': 'application/json', timestamp: String(Date.now()), sign: 'forged' }, body: JSON.stringify({ ...msg, msgId: 'x' }) });

    // Let the outbox work through its retries and dead letters, then stop cleanly (flushes the log).
    for (let i = 0; i < 150; i++) {
      const h = (await (await fetch(`${service.url}/healthz`)).json()) as { outbox: { pending: number; dead: number } };
      if (h.outbox.pending === 0 && h.outbox.dead > 0 && ding.calls.some((c) => c.path.includes('/v1.0/robot/'))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await service.stop()).toBe(0);

    expect(existsSync(logFile)).toBe(true);
    const log = readFileSync(logFile, 'utf8');
    const everything = [log, service.stdout(), service.stderr()].join('\n');
    // The run went through the paths that log (or the scan would prove little).
    expect(log).toMatch(/wecom callback rejected/u);
    expect(log).toMatch(/dingtalk callback rejected/u);
    expect(log).toMatch(/outbox item is a dead letter/u);
    expect(log).toMatch(/138\*\*\*\*5678/u); // the platform's refusal quoted the number: masked

    const tokens = [
      ...new Set([
        ...wecom.calls.map((c) => c.query.access_token).filter((t): t is string => Boolean(t)),
        ...ding.calls.map((c) => c.headers['x-acs-dingtalk-access-token']).filter((t): t is string => typeof t === 'string'),
      ]),
    ];
    expect(tokens.length, 'access tokens were issued and used').toBeGreaterThan(1);
    for (const [name, value] of Object.entries(secrets)) {
      if (/API_BASE|ROBOT_CODE|AGENT_ID|APP_KEY|CORP_ID/u.test(name)) continue; // addresses and ids, not secrets
      expect(everything.includes(value), `${name} appears in the logs`).toBe(false);
    }
    for (const token of tokens) expect(everything.includes(token), `access token ${token} appears in the logs`).toBe(false);
    expect(everything.match(ANY_MOBILE) ?? [], 'unmasked mobile numbers').toEqual([]);
    expect(everything.match(ANY_ID) ?? [], 'unmasked ID numbers').toEqual([]);
    console.log(JSON.stringify({ logs: { lines: log.split('\n').length, bytes: log.length, tokensChecked: tokens.length, secretsChecked: Object.keys(secrets).length } }));
  });
});
