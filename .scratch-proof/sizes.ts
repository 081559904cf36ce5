import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestBot } from '../test/support/transcript.ts';
const t = await createTestBot();
console.log(await t.say('区税务局联络员', 'single', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税 说明:"欠缴增值税5个月"'));
console.log(await t.say('区人社局联络员', 'single', '登记 E1 情形:欠薪 说明:"拖欠3个月工资，涉及42人"'));
console.log(await t.say('办公室主任', 'single', '交办 内容:解除对E1厂房的查封 牵头:法院 协办:公安局 期限:10个工作日 事项:2 企业:E1'));
console.log(await t.say('区法院联络员', 'single', '完成 T1 说明:已于12月5日解除查封并移交管理人'));
console.log(await t.say('办公室主任', 'single', '企业 E1'));
console.log(await t.say('办公室主任', 'single', '名册'));
const dir = join(t.dataDir, 'journal');
for (const f of readdirSync(dir)) for (const line of readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)) { const r = JSON.parse(line); console.log(line.length, r.action, JSON.stringify(r.changes.map((c: any) => [c.c, JSON.stringify(c.v)?.length]))); }
console.log(JSON.stringify(t.app.store.get('tasks','T1')));
console.log(JSON.stringify(t.app.store.get('enterprises','E1')));
console.log(JSON.stringify([...t.app.store.values('outbox')][0]));
await t.close();
