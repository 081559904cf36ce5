import { afterEach, describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar/working-days.ts';
import { type TicketDigestEnv, overdueTickets, ticketDailyDigest, ticketFigures, ticketWeeklySection } from '../../src/intake/service-level.ts';
import type { Ticket } from '../../src/store/model.ts';
import { runDue } from '../../src/scheduler/run-due.ts';
import { ticketRemindersJob } from '../../src/scheduler/jobs/tickets.ts';
import { type IntakeBot, createIntakeBot } from './harness.ts';

const cal = new WorkingCalendar();
const at = (s: string) => new Date(`${s}+08:00`);

function ticket(id: string, createdAt: string, extra: Partial<Ticket> = {}): Ticket {
  return {
    id,
    externalUserId: `wm${id}`,
    openKfId: 'wk1',
    suggestedCategory: '其他',
    suggestedBy: [],
    messages: [{ from: 'customer', text: `诉求${id}`, at: at(createdAt).toISOString() }],
    state: '待受理',
    history: [],
    createdAt: at(createdAt).toISOString(),
    updatedAt: at(createdAt).toISOString(),
    ...extra,
  };
}

describe('overdueTickets (working hours 9:00–17:00 on working days)', () => {
  const tickets = [
    ticket('Q1', '2026-11-23T10:00:00'), // Monday 10:00: 16 h reached Wednesday 10:00
    ticket('Q2', '2026-11-23T10:00:00', { firstAnswerAt: at('2026-11-23T11:00:00').toISOString(), state: '处理中' }),
    ticket('Q3', '2026-11-20T18:00:00'), // Friday evening: counts from Monday 9:00
    ticket('Q4', '2026-11-20T10:00:00', { state: '已办结', closedAt: at('2026-11-20T12:00:00').toISOString() }),
    ticket('Q5', '2026-11-24T09:00:00', { state: '已转办', assignedUnitId: 'tax' }),
  ];

  it('lists unanswered open tickets past the level, longest waiting first', () => {
    expect(overdueTickets(tickets, at('2026-11-25T09:59:00'), cal, 16).map((o) => o.ticket.id)).toEqual(['Q3']);
    expect(overdueTickets(tickets, at('2026-11-25T10:00:00'), cal, 16).map((o) => [o.ticket.id, o.workingHours])).toEqual([['Q3', 17], ['Q1', 16]]);
    expect(overdueTickets(tickets, at('2026-11-26T09:00:00'), cal, 16).map((o) => o.ticket.id)).toEqual(['Q3', 'Q1', 'Q5']);
  });

  it('does not count a weekend or a holiday', () => {
    // 2026-09-30 16:00, then 国庆 (10-01..10-07): 1 h by the holiday, 2 h on 10-08 at 10:00.
    const t = [ticket('Q1', '2026-09-30T16:00:00')];
    expect(overdueTickets(t, at('2026-10-08T10:00:00'), cal, 3)).toEqual([]);
    expect(overdueTickets(t, at('2026-10-08T11:00:00'), cal, 3).map((o) => o.workingHours)).toEqual([3]);
  });

  it('lists a ticket across a year without holiday data once the plain hours have passed, without a count', () => {
    const t = [ticket('Q1', '2026-12-31T10:00:00')];
    expect(overdueTickets(t, at('2027-01-01T01:00:00'), cal, 16)).toEqual([]);
    expect(overdueTickets(t, at('2027-01-04T10:00:00'), cal, 16)).toEqual([{ ticket: t[0], workingHours: undefined }]);
  });
});

describe('weekly figures', () => {
  it('counts received, answered (with working hours), closed and open tickets of the week', () => {
    const tickets = [
      ticket('Q1', '2026-11-23T10:00:00', { suggestedCategory: '账户冻结', firstAnswerAt: at('2026-11-23T14:00:00').toISOString(), state: '已办结', closedAt: at('2026-11-25T10:00:00').toISOString() }),
      ticket('Q2', '2026-11-24T16:00:00', { category: '融资', firstAnswerAt: at('2026-11-26T16:00:00').toISOString(), state: '处理中' }),
      ticket('Q3', '2026-11-26T09:00:00', { suggestedCategory: '账户冻结' }),
      ticket('Q4', '2026-11-16T09:00:00', { state: '已办结', closedAt: at('2026-11-18T09:00:00').toISOString() }),
    ];
    const f = ticketFigures(tickets, at('2026-11-23T00:00:00'), at('2026-11-30T00:00:00'), cal, 16);
    expect(f).toEqual({
      received: 3,
      answered: 2,
      meanAnswerHours: 10,
      maxAnswerHours: 16,
      answeredInTime: 2,
      closed: 1,
      open: 2,
      overdue: 1,
      byCategory: { 账户冻结: 2, 融资: 1 },
    });
  });
});

let t: IntakeBot;
afterEach(async () => t?.close());

describe('the reminder job and the digest parts', () => {
  it('reminds the center group every working day while a ticket is unanswered, and the assigned unit', async () => {
    t = await createIntakeBot(); // Monday 09:00
    await t.customerSays('wmA', '账户被冻结');
    await t.customerSays('wmB', '想申请续贷');
    await t.say('纾困中心工作人员甲', 'single', '转办 Q2 单位:人民银行');
    t.takeStaffPushes();
    const job = { jobs: [ticketRemindersJob] };

    t.clock.set('2026-11-24T09:00:00+08:00');
    await runDue(t.app, t.clock.now, job);
    await t.app.outbox.runOnce();
    expect(t.takeStaffPushes()).toEqual([]); // 8 working hours so far

    t.clock.set('2026-11-25T09:00:00+08:00');
    await runDue(t.app, t.clock.now, job);
    await t.app.outbox.runOnce();
    const sent = t.takeStaffPushes();
    expect(sent.map((p) => p.to).sort()).toEqual(['人民银行区支行联络员', '纾困中心工作群']);
    expect(sent.find((p) => p.to === '纾困中心工作群')!.text).toBe(
      '【诉求待答复】以下企业诉求已超过16个工作小时未答复企业：\n· Q1 账户冻结（建议），11月23日提交，已等16个工作小时：账户被冻结\n· Q2 融资（建议） →人民银行区支行，11月23日提交，已等16个工作小时：想申请续贷\n请尽快答复：回复 Q编号 <答复内容>；查看：诉求 Q编号',
    );
    // Run again the same day: nothing twice.
    await runDue(t.app, new Date(t.clock.now.getTime() + 60_000), job);
    await t.app.outbox.runOnce();
    expect(t.takeStaffPushes()).toEqual([]);

    await t.say('纾困中心工作人员甲', 'single', '回复 Q1 已收到，正在联系银行');
    await t.say('人民银行区支行联络员', 'single', '回复 Q2 请提供贷款合同');
    t.takeStaffPushes();
    t.clock.set('2026-11-26T09:00:00+08:00');
    await runDue(t.app, t.clock.now, job);
    await t.app.outbox.runOnce();
    expect(t.takeStaffPushes()).toEqual([]);
  });

  it('gives the director a daily line and a weekly section', async () => {
    t = await createIntakeBot();
    await t.customerSays('wmA', '账户被冻结');
    await t.customerSays('wmB', '想申请续贷');
    await t.say('纾困中心工作人员甲', 'single', '转办 Q2 单位:人民银行');
    t.clock.set('2026-11-25T09:30:00+08:00');
    // The digests read inside the scheduler's transaction; a read-only one here.
    const read = <T>(fn: (env: TicketDigestEnv) => T) =>
      t.app.store.transact({ actor: 'test', action: 'read' }, (tx) => fn({ tx, config: t.config, calendar: t.app.calendar, now: t.clock.now }));
    expect((await read(ticketDailyDigest)).line).toBe('未办结2件（待受理1件、已转成员单位1件）；超过16个工作小时未答复2件：Q1、Q2（发“诉求”查看）');
    await t.say('纾困中心工作人员甲', 'single', '回复 Q1 已收到');
    expect(await read((env) => ticketWeeklySection(env, at('2026-11-23T00:00:00'), at('2026-11-30T00:00:00')))).toBe(
      '收到企业诉求2件（账户冻结1件、融资1件）；首次答复1件，平均用时16.5个工作小时（最长16.5），0件在16个工作小时内；办结0件。目前未办结2件，其中超时未答复1件。',
    );
    expect(await read((env) => ticketWeeklySection(env, at('2026-11-30T00:00:00'), at('2026-12-07T00:00:00')))).toMatch(/^收到企业诉求0件；本周没有首次答复；办结0件。目前未办结2件/u);
  });
});
