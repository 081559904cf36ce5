import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { KfIntake } from '../../src/intake/intake.ts';
import { KfApi } from '../../src/channels/wecom/kf-api.ts';
import { WecomApiClient } from '../../src/channels/wecom/api-client.ts';
import { KF, type IntakeBot, createIntakeBot } from './harness.ts';

let t: IntakeBot;
afterEach(async () => t?.close());

const RECEIPT_Q1 = '您好，您的诉求已收到，编号 Q1。\n我们一般在2个工作日内答复（预计2026年11月24日前）。\n需要补充情况请直接发送；发送“进度”可查询办理情况。';

describe('a WeChat customer writes to the rescue center', () => {
  it('opens Q1, gives the enterprise a receipt with the answer time, and tells the center group', async () => {
    t = await createIntakeBot(); // Monday 2026-11-23 09:00
    await t.customerSays('wmA', '我们公司基本户被法院冻结了，下周发不出工资');
    const q1 = t.app.store.get('tickets', 'Q1')!;
    expect(q1).toMatchObject({ externalUserId: 'wmA', openKfId: KF, state: '待受理', suggestedCategory: '账户冻结' });
    expect(q1.messages).toEqual([{ from: 'customer', text: '我们公司基本户被法院冻结了，下周发不出工资', at: '2026-11-23T01:00:00.000Z', msgid: expect.any(String) }]);
    expect(t.toCustomer('wmA')).toEqual([RECEIPT_Q1]);
    const [notice, ...rest] = t.takeStaffPushes();
    expect(rest).toEqual([]);
    expect(notice!.to).toBe('纾困中心工作群');
    expect(notice!.text).toBe(
      [
        '【企业诉求】Q1（建议类别：账户冻结，依据“冻结、基本户”）',
        '企业：未关联名册',
        '企业留言：',
        '· 我们公司基本户被法院冻结了，下周发不出工资',
        '答复时限：11月24日 17:00前',
        '受理：受理 Q1 类别:账户冻结',
        '答复企业：回复 Q1 <答复内容>',
        '转成员单位：转办 Q1 单位:<单位> 说明:<说明>',
        '关联名册：关联 Q1 企业:<E编号>',
      ].join('\n'),
    );
  });

  it('adds later messages to the open ticket without another receipt; staff see the addition', async () => {
    t = await createIntakeBot();
    await t.customerSays('wmA', '设备被查封了');
    t.takeStaffPushes();
    await t.customerSays('wmA', '联系人王经理');
    expect(t.app.store.get('tickets', 'Q1')!.messages.map((m) => m.text)).toEqual(['设备被查封了', '联系人王经理']);
    expect(t.app.store.get('tickets', 'Q2')).toBeUndefined();
    expect(t.toCustomer('wmA')).toHaveLength(1);
    const [notice] = t.takeStaffPushes();
    expect(notice!.text).toMatch(/^【诉求补充】Q1（建议类别：设备查封，依据“查封”）\n/u);
    expect(notice!.text).toContain('· 联系人王经理');
  });

  it('gives each customer their own ticket, and one notice per ticket for a page with several messages', async () => {
    t = await createIntakeBot();
    t.fake.kf.customerSays(KF, 'wmA', '账户冻结');
    t.fake.kf.customerSays(KF, 'wmA', '急');
    const { token } = t.fake.kf.customerSays(KF, 'wmB', '想申请续贷');
    await t.intake.onKfEvent({ token, openKfId: KF });
    await t.app.outbox.runOnce();
    expect(t.app.store.get('tickets', 'Q1')).toMatchObject({ externalUserId: 'wmA', suggestedCategory: '账户冻结' });
    expect(t.app.store.get('tickets', 'Q2')).toMatchObject({ externalUserId: 'wmB', suggestedCategory: '融资' });
    expect(t.toCustomer('wmA')).toHaveLength(1);
    expect(t.toCustomer('wmB')[0]).toMatch(/编号 Q2/u);
    const notices = t.takeStaffPushes();
    expect(notices.map((n) => n.text.split('\n')[0])).toEqual(['【企业诉求】Q1（建议类别：账户冻结，依据“冻结、账户”）', '【企业诉求】Q2（建议类别：融资，依据“续贷”）']);
    expect(notices[0]!.text).toContain('· 账户冻结\n· 急');
  });

  it('turns only the customer’s own messages into requests: servicer messages and events open nothing', async () => {
    t = await createIntakeBot();
    t.fake.kf.servicerSays(KF, 'wmA', '您好，请问有什么可以帮您');
    const { token } = t.fake.kf.event(KF, 'wmA', { event_type: 'session_status_change', change_type: 1 });
    await t.intake.onKfEvent({ token, openKfId: KF });
    expect([...t.app.store.values('tickets')]).toEqual([]);
    expect(t.app.store.get('kfSessions', `${KF}:wmA`)).toMatchObject({ serviceState: 3 });
    expect(t.takeStaffPushes()).toEqual([]);
  });

  it('records images and files as labels and tells staff to look in the 客服 tool', async () => {
    t = await createIntakeBot();
    await t.customerSays('wmA', '', { msgtype: 'image' });
    expect(t.app.store.get('tickets', 'Q1')!.messages[0]!.text).toBe('[图片]');
    expect(t.takeStaffPushes()[0]!.text).toContain('（图片、文件等请在企业微信“微信客服”中查看）');
  });
});

