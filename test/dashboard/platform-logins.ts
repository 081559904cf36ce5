/** The dashboard's sign-in settings pointed at the fake WeCom and DingTalk servers. */
import { DingtalkApiClient } from '../../src/channels/dingtalk/api-client.ts';
import { WecomApiClient } from '../../src/channels/wecom/api-client.ts';
import type { DingtalkLogin, WecomLogin } from '../../src/dashboard/settings.ts';
import { FakeDingtalkServer } from '../fakes/dingtalk-server.ts';
import { type FakeWecom, startFakeWecom } from '../fakes/wecom-server.ts';

export interface FakePlatforms {
  wecomFake: FakeWecom;
  dingtalkFake: FakeDingtalkServer;
  wecom: WecomLogin;
  dingtalk: DingtalkLogin;
  close(): Promise<void>;
}

export async function startFakePlatforms(): Promise<FakePlatforms> {
  const wecomFake = await startFakeWecom();
  const dingtalkFake = await FakeDingtalkServer.start();
  const d = dingtalkFake;
  return {
    wecomFake,
    dingtalkFake,
    wecom: {
      corpId: wecomFake.corpId,
      agentId: wecomFake.agentId,
      oauthBase: wecomFake.baseUrl,
      api: new WecomApiClient({ baseUrl: wecomFake.baseUrl, corpId: wecomFake.corpId, secret: wecomFake.secret, agentId: wecomFake.agentId }),
    },
    dingtalk: {
      appKey: d.appKey,
      appSecret: d.appSecret,
      loginBase: d.baseUrl,
      apiBase: d.baseUrl,
      oapiBase: d.baseUrl,
      api: new DingtalkApiClient({ apiBase: d.baseUrl, oapiBase: d.baseUrl, appKey: d.appKey, appSecret: d.appSecret, robotCode: d.robotCode }),
    },
    async close() {
      await wecomFake.close();
      await dingtalkFake.close();
    },
  };
}
