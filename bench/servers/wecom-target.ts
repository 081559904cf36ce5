/**
 * One HTTP target of the WeCom callback benchmark, run in its own process so the load generator
 * never shares its CPU time: `tsx bench/servers/wecom-target.ts <bot|protocol|bare>`.
 * Prints `READY <port>` on stdout when it listens, and exits when stdin closes.
 *
 * - bot: the real service path — createApp (real store in a temporary data directory, seeded with
 *   enterprises through 登记), setupWecom's routes in createHttpApp, the Bot, the passive reply.
 * - protocol: the protocol's unavoidable work only: signature check, decryption, outer and inner
 *   XML parse, an encrypted passive reply of a constant — with the same crypto and XML modules.
 * - bare: koa answering a constant.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Router } from '@koa/router';
import Koa from 'koa';
import { createApp } from '../../src/app.ts';
import { setupWecom } from '../../src/channels/wecom/setup.ts';
import { readBody } from '../../src/channels/wecom/body.ts';
import { guarded, signedQuery } from '../../src/channels/wecom/callback-http.ts';
import { WecomCrypto } from '../../src/channels/wecom/crypto.ts';
import { parseOuterXml, parseXml, passiveTextXml } from '../../src/channels/wecom/xml.ts';
import { loadConfig } from '../../src/config/load.ts';
import { logger } from '../../src/log/log.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { seedEnterprises } from '../../test/proof/support/seed.ts';
import { FAKE_WECOM, wecomAppEnv } from '../../test/proof/support/wecom-env.ts';
import { systemClock } from '../../src/domain/clock.ts';

const kind = process.argv[2];
const seedCount = Number(process.argv[3] ?? 200);

const CONSTANT = '已收到。';

/**
 * `GET /__cpu`: this process's CPU time so far (µs) and the journal's fsyncs, so the benchmark can
 * report CPU time per request — a figure that other load on the machine disturbs much less than
 * requests per second.
 */
let fsyncs = 0;
async function countFsyncs(): Promise<void> {
  const { open } = await import('node:fs/promises');
  const probe = await open(join(tmpdir(), `fuyuan-bench-probe-${process.pid}`), 'w');
  const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
  await probe.close();
  const datasync = proto.datasync;
  proto.datasync = function (this: unknown) {
    fsyncs++;
    return datasync.call(this);
  };
}
function cpuRoute(router: Router): void {
  router.get('/__cpu', (ctx) => {
    const u = process.cpuUsage();
    ctx.body = { cpuMicros: u.user + u.system, fsyncs };
  });
}

async function bot(): Promise<{ koa: Koa; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuyuan-bench-wecom-'));
  // Nothing here sends: 企业 pushes nothing, so no outbox worker and no sender are needed.
  const app = await createApp({ config: loadConfig(), dataDir, senders: [], clock: systemClock });
  await seedEnterprises(app, seedCount);
  const wecom = setupWecom({ bot: app.bot, store: app.store, app: wecomAppEnv('http://127.0.0.1:9') })!;
  const koa = createHttpApp({ store: app.store, routes: [wecom.routes, cpuRoute], channels: { wecomApp: true } });
  return {
    koa,
    cleanup: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function protocol(): Koa {
  const crypto = new WecomCrypto(FAKE_WECOM.token, FAKE_WECOM.aesKey, FAKE_WECOM.corpId);
  const router = new Router();
  cpuRoute(router);
  router.post('/wecom/app', (ctx) =>
    guarded(ctx, logger, '/wecom/app', async () => {
      const q = signedQuery(ctx);
      const outer = parseOuterXml(await readBody(ctx));
      const msg = parseXml(crypto.open(q.signature, q.timestamp, q.nonce, outer.encrypt));
      const xml = passiveTextXml({ toUser: msg.FromUserName ?? '', fromCorp: FAKE_WECOM.corpId, createTime: Date.now() / 1000, content: CONSTANT });
      ctx.type = 'application/xml';
      ctx.body = crypto.encryptReplyXml(xml, q.timestamp, q.nonce);
    }),
  );
  const koa = new Koa();
  koa.use(router.routes()).use(router.allowedMethods());
  return koa;
}

function bare(): Koa {
  const router = new Router();
  cpuRoute(router);
  router.post('/wecom/app', (ctx) => {
    ctx.body = CONSTANT;
  });
  const koa = new Koa();
  koa.use(router.routes()).use(router.allowedMethods());
  return koa;
}

async function main(): Promise<void> {
  await countFsyncs();
  const target = kind === 'bot' ? await bot() : { koa: kind === 'protocol' ? protocol() : kind === 'bare' ? bare() : undefined, cleanup: async () => undefined };
  if (!target.koa) throw new Error(`unknown target ${kind}`);
  const server: Server = await new Promise((resolve) => {
    const s = target.koa!.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.keepAliveTimeout = 60_000;
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    server.closeAllConnections();
    server.close();
    void target.cleanup().finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