describe('pulling: cursor, de-duplication, serialization', () => {
  it('pages while has_more, saving the cursor of each page with its effects', async () => {
    t = await createIntakeBot({ pageSize: 2 });
    for (const [i, ext] of ['wmA', 'wmB', 'wmC', 'wmD', 'wmE'].entries()) t.fake.kf.customerSays(KF, ext, `诉求${i + 1}`);
    await t.intake.onKfEvent({ token: t.fake.kf.newToken(KF), openKfId: KF });
    const calls = t.fake.callsTo('kf/sync_msg').map((c) => c.body as { cursor: string; limit: number });
    expect(calls).toHaveLength(3);
    expect(calls[0]!.cursor).toBe('');
    expect(calls.every((c) => c.limit === 2)).toBe(true);
    expect([...t.app.store.values('tickets')].map((x) => x.id).sort()).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
    // The saved cursor is the last page's next_cursor: the next pull starts after message 5.
    await t.customerSays('wmF', '诉求6');
    const last = t.fake.callsTo('kf/sync_msg').at(-1)!.body as { cursor: string };
    expect(last.cursor).not.toBe('');
    expect(t.app.store.get('tickets', 'Q6')).toMatchObject({ externalUserId: 'wmF' });
    expect(t.app.store.get('tickets', 'Q7')).toBeUndefined();
  });

  it('acts once on a duplicate callback, sequential or concurrent', async () => {
    t = await createIntakeBot();
    const { token } = t.fake.kf.customerSays(KF, 'wmA', '账户冻结了');
    await t.intake.onKfEvent({ token, openKfId: KF });
    await t.intake.onKfEvent({ token, openKfId: KF });
    await Promise.all([t.intake.onKfEvent({ token, openKfId: KF }), t.intake.onKfEvent({ token, openKfId: KF })]);
    await t.app.outbox.runOnce();
    expect([...t.app.store.values('tickets')]).toHaveLength(1);
    expect(t.app.store.get('tickets', 'Q1')!.messages).toHaveLength(1);
    expect(t.toCustomer('wmA')).toHaveLength(1);
    expect(t.takeStaffPushes()).toHaveLength(1);
  });

  it('keeps the cursor across a restart: nothing is acted on twice', async () => {
    t = await createIntakeBot();
    await t.customerSays('wmA', '账户冻结了');
    const cursor = t.app.store.get('kfCursors', KF)!.cursor;
    await t.restart({ crash: true });
    await t.customerSays('wmA', '补充：涉及三个银行账户');
    expect((t.fake.callsTo('kf/sync_msg').at(-1)!.body as { cursor: string }).cursor).toBe(cursor);
    expect(t.app.store.get('tickets', 'Q1')!.messages.map((m) => m.text)).toEqual(['账户冻结了', '补充：涉及三个银行账户']);
    expect(t.toCustomer('wmA')).toHaveLength(1);
  });

  it('skips messages already acted on even when the cursor is lost (re-read from the last 3 days)', async () => {
    t = await createIntakeBot();
    await t.customerSays('wmA', '账户冻结了');
    await t.app.store.transact({ actor: 'test', action: 'lose-cursor' }, (tx) => tx.delete('kfCursors', KF));
    await t.customerSays('wmA', '补充材料');
    expect((t.fake.callsTo('kf/sync_msg').at(-1)!.body as { cursor: string }).cursor).toBe('');
    expect(t.app.store.get('tickets', 'Q1')!.messages.map((m) => m.text)).toEqual(['账户冻结了', '补充材料']);
    expect(t.toCustomer('wmA')).toHaveLength(1);
  });

  it('never runs two pulls of one account at once; events meanwhile collapse into one more pull', async () => {
    t = await createIntakeBot();
    const real = new KfApi(new WecomApiClient({ baseUrl: t.fake.baseUrl, corpId: t.fake.corpId, secret: t.fake.secret, agentId: 0 }));
    let inFlight = 0;
    let most = 0;
    let pulls = 0;
    const api = {
      syncMsg: async (body: Parameters<KfApi['syncMsg']>[0]) => {
        inFlight++;
        pulls++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        try {
          return await real.syncMsg(body);
        } finally {
          inFlight--;
        }
      },
      sendTextOnEvent: real.sendTextOnEvent.bind(real),
      getServiceState: real.getServiceState.bind(real),
    };
    const intake = new KfIntake({ store: t.app.store, config: t.config, calendar: t.app.calendar, api, clock: () => t.clock.now });
    const first = intake.onKfEvent({ token: t.fake.kf.customerSays(KF, 'wmA', '诉求一').token, openKfId: KF });
    while (inFlight === 0) await new Promise((r) => setTimeout(r, 1));
    // Three more events while the first pull runs: they wait, as one pull with the newest token.
    const tokens = ['wmB', 'wmC', 'wmD'].map((ext) => t.fake.kf.customerSays(KF, ext, `诉求 ${ext}`).token);
    await Promise.all([first, ...tokens.map((token) => intake.onKfEvent({ token, openKfId: KF }))]);
    expect((t.fake.callsTo('kf/sync_msg').at(-1)!.body as { token: string }).token).toBe(tokens[2]);
    expect(most).toBe(1);
    expect(pulls).toBe(2);
    expect([...t.app.store.values('tickets')]).toHaveLength(4);
  });

  it('pulls without the token when it has expired (valid 10 minutes)', async () => {
    t = await createIntakeBot();
    const { token } = t.fake.kf.customerSays(KF, 'wmA', '账户冻结了');
    t.clock.advanceMs(11 * 60_000);
    await t.intake.onKfEvent({ token, openKfId: KF });
    const calls = t.fake.callsTo('kf/sync_msg').map((c) => c.body as { token?: string });
    expect(calls.map((c) => c.token)).toEqual([token, undefined]);
    expect(t.app.store.get('tickets', 'Q1')).toBeDefined();
  });

  it('leaves the cursor where it was when the pull fails, so the next event reads the messages again', async () => {
    t = await createIntakeBot();
    const { token } = t.fake.kf.customerSays(KF, 'wmA', '账户冻结了');
    t.fake.failNext(1, { http: 502 }, 'kf/sync_msg');
    await t.intake.onKfEvent({ token, openKfId: KF });
    expect(t.app.store.get('kfCursors', KF)).toBeUndefined();
    expect(t.app.store.get('tickets', 'Q1')).toBeUndefined();
    await t.intake.onKfEvent({ token, openKfId: KF });
    expect(t.app.store.get('tickets', 'Q1')).toBeDefined();
  });

  it('catches up after a start on every account seen before, without a token', async () => {
    t = await createIntakeBot();
    await t.customerSays('wmA', '账户冻结了');
    t.fake.kf.customerSays(KF, 'wmB', '设备被查封'); // its callback never reached us
    await t.intake.catchUp();
    expect(t.app.store.get('tickets', 'Q2')).toMatchObject({ externalUserId: 'wmB' });
    expect((t.fake.callsTo('kf/sync_msg').at(-1)!.body as { token?: string }).token).toBeUndefined();
  });

  it('ignores accounts outside config.kfAccounts when the config narrows them', async () => {
    const base = loadConfig();
    t = await createIntakeBot({ config: { ...base, kfAccounts: ['wkOtherAccount'] } });
    await t.customerSays('wmA', '账户冻结了');
    expect(t.fake.callsTo('kf/sync_msg')).toEqual([]);
    expect([...t.app.store.values('tickets')]).toEqual([]);
  });
});

