import { describe, expect, it } from 'vitest';
import { readChannelEnv } from '../../src/config/env.ts';

const AES = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'; // 43 characters
const SECRET = 'app-secret-value-8d1f2e';

const WECOM_APP = {
  WECOM_CORP_ID: 'ww0123456789abcdef',
  WECOM_AGENT_ID: '1000002',
  WECOM_APP_SECRET: SECRET,
  WECOM_APP_TOKEN: 'app-token-value-77',
  WECOM_APP_AES_KEY: AES,
};
const DINGTALK = { DINGTALK_APP_KEY: 'dingappkey', DINGTALK_APP_SECRET: 'ding-secret-value-99', DINGTALK_ROBOT_CODE: 'dingappkey' };

describe('readChannelEnv', () => {
  it('with nothing set every channel is off, quietly, and the defaults apply', () => {
    const env = readChannelEnv({});
    expect(env.wecomApp).toBeUndefined();
    expect(env.wecomAibot).toBeUndefined();
    expect(env.wecomKf).toBeUndefined();
    expect(env.dingtalk).toBeUndefined();
    expect(env.problems).toEqual([]);
    expect(env.port).toBe(3000);
    expect(env.dataDir).toBe('./data');
    expect(env.status.wecomApp).toEqual({ on: false, missing: [...Object.keys(WECOM_APP)], invalid: [] });
    expect(env.status.dingtalk.missing).toEqual(['DINGTALK_APP_KEY', 'DINGTALK_APP_SECRET', 'DINGTALK_ROBOT_CODE']);
  });

  it('empty strings count as unset', () => {
    expect(readChannelEnv({ WECOM_CORP_ID: '', PORT: ' ', DATA_DIR: '' })).toMatchObject({ problems: [], port: 3000, dataDir: './data' });
  });

  it('the self-built app, and 微信客服 riding on it', () => {
    const env = readChannelEnv({ ...WECOM_APP, PORT: '8080', DATA_DIR: '/var/lib/fuyuan' });
    expect(env.problems).toEqual([]);
    expect(env.wecomApp).toEqual({
      corpId: 'ww0123456789abcdef', agentId: 1000002, secret: SECRET, token: 'app-token-value-77', aesKey: AES,
      apiBase: 'https://qyapi.weixin.qq.com',
    });
    expect(env.wecomKf).toMatchObject({ corpId: 'ww0123456789abcdef', secret: SECRET, ownSecret: false });
    expect(env.port).toBe(8080);
    expect(env.dataDir).toBe('/var/lib/fuyuan');

    const own = readChannelEnv({ ...WECOM_APP, WECOM_KF_SECRET: 'kf-secret', WECOM_API_BASE: 'https://wecom.gov.example/' });
    expect(own.wecomKf).toMatchObject({ secret: 'kf-secret', ownSecret: true, apiBase: 'https://wecom.gov.example' });
    expect(own.wecomApp?.apiBase).toBe('https://wecom.gov.example');
  });

  it('partial credentials name the missing variables, never a value', () => {
    const env = readChannelEnv({ WECOM_CORP_ID: 'ww0123', WECOM_APP_SECRET: SECRET, DINGTALK_APP_SECRET: 'ding-secret-value-99' });
    expect(env.wecomApp).toBeUndefined();
    expect(env.dingtalk).toBeUndefined();
    expect(env.problems).toHaveLength(2);
    expect(env.problems[0]).toBe('企业微信自建应用的凭据不完整：已设置 WECOM_CORP_ID、WECOM_APP_SECRET，但缺少 WECOM_AGENT_ID、WECOM_APP_TOKEN、WECOM_APP_AES_KEY，该通道未开启。');
    expect(env.problems[1]).toContain('钉钉的凭据不完整');
    expect(env.problems[1]).toContain('缺少 DINGTALK_APP_KEY、DINGTALK_ROBOT_CODE');
    const all = env.problems.join('\n');
    for (const value of [SECRET, 'ding-secret-value-99', 'ww0123']) expect(all).not.toContain(value);
  });

  it('malformed values turn the channel off and are named, not quoted', () => {
    const badAes = `${AES.slice(0, 42)}`;
    const env = readChannelEnv({ ...WECOM_APP, WECOM_APP_AES_KEY: badAes, WECOM_AGENT_ID: 'agent-1' });
    expect(env.wecomApp).toBeUndefined();
    expect(env.status.wecomApp.invalid).toEqual(['WECOM_AGENT_ID', 'WECOM_APP_AES_KEY']);
    expect(env.problems).toContain('WECOM_APP_AES_KEY 的格式不对：应为 43 个字符的 EncodingAESKey');
    expect(env.problems).toContain('WECOM_AGENT_ID 的格式不对：应为数字（应用的 AgentId）');
    const all = env.problems.join('\n');
    expect(all).not.toContain(badAes);
    expect(all).not.toContain('agent-1');
    expect(env.wecomKf).toBeUndefined();
  });

  it('the 智能机器人 in callback mode and in long-connection mode', () => {
    const http = readChannelEnv({ WECOM_AIBOT_TOKEN: 'bot-token', WECOM_AIBOT_AES_KEY: AES });
    expect(http.wecomAibot).toEqual({ mode: 'http', token: 'bot-token', aesKey: AES, apiBase: 'https://qyapi.weixin.qq.com' });

    const ws = readChannelEnv({ WECOM_AIBOT_MODE: 'ws', WECOM_AIBOT_BOT_ID: 'bot-id', WECOM_AIBOT_SECRET: 'bot-secret' });
    expect(ws.wecomAibot).toEqual({ mode: 'ws', botId: 'bot-id', secret: 'bot-secret', wsUrl: 'wss://openws.work.weixin.qq.com', apiBase: 'https://qyapi.weixin.qq.com' });
    expect(ws.problems).toEqual([]);

    // Only long-connection credentials set: ws is inferred.
    expect(readChannelEnv({ WECOM_AIBOT_BOT_ID: 'bot-id', WECOM_AIBOT_SECRET: 'bot-secret' }).wecomAibot?.mode).toBe('ws');

    const partial = readChannelEnv({ WECOM_AIBOT_MODE: 'ws', WECOM_AIBOT_BOT_ID: 'bot-id' });
    expect(partial.wecomAibot).toBeUndefined();
    expect(partial.problems).toEqual(['企业微信智能机器人的凭据不完整：已设置 WECOM_AIBOT_BOT_ID、WECOM_AIBOT_MODE，但缺少 WECOM_AIBOT_SECRET，该通道未开启。']);

    const badMode = readChannelEnv({ WECOM_AIBOT_MODE: 'socket', WECOM_AIBOT_TOKEN: 'bot-token', WECOM_AIBOT_AES_KEY: AES });
    expect(badMode.problems).toEqual(['WECOM_AIBOT_MODE 的值 “socket” 无效，应为 http 或 ws']);
    expect(badMode.wecomAibot).toBeUndefined();
  });

  it('微信客服 secret without the self-built app is a problem', () => {
    const env = readChannelEnv({ WECOM_KF_SECRET: 'kf-secret-value' });
    expect(env.wecomKf).toBeUndefined();
    expect(env.problems).toHaveLength(1);
    expect(env.problems[0]).toContain('WECOM_KF_SECRET');
    expect(env.problems[0]).not.toContain('kf-secret-value');
  });

  it('DingTalk in HTTP and Stream mode, with its two API bases', () => {
    const http = readChannelEnv(DINGTALK);
    expect(http.dingtalk).toEqual({
      ...{ appKey: 'dingappkey', appSecret: 'ding-secret-value-99', robotCode: 'dingappkey' },
      mode: 'http', apiBase: 'https://api.dingtalk.com', oapiBase: 'https://oapi.dingtalk.com',
    });
    expect(readChannelEnv({ ...DINGTALK, DINGTALK_MODE: 'stream' }).dingtalk?.mode).toBe('stream');
    const wanted = readChannelEnv({ DINGTALK_MODE: 'stream' });
    expect(wanted.problems[0]).toContain('缺少 DINGTALK_APP_KEY、DINGTALK_APP_SECRET、DINGTALK_ROBOT_CODE');
    const bad = readChannelEnv({ ...DINGTALK, DINGTALK_MODE: 'websocket', DINGTALK_API_BASE: 'not a url' });
    expect(bad.problems).toEqual(['DINGTALK_API_BASE 的格式不对：应为 http:// 或 https:// 开头的网址', 'DINGTALK_MODE 的值 “websocket” 无效，应为 http 或 stream']);
    expect(bad.dingtalk).toBeUndefined();
    expect(bad.status.dingtalk.invalid).toEqual(['DINGTALK_MODE', 'DINGTALK_API_BASE']);
  });

  it('a bad PORT is reported and the default kept', () => {
    const env = readChannelEnv({ PORT: '70000' });
    expect(env.port).toBe(3000);
    expect(env.problems).toEqual(['PORT 的值 “70000” 无效，应为 0–65535 之间的整数']);
  });
});
