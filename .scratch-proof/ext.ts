import { createIntakeBot } from '../test/intake/harness.ts';
import { buildWorld } from '../test/proof/support/world.ts';
const t = await createIntakeBot();
await buildWorld(t, (e, x) => t.customerSays(e, x));
for (const x of ['名册', '企业 E12', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠薪', '进度', '帮助', '交办 内容:解除对E12厂房的查封 牵头:法院']) {
  const seq = t.app.store.lastSeq;
  await t.customerSays('wmPerm', x);
  console.log(x, '=>', JSON.stringify(t.toCustomer('wmPerm').at(-1)), t.app.store.lastSeq - seq);
}
await t.close();
process.exit(0);