describe('the welcome message (enter_session)', () => {
  it('goes out at once with the welcome_code and opens no ticket', async () => {
    t = await createIntakeBot();
    const { token, welcomeCode } = t.fake.kf.enterSession(KF, 'wmA');
    await t.intake.onKfEvent({ token, openKfId: KF });
    expect(t.fake.kf.welcomes).toEqual([
      {
        code: welcomeCode,
        content:
          '您好，这里是城区企业纾困司法协同中心。\n请直接发送企业遇到的困难（如账户被冻结、设备被查封、欠薪纠纷、信用修复、融资等），并写明企业名称或统一社会信用代码、联系人和电话。\n我们一般在2个工作日内答复。发送“进度”可随时查询办理情况。',
        at: t.clock.now.getTime(),
      },
    ]);
    expect([...t.app.store.values('tickets')]).toEqual([]);
    // It is not sent twice when the page is read again.
    await t.app.store.transact({ actor: 'test', action: 'lose-cursor' }, (tx) => tx.delete('kfCursors', KF));
    await t.intake.onKfEvent({ token: t.fake.kf.newToken(KF), openKfId: KF });
    expect(t.fake.callsTo('kf/send_msg_on_event')).toHaveLength(1);
  });

  it('logs a welcome_code that expired (20 s) and carries on', async () => {
    t = await createIntakeBot();
    const { token } = t.fake.kf.enterSession(KF, 'wmA');
    t.clock.advanceMs(21_000);
    await t.intake.onKfEvent({ token, openKfId: KF });
    expect(t.fake.kf.welcomes).toEqual([]);
    expect(t.app.store.get('kfCursors', KF)).toBeDefined();
  });

  it('sends none when the platform gives no code (welcomed within 48 hours)', async () => {
    t = await createIntakeBot();
    const { token } = t.fake.kf.enterSession(KF, 'wmA', { welcome: false });
    await t.intake.onKfEvent({ token, openKfId: KF });
    expect(t.fake.callsTo('kf/send_msg_on_event')).toEqual([]);
  });
});
