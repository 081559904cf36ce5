import { describe, expect, it } from 'vitest';
import { describeConfig } from '../../src/config/describe.ts';
import { readChannelEnv } from '../../src/config/env.ts';
import { loadConfig, loadConfigText } from '../../src/config/load.ts';
import { MINIMAL } from './helpers.ts';

const AES_APP = 'Q7fakeAppAesKeyQ7fakeAppAesKeyQ7fakeAppAes1'; // 43
const AES_BOT = 'Z9fakeBotAesKeyZ9fakeBotAesKeyZ9fakeBotAes2'; // 43

/** Every secret the service can be given, each a recognisable fake. */
const SECRETS = {
  WECOM_APP_SECRET: 'fake-wecom-app-secret-111',
  WECOM_APP_TOKEN: 'fake-wecom-app-token-222',
  WECOM_APP_AES_KEY: AES_APP,
  WECOM_AIBOT_TOKEN: 'fake-aibot-token-333',
  WECOM_AIBOT_AES_KEY: AES_BOT,
  WECOM_KF_SECRET: 'fake-kf-secret-444',
  DINGTALK_APP_SECRET: 'fake-dingtalk-secret-555',
  WECOM_LIAISON_WEBHOOK_KEY: 'fake-webhook-key-666',
  DINGTALK_LIAISON_ROBOT_TOKEN: 'fake-robot-token-777',
  DINGTALK_LIAISON_ROBOT_SECRET: 'fake-robot-secret-888',
};

describe('describeConfig', () => {
  it('says which channels are off and why', () => {
    const text = describeConfig(loadConfig(undefined, {}), readChannelEnv({}));
    expect(text).toContain('城区企业破产处置府院联动机制');
    expect(text).toContain('企业微信自建应用：未开启（缺少 WECOM_CORP_ID、WECOM_AGENT_ID、WECOM_APP_SECRET、WECOM_APP_TOKEN、WECOM_APP_AES_KEY）');
    expect(text).toContain('企业微信智能机器人：未开启（缺少 WECOM_AIBOT_TOKEN、WECOM_AIBOT_AES_KEY');
    expect(text).toContain('微信客服：未开启（需要先开启企业微信自建应用');
    expect(text).toContain('钉钉：未开启（缺少 DINGTALK_APP_KEY、DINGTALK_APP_SECRET、DINGTALK_ROBOT_CODE）');
    expect(text).toContain('本地控制台：始终可用');
  });

  it('lists units with their liaisons, the office roles, groups, rhythms and warnings', () => {
    const text = describeConfig(loadConfig(undefined, {}), readChannelEnv({}));
    expect(text).toContain('成员单位（17 个）');
    expect(text).toContain('区税务局（tax，别名：税务局、税务）— 联络员 1 名：区税务局联络员');
    expect(text).toContain('办公室主任（1 名）：办公室主任（区法院）');
    expect(text).toContain('召集人（2 名）：召集人');
    expect(text).toContain('纾困中心工作人员（2 名）');
    expect(text).toContain('系统管理员（1 名）');
    expect(text).toMatch(/府院联动联络员群（liaison-group，联络员群）— 已绑定：企业微信、钉钉、本地控制台；企业微信群机器人推送未设置/);
    expect(text).toContain('季度排查：每季度第 3 个月的第一个工作日开始，10 个工作日内答复');
    expect(text).toContain('联席会议：每半年一次；专题会议：每季度一次');
    expect(text).toContain('没有补录的年份');
    expect(text).toContain('⚠ groups[0]（府院联动联络员群）的 webhookEnv 指向的环境变量没有设置：WECOM_LIAISON_WEBHOOK_KEY');
  });

  it('with every channel on, shows no secret value anywhere', () => {
    const env = {
      ...SECRETS,
      WECOM_CORP_ID: 'ww-fake-corp',
      WECOM_AGENT_ID: '1000002',
      DINGTALK_APP_KEY: 'dingfakeappkey',
      DINGTALK_ROBOT_CODE: 'dingfakeappkey',
      DINGTALK_MODE: 'stream',
    };
    const config = loadConfig(undefined, env);
    const channelEnv = readChannelEnv(env);
    expect(channelEnv.problems).toEqual([]);
    const text = describeConfig(config, channelEnv);
    expect(text).toContain('企业微信自建应用：已开启');
    expect(text).toContain('企业微信智能机器人：已开启（回调模式 http）');
    expect(text).toContain('微信客服：已开启（使用 WECOM_KF_SECRET）');
    expect(text).toContain('钉钉：已开启（Stream 模式）');
    expect(text).toContain('企业微信群机器人推送已设置，钉钉群机器人推送已设置（含加签）');
    expect(text).toContain('一切正常');
    for (const [name, value] of Object.entries(SECRETS)) expect(text, name).not.toContain(value);
  });

  it('partial credentials: names, never values', () => {
    const env = { WECOM_CORP_ID: 'ww-fake-corp', WECOM_APP_SECRET: SECRETS.WECOM_APP_SECRET, DINGTALK_APP_SECRET: SECRETS.DINGTALK_APP_SECRET };
    const text = describeConfig(loadConfig(undefined, env), readChannelEnv(env));
    expect(text).toContain('企业微信自建应用：未开启（缺少 WECOM_AGENT_ID、WECOM_APP_TOKEN、WECOM_APP_AES_KEY）');
    expect(text).toContain('⚠ 企业微信自建应用的凭据不完整');
    expect(text).toContain('⚠ 钉钉的凭据不完整');
    expect(text).not.toContain(SECRETS.WECOM_APP_SECRET);
    expect(text).not.toContain(SECRETS.DINGTALK_APP_SECRET);
  });

  it('shows calendar override years and a unit without a liaison', () => {
    const yaml = `${MINIMAL.replace('  - { id: court-liaison, name: 区法院联络员, roles: [liaison], unit: court, ids: { wecom: u_court } }\n', '')}calendarOverrides:\n  - { year: 2027, holidays: ["2027-01-01", "2027-01-02"], workdays: ["2027-02-20"] }\n`;
    const text = describeConfig(loadConfigText(yaml, 'x.yaml', {}), readChannelEnv({}));
    expect(text).toContain('2027 年：节假日 2 天，调休上班 1 天');
    expect(text).toContain('区法院（court，别名：法院）— ⚠ 没有联络员');
    expect(text).toContain('⚠ units[0]（区法院）没有联络员');
  });
});
