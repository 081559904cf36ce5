import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DingtalkSender } from '../../../src/channels/dingtalk/sender.ts';
import { setupDingtalk } from '../../../src/channels/dingtalk/setup.ts';
import type { DingtalkEnv } from '../../../src/config/env.ts';
import type { Bot } from '../../../src/core/bot.ts';
import type { Person } from '../../../src/domain/types.ts';
import { FakeDingtalkServer, postRobotCallback, robotMessage } from '../../fakes/dingtalk-server.ts';

const liaison: Person = { id: 'p-tax', name: '区税务局联络员', roles: ['liaison'], ids: { dingtalk: 'staff-tax-01' } };

describe('setupDingtalk', () => {
  let fake: FakeDingtalkServer;
  let server: Server | undefined;
  beforeEach(async () => {
    fake = await FakeDingtalkServer.start();
  });
  afterEach(async () => {
    server?.closeAllConnections();
    server?.close();
    await fake.close();
  });

  it('is off without credentials', () => {
    expect(setupDingtalk({ bot: {} as Bot })).toBeUndefined();
  });

  it('wires the HTTP callback to the bot (defer, handle) and @-mentions by person id', async () => {
    const calls: string[] = [];
    const bot = {
      handle: vi.fn(async () => {
        calls.push('handle');
        return [{ text: '请跟进', mentions: ['p-tax'] }];
      }),
      defer: vi.fn(async (_msg: unknown, opts: { repliesViaOutbox: boolean }) => {
        calls.push(`defer:${opts.repliesViaOutbox}`);
      }),
      config: { personById: (id: string) => (id === liaison.id ? liaison : undefined) },
    } as unknown as Bot;
    const env: DingtalkEnv = {
      appKey: fake.appKey, appSecret: fake.appSecret, robotCode: fake.robotCode, mode: 'http', apiBase: fake.baseUrl, oapiBase: fake.baseUrl,
    };
    const setup = setupDingtalk({ bot, env })!;
    expect(setup.sender).toBeInstanceOf(DingtalkSender);
    const app = new Koa();
    const router = new Router();
    setup.routes(router);
    app.use(router.routes());
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dingtalk/robot`;

    const res = await postRobotCallback(url, robotMessage({ sessionWebhook: fake.sessionWebhookUrl() }), { appSecret: fake.appSecret });
    expect(res.status).toBe(200);
    await setup.stop();
    expect(calls).toEqual(['defer:false', 'handle']);
    expect(fake.callsTo('/robot/sendBySession')[0]!.body).toMatchObject({ at: { atUserIds: ['staff-tax-01'] } });
  });
});
