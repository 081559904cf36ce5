import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type IntakeBot, createIntakeBot } from './harness.ts';

let t: IntakeBot;
afterEach(async () => t?.close());

const STAFF = '纾困中心工作人员甲';
const LISTED = '91440300192317458F';
const OTHER = '91110108551385082Q';

/** Words that would reveal the mechanism's internals to an enterprise. */
const INTERNAL = [/E\d/u, /档/u, /（[保帮关]）/u, /预警/u, /名册/u, /税务/u, /人社/u, /某某商贸/u, /核实欠税/u, /欠税/u];

/** Nothing internal, and no ticket but the enterprise's own. */
function expectNothingInternal(texts: string[], ownTicket: string): void {
  for (const text of texts) {
    for (const word of INTERNAL) expect(text, `${word} in ${text}`).not.toMatch(word);
    for (const q of text.match(/Q\d+/gu) ?? []) expect(q, text).toBe(ownTicket);
  }
}

describe('the enterprise never sees anything internal', () => {
  it('gets the same receipt whether or not its code or name is on the roster, and 进度 tells only its own state', async () => {
    t = await createIntakeBot();
    await t.say('区税务局联络员', 'single', `登记 某某机械有限公司 代码:${LISTED} 情形:欠税 说明:"欠税8个月"`);
    await t.say('区人社局联络员', 'single', `登记 某某商贸有限公司 代码:${OTHER} 情形:欠薪`);
    await t.say('办公室主任', 'single', '分档 E1 档:2 理由:"订单充足，短期资金困难" 措施:预重整');
    t.takeStaffPushes();

    await t.customerSays('wmListed', `某某机械有限公司，代码${LISTED}，账户被冻结`);
    await t.customerSays('wmUnknown', '某某电子有限公司，代码91440300MA5FXXXXXX，账户被冻结');
    expect(t.app.store.get('tickets', 'Q1')).toMatchObject({ enterpriseId: 'E1' });
    expect(t.app.store.get('tickets', 'Q2')!.enterpriseId).toBeUndefined();
    const [listedReceipt] = t.toCustomer('wmListed');
    const [unknownReceipt] = t.toCustomer('wmUnknown');
    expect(listedReceipt!.replace('Q1', 'Qn')).toBe(unknownReceipt!.replace('Q2', 'Qn'));
    // Staff do see the file summary.
    expect(t.takeStaffPushes()[0]!.text).toMatch(/企业：E1 某某机械有限公司 · 代码 91440300192317458F · 二档（帮） · 预警：区税务局/u);

    await t.say(STAFF, 'single', '转办 Q1 单位:税务局 说明:"请核实欠税，E1已分二档"');
    await t.say('区税务局联络员', 'single', '回复 Q1 您好，已安排专人联系您。');
    await t.customerSays('wmListed', '进度');
    await t.customerSays('wmUnknown', '进度');
    await t.customerSays('wmNobody', '查询进度');
    const listed = t.toCustomer('wmListed');
    expect(listed.at(-1)).toBe('您的诉求 Q1（2026年11月23日提交）：正在办理（已转相关部门协同办理）。\n最近一次答复（2026年11月23日）：您好，已安排专人联系您。\n需要补充情况请直接发送。');
    expect(t.toCustomer('wmUnknown').at(-1)).toBe('您的诉求 Q2（2026年11月23日提交）：已收到，等待受理。\n需要补充情况请直接发送。');
    expect(t.toCustomer('wmNobody')).toEqual(['您还没有提交过诉求。请直接发送企业遇到的困难，我们会尽快答复。']);
    // The reply itself is the liaison's text; nothing else the enterprise received names a unit, a tier or another ticket.
    expectNothingInternal(listed.filter((x) => !x.startsWith('纾困中心答复')), 'Q1');
    expectNothingInternal(t.toCustomer('wmUnknown'), 'Q2');
    expect([...t.app.store.values('tickets')]).toHaveLength(2); // 进度 opens no ticket
  });

  it('answers 进度 from the latest closed ticket without reopening it', async () => {
    t = await createIntakeBot();
    await t.customerSays('wmA', '账户被冻结');
    await t.app.store.transact({ actor: 'test', action: 'close' }, (tx) => {
      const q = tx.get('tickets', 'Q1')!;
      tx.put('tickets', { ...q, state: '已办结', closedAt: t.clock.now.toISOString() });
    });
    await t.customerSays('wmA', '进度');
    expect(t.toCustomer('wmA').at(-1)).toBe('您的诉求 Q1（2026年11月23日提交）：已办结。\n如有新的困难，请直接发送，我们会作为新的诉求受理。');
    expect(t.app.store.get('tickets', 'Q2')).toBeUndefined();
  });
});

describe('personal data in logs', () => {
  it('masks phone and ID numbers of a ticket logged through the logger', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fuyuan-log-')), 'out.log');
    vi.stubEnv('LOG_FILE', file);
    vi.stubEnv('LOG_LEVEL', 'info');
    vi.resetModules();
    try {
      const { logger } = await import('../../src/log/log.ts');
      const ticket = {
        id: 'Q1',
        messages: [{ from: 'customer', text: '联系人王经理，电话13812345678，身份证110105199001011234，账户被冻结', at: '2026-11-23T01:00:00.000Z' }],
      };
      logger.info({ request: ticket }, 'ticket 13912345678');
      // Under the key `ticket` the whole object is withheld: the logger treats that key as a secret (jsapi ticket).
      logger.info({ ticket }, 'second');
      // The destination is asynchronous (it opens the file, then writes): wait for the line.
      let line = '';
      for (let i = 0; i < 200 && !line.includes('second'); i++) {
        logger.flush();
        await new Promise((r) => setTimeout(r, 10));
        line = readFileSync(file, 'utf8');
      }
      expect(line).toContain('138****5678');
      expect(line).toContain('110***********1234');
      expect(line).toContain('ticket 139****5678');
      expect(line).not.toMatch(/13812345678|110105199001011234|13912345678/u);
      expect(line).toContain('"ticket":"***"');
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
