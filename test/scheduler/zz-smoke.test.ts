import { describe, it, expect } from 'vitest';
import { createTestBot } from '../../test/support/transcript.ts';
import { runDue } from '../../src/scheduler/run-due.ts';
import { describeRun } from '../../src/scheduler/describe.ts';
describe('smoke', () => {
  it('runs', async () => {
    const t = await createTestBot({ at: '2026-12-01T08:00:00+08:00' });
    await t.say('区税务局联络员', 'single', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税 说明:欠税6个月');
    t.takePushes();
    for (const at of ['2026-12-01T08:30:00+08:00', '2026-12-01T09:00:00+08:00']) {
      t.clock.set(at);
      const r = await runDue(t.app, t.clock.now);
      await t.app.outbox.runOnce();
      console.log(describeRun(r).join('\n'));
    }
    const p = t.takePushes();
    console.log(p.length, p.slice(0, 3).map((x) => `${x.to}\n${x.text}`).join('\n----\n'));
    console.log(p.find((x) => x.to === '办公室主任')?.text);
    await t.close();
  });
});
