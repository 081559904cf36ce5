import autocannon from 'autocannon';
import { appTextXml, wecomCallbackClient } from '../test/fakes/wecom-callbacks.ts';
import { FAKE_WECOM } from '../test/proof/support/wecom-env.ts';
import { startTarget } from '../bench/support/child.ts';
const client = wecomCallbackClient({ token: FAKE_WECOM.token, encodingAESKey: FAKE_WECOM.aesKey, receiveId: FAKE_WECOM.corpId });
const pool: {path:string, body:string}[] = [];
for (let i = 0; i < 80000; i++) { const r = client.encryptedAppCallback(appTextXml({ corpId: FAKE_WECOM.corpId, from: 'demo_tax', content: '企业 E12', msgId: String(9e15 + i) })); pool.push({ path: `/wecom/app?${r.query}`, body: r.body }); }
const target = process.argv[2] ?? 'bot';
const s = await startTarget('bench/servers/wecom-target.ts', [target, '200'], { nodeArgs: process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof2'] : [] });
let c = 0;
for (let round = 0; round < Number(process.argv[3] ?? 6); round++) {
  const r = await autocannon({ url: `http://127.0.0.1:${s.port}`, connections: 20, duration: 3, requests: [{ method: 'POST', setupRequest: (req) => { const n = pool[c++ % pool.length]!; return { ...req, path: n.path, body: n.body }; } }] });
  console.log(round, (r['2xx'] / r.duration).toFixed(0), 'p50', r.latency.p50, 'p99', r.latency.p99, 'load', (await import('node:os')).loadavg()[0].toFixed(1));
}
await s.stop();
