import { afterEach, describe, expect, it } from 'vitest';
import { quarterPeriod } from '../../src/domain/periods.ts';
import { utf8Bytes } from '../../src/render/fit.ts';
import { buildDailyDigest } from '../../src/scheduler/digest/daily.ts';
import { buildSupervisionReport, supervisionFigures } from '../../src/scheduler/digest/supervision.ts';
import { screeningReport } from '../../src/scheduler/jobs/screening.ts';
import type { Enterprise, ScreeningRound, Task } from '../../src/store/model.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';
import { fromJobs, noticeOf, tick } from './helpers.ts';

let t: TestBot;
afterEach(async () => {
  await t.close();
});

const UNITS = ['court', 'tax', 'hrss', 'market', 'pboc', 'nfra'];

/** A busy mechanism: 120 listed enterprises, 60 overdue tasks, a round nobody answered, dead letters. */
async function seedBusy(bot: TestBot): Promise<void> {
  const at = '2026-11-20T02:00:00.000Z';
  await bot.app.store.transact({ actor: 'test', action: 'seed' }, (tx) => {
    for (let i = 1; i <= 120; i++) {
      const e: Enterprise = {
        id: `E${i}`,
        names: [`某某第${i}号制造有限责任公司（测试用长名称）`],
        signals: [
          { unitId: UNITS[i % UNITS.length]!, trigger: 'tax_arrears', detail: '欠税', by: 'test', at },
          ...(i % 3 === 0 ? [{ unitId: 'hrss', trigger: 'hrss_wages', detail: '欠薪', by: 'test', at }] : []),
        ],
        tierHistory: [],
        status: 'active',
        history: [],
        createdAt: at,
        updatedAt: at,
      };
      tx.put('enterprises', e);
    }
    for (let i = 1; i <= 60; i++) {
      const task: Task = {
        id: `T${i}`, content: `第${i}项督办事项：协调处置企业厂房查封及职工安置等问题`, leadUnitId: UNITS[i % UNITS.length]!, coUnitIds: ['court'],
        deadline: '2026-11-25', originalDeadline: '2026-11-25', source: { kind: 'assigned', by: 'director' }, enterpriseIds: [],
        state: '办理中', history: [], createdAt: at, updatedAt: at,
      };
      tx.put('tasks', task);
    }
    const round: ScreeningRound = {
      id: '2026Q4', year: 2026, quarter: 4, opensOn: '2026-12-01', deadline: '2026-12-15',
      unitIds: bot.config.units.map((u) => u.id), answers: {}, openedAt: at, history: [],
    };
    tx.put('screenings', round);
    for (let i = 1; i <= 12; i++) {
      tx.put('outbox', {
        id: `dead-${i}`, message: { to: { kind: 'person', personId: 'tax-liaison' }, text: `【督办提醒】第${i}条`, idempotencyKey: `dead-${i}` },
        state: 'dead', attempts: 8, createdAt: at, dueAt: at, lastError: '企业微信返回 60020：不安全的访问IP',
      });
    }
  });
}

describe('digests stay within one chat message', () => {
  it('the daily digest, the screening report and the 通报 fit 2048 bytes however busy, and point to the details', async () => {
    t = await createTestBot({ at: '2026-12-16T08:30:00+08:00' });
    await seedBusy(t);
    const env = { tx: t.app.store as never, config: t.config, calendar: t.app.calendar, now: t.clock.now, today: '2026-12-16' };
    const daily = buildDailyDigest(env, undefined);
    expect(utf8Bytes(daily.text)).toBeLessThanOrEqual(2048);
    expect(daily.text).toContain('发“任务 逾期”查看');
    expect(daily.text).toContain('发送失败**：12条消息未能送达');
    const round = t.app.store.get('screenings', '2026Q4')!;
    const report = screeningReport({ tx: t.app.store as never, config: t.config }, round);
    expect(utf8Bytes(report)).toBeLessThanOrEqual(2048);
    expect(report).toContain('未报送17个');
    const tongbao = buildSupervisionReport(env, quarterPeriod(2026, 4), 'push');
    expect(utf8Bytes(tongbao)).toBeLessThanOrEqual(2048);
    expect(tongbao).toContain('关于2026年第四季度督办事项办理情况的阶段通报');
    expect(tongbao).toContain('城区企业破产处置府院联动机制办公室');
    // The full 通报 (简报 通报) is not cut.
    expect(utf8Bytes(buildSupervisionReport(env, quarterPeriod(2026, 4), 'full'))).toBeGreaterThan(2048);
  });

  it('the deadline message in the group fits 4096 bytes even with every unit missing', async () => {
    t = await createTestBot({ at: '2026-12-15T08:00:00+08:00' });
    await seedBusy(t);
    const sent = fromJobs((await tick(t, '2026-12-15T09:00:00+08:00')).sent).find((p) => noticeOf(p) === 'screening-deadline:2026Q4')!;
    expect(utf8Bytes(sent.text)).toBeLessThanOrEqual(4096);
    expect(sent.message.mentions).toHaveLength(17);
  });
});

describe('the daily digest', () => {
  it('goes out only when something changed since the last one', async () => {
    t = await createTestBot({ at: '2026-12-01T08:00:00+08:00' });
    await t.say('区税务局联络员', 'single', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税 说明:欠税6个月');
    const day1 = fromJobs((await tick(t, '2026-12-01T08:30:00+08:00')).sent);
    expect(day1.map(noticeOf)).toEqual(['daily-digest:2026-12-01']);
    expect(day1[0]!.text).toContain('新纳入名册：E1 某某机械有限公司');
    await tick(t, '2026-12-01T09:00:00+08:00'); // the screening opens: a change for tomorrow's digest
    expect(fromJobs((await tick(t, '2026-12-02T08:30:00+08:00')).sent).map(noticeOf)).toEqual(['daily-digest:2026-12-02']);
    expect(fromJobs((await tick(t, '2026-12-03T08:30:00+08:00')).sent)).toEqual([]);
    expect(t.app.store.get('schedule', 'daily-digest@2026-12-03')).toMatchObject({ state: 'skipped', reason: 'nothing-to-say' });
    t.clock.set('2026-12-03T15:00:00+08:00');
    await t.say('区人社局联络员', 'single', '登记 某某纺织有限公司 代码:914403001922038216 情形:欠薪 说明:拖欠工资3个月');
    const day4 = fromJobs((await tick(t, '2026-12-04T08:30:00+08:00')).sent);
    expect(day4[0]!.text).toContain('新纳入名册：E2 某某纺织有限公司');
    expect(day4[0]!.text).not.toContain('E1 某某机械有限公司（');
  });

  it('shows new dead letters to the director', async () => {
    t = await createTestBot({ at: '2026-12-01T08:00:00+08:00' });
    await tick(t, '2026-12-01T08:00:00+08:00');
    await t.app.store.transact({ actor: 'test', action: 'dead' }, (tx) => tx.put('outbox', {
      id: 'x1', message: { to: { kind: 'group', groupId: 'liaison-group' }, text: '**【季度排查】今天是截止日**', idempotencyKey: 'x1' },
      state: 'dead', attempts: 8, createdAt: '2026-11-30T01:00:00.000Z', dueAt: '2026-11-30T01:00:00.000Z', lastError: '群机器人 webhook 无效',
    }));
    const digest = fromJobs((await tick(t, '2026-12-01T08:30:00+08:00')).sent)[0]!;
    expect(digest.text).toContain('发送失败**：1条消息未能送达');
    expect(digest.text).toContain('府院联动联络员群｜【季度排查】今天是截止日｜群机器人 webhook 无效');
  });
});

describe('the 督办通报 figures', () => {
  it('counts per lead unit as of the quarter\'s end: on time, late, overdue, in progress, carried over', async () => {
    t = await createTestBot({ at: '2027-01-05T09:00:00+08:00' });
    const base = { coUnitIds: [], source: { kind: 'assigned' as const, by: 'director' }, enterpriseIds: [], history: [], updatedAt: '2026-10-01T00:00:00.000Z' };
    await t.app.store.transact({ actor: 'test', action: 'seed' }, (tx) => {
      const task = (id: string, lead: string, deadline: string, createdAt: string, extra: Partial<Task> = {}): Task => ({
        ...base, id, content: id, leadUnitId: lead, deadline, originalDeadline: deadline, state: '办理中', createdAt, ...extra,
      });
      tx.put('tasks', task('T1', 'tax', '2026-11-30', '2026-10-10T02:00:00Z', { state: '已办结', completion: { note: '', by: 'x', at: '2026-11-20T02:00:00Z' }, closedAt: '2026-11-21T02:00:00Z' }));
      tx.put('tasks', task('T2', 'tax', '2026-11-30', '2026-10-10T02:00:00Z', { state: '已办结', completion: { note: '', by: 'x', at: '2026-12-03T02:00:00Z' }, closedAt: '2026-12-04T02:00:00Z' }));
      tx.put('tasks', task('T3', 'hrss', '2026-12-10', '2026-11-01T02:00:00Z'));
      tx.put('tasks', task('T4', 'hrss', '2027-01-20', '2026-12-01T02:00:00Z'));
      tx.put('tasks', task('T5', 'court', '2026-09-30', '2026-08-01T02:00:00Z'));
      tx.put('tasks', task('T6', 'court', '2026-08-30', '2026-08-01T02:00:00Z', { state: '已办结', closedAt: '2026-08-20T02:00:00Z' }));
    });
    const f = supervisionFigures(t.app.store as never, t.config, quarterPeriod(2026, 4), t.clock.now);
    expect(f).toMatchObject({ total: 5, fresh: 4, carried: 1, onTime: 1, closedLate: 1, overdue: 2, inProgress: 1 });
    expect(f.units.find((u) => u.unitId === 'tax')).toMatchObject({ given: 2, onTime: 1, closedLate: 1, overdueTasks: ['T2'] });
    expect(f.units.find((u) => u.unitId === 'hrss')).toMatchObject({ given: 2, overdue: 1, inProgress: 1 });
    const text = buildSupervisionReport({ tx: t.app.store as never, config: t.config, calendar: t.app.calendar, now: t.clock.now, today: '2027-01-05' }, quarterPeriod(2026, 4), 'push');
    expect(text).toContain('本季度共督办事项5件（新交办4件，上季度结转1件），截至2026年12月31日，按期办结1件，逾期办结1件，正在办理1件，逾期未办结2件');
    expect(text).toContain('区税务局牵头的督办事项逾期办结1件（T2）');
    expect(text).toContain('**二、好的做法**');
    expect(text).toContain('**四、下一步要求**');
  });
});

describe('a 督办通报 made before the quarter ends', () => {
  it('is a 阶段通报 as of its own day: overdue only after the deadline day, a report in time waiting for review not overdue', async () => {
    t = await createTestBot({ at: '2026-12-03T09:00:00+08:00' });
    const base = { coUnitIds: [], source: { kind: 'assigned' as const, by: 'director' }, enterpriseIds: [], history: [], updatedAt: '2026-12-01T00:00:00.000Z' };
    await t.app.store.transact({ actor: 'test', action: 'seed' }, (tx) => {
      const task = (id: string, lead: string, deadline: string, extra: Partial<Task> = {}): Task => ({
        ...base, id, content: id, leadUnitId: lead, deadline, originalDeadline: deadline, state: '办理中', createdAt: '2026-12-01T02:00:00Z', ...extra,
      });
      tx.put('tasks', task('T1', 'tax', '2026-12-17'));
      tx.put('tasks', task('T2', 'tax', '2026-12-18'));
      tx.put('tasks', task('T3', 'hrss', '2026-12-21', { state: '已完成待审', completion: { note: '', by: 'x', at: '2026-12-21T09:00:00Z' } }));
      tx.put('tasks', task('T4', 'hrss', '2026-12-21'));
      tx.put('tasks', task('T5', 'court', '2026-12-30'));
    });
    const q = quarterPeriod(2026, 4);
    const at = (iso: string) => {
      t.clock.set(iso);
      const today = iso.slice(0, 10);
      return { f: supervisionFigures(t.app.store as never, t.config, q, t.clock.now), text: buildSupervisionReport({ tx: t.app.store as never, config: t.config, calendar: t.app.calendar, now: t.clock.now, today }, q, 'full') };
    };
    const early = at('2026-12-03T09:00:00+08:00');
    expect(early.f).toMatchObject({ asOfDay: '2026-12-03', stage: true, total: 5, overdue: 0, inProgress: 5 });
    expect(early.text).toContain('关于2026年第四季度督办事项办理情况的阶段通报');
    expect(early.text).toContain('截至2026年12月3日的阶段情况');
    expect(early.text).toContain('截至2026年12月3日，按期办结0件，逾期办结0件，正在办理5件，逾期未办结0件');
    expect(early.text).not.toContain('限期整改');
    // The deadline day runs to 24:00 (民法典 第203条): T4, due 12-21, is not overdue on 12-21.
    expect(at('2026-12-21T18:00:00+08:00').f).toMatchObject({ overdue: 2, inProgress: 3 });
    const late = at('2026-12-22T09:00:00+08:00');
    // T3 was reported on its deadline day and waits for the office: not the unit's delay.
    expect(late.f).toMatchObject({ asOfDay: '2026-12-22', overdue: 3, inProgress: 2 });
    expect(late.f.units.find((u) => u.unitId === 'hrss')).toMatchObject({ overdueTasks: ['T4'] });
    expect(late.text).toContain('区税务局牵头的督办事项逾期未办结2件（T1、T2）');
    expect(late.text).not.toContain('T5');
    // The 整改 request is for overdue tasks only, whose deadlines have all passed.
    expect(late.text).toContain('限期整改');
    // After the quarter: the quarterly 通报, as of its last day.
    const after = at('2027-01-05T09:00:00+08:00');
    expect(after.f).toMatchObject({ asOfDay: '2026-12-31', stage: false });
    expect(after.text).toContain('关于2026年第四季度督办事项办理情况的通报');
  });
});

describe('the director’s digests include the 纾困中心 requests', () => {
  it('the daily digest names open requests and those waiting too long; the weekly counts them', async () => {
    t = await createTestBot({ at: '2026-11-30T08:30:00+08:00' });
    const created = new Date('2026-11-23T10:00:00+08:00').toISOString();
    await t.app.store.transact({ actor: 'test', action: 'seed' }, (tx) => {
      tx.put('tickets', {
        id: 'Q1', externalUserId: 'wm1', openKfId: 'wk1', suggestedCategory: '账户冻结', suggestedBy: [],
        messages: [{ from: 'customer', text: '账户被冻结', at: created }], state: '待受理', history: [], createdAt: created, updatedAt: created,
      });
    });
    const env = { tx: t.app.store as never, config: t.config, calendar: t.app.calendar, now: t.clock.now, today: '2026-11-30' };
    const daily = buildDailyDigest(env, undefined);
    expect(daily.empty).toBe(false);
    expect(daily.text).toMatch(/\*\*企业诉求\*\*：未办结1件（待受理1件、已转成员单位0件）；超过16个工作小时未答复1件：Q1/);
    const { buildWeeklyDigest } = await import('../../src/scheduler/digest/weekly.ts');
    expect(buildWeeklyDigest(env, '2026-11-30', 1)).toMatch(/企业诉求\*\*\n收到企业诉求1件（账户冻结1件）/);
  });
});

describe('the digests end with the dashboard link', () => {
  it('when mechanism.dashboardUrl is configured, the daily and the weekly digest both end with it', async () => {
    t = await createTestBot({ at: '2026-11-30T08:30:00+08:00' });
    await t.say('区税务局联络员', 'single', '登记 甲公司 代码:91140502MA0K00001Q 情形:欠税');
    const config = { ...t.config, mechanism: { ...t.config.mechanism, dashboardUrl: 'https://fy_gov.example.cn/dashboard' } };
    const env = { tx: t.app.store as never, config, calendar: t.app.calendar, now: t.clock.now, today: '2026-11-30' };
    const { buildWeeklyDigest } = await import('../../src/scheduler/digest/weekly.ts');
    expect(buildDailyDigest(env, undefined).text.split('\n').at(-1)).toBe('工作台：https://fy_gov.example.cn/dashboard/');
    expect(buildWeeklyDigest(env, '2026-11-30', 1)?.split('\n').at(-1)).toBe('工作台：https://fy_gov.example.cn/dashboard/');
    // Without the setting there is no such line.
    expect(buildDailyDigest({ ...env, config: t.config }, undefined).text).not.toContain('工作台');
  });
});
