import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/civil.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';
import { expectNoDuplicates, expectWorkingDays, fromJobs, noticeOf, type SentPush, tick } from './helpers.ts';

/**
 * A fake clock runs the scheduler every 30 minutes from 2026-09-01 to 2026-12-31 — a span with
 * 中秋 (9/25–27), the National Day week (10/1–7) and its make-up Saturday (10/10) — with the
 * mechanism at work (enterprises, tasks, loans, meetings, two screening rounds), a crash and
 * three days of downtime in October, and a crash over a weekend in November.
 */
const STEP_MS = 30 * 60_000;
const DOWN_FROM = '2026-10-20T12:00:00+08:00';
const BACK_AT = '2026-10-23T10:30:00+08:00';
const WEEKEND_CRASH = '2026-11-06T08:00:00+08:00';
const WEEKEND_BACK = '2026-11-07T10:00:00+08:00';

type Action = (t: TestBot) => Promise<void>;

/** What people do, keyed by the Shanghai instant just before the tick at that time. */
function actions(): Map<string, Action> {
  const say = (who: string, text: string): Action => async (t) => {
    const reply = await t.say(who, 'single', text);
    if (/没有|不能|请写|看不懂|抱歉/u.test(reply.split('\n')[0]!)) throw new Error(`${who}: ${text} → ${reply}`);
  };
  const seq = (...list: Action[]): Action => async (t) => { for (const a of list) await a(t); };
  return new Map<string, Action>([
    ['2026-09-01T08:00', seq(
      say('区税务局联络员', '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税 说明:欠税6个月'),
      say('区人社局联络员', '登记 某某纺织有限公司 代码:914403001922038216 情形:欠薪 说明:拖欠工资3个月'),
      say('区税务局联络员', '登记 某某纺织有限公司 代码:914403001922038216 情形:欠税 说明:欠税4个月'),
      say('办公室主任', '交办 内容:协调解除E1厂房查封 牵头:税务局 协办:人社局 期限:2026-09-30'),
      say('办公室主任', '交办 内容:核实E2欠薪人数 牵头:人社局 期限:2026-10-03'),
      say('人民银行区支行联络员', '贷款 企业:E1 银行:某某银行城区支行 金额:500万 到期:2026-12-30'),
      say('人民银行区支行联络员', '贷款 企业:E2 银行:某某农商银行 金额:200万 到期:2026-11-20'),
    )],
    ['2026-09-02T10:00', say('区税务局联络员', '排查 完成 新增:2 说明:欠税企业2家')],
    ['2026-09-03T10:00', say('区人社局联络员', '排查 完成 新增:1')],
    ['2026-09-10T10:00', async (t) => {
      for (const unit of ['法院', '检察院', '发改', '工信', '公安', '财政', '生态环境', '应急', '自然资源', '行政审批', '投促', '信访', '市场监管']) {
        await say(`${unit}联络员`, '排查 无新增')(t);
      }
    }],
    ['2026-09-17T10:00', say('人民银行区支行联络员', '排查 无新增')],
    ['2026-09-30T10:00', say('区人社局联络员', '延期 T2 至:2026-10-30 理由:需等待劳动监察数据')],
    ['2026-10-09T10:00', say('办公室主任', '延期 T2 同意')],
    ['2026-10-15T10:00', say('人民银行区支行联络员', '贷款 L2 已还')],
    ['2026-10-20T10:00', seq(say('区税务局联络员', '完成 T1 说明:已协调法院解除查封'), say('办公室主任', '办结 T1'))],
    ['2026-11-02T10:00', say('办公室主任', '申请会议 级别:专题 议题:E2职工安置 单位:税务局,人社局 企业:E2 时间:"2026-11-12 15:00"')],
    ['2026-12-02T10:00', say('区税务局联络员', '议题 建立破产费用保障专项资金 企业:E1')],
  ]);
}

let t: TestBot;
const sent: SentPush[] = [];
const restarts: string[] = [];

beforeAll(async () => {
  t = await createTestBot({ at: '2026-09-01T00:00:00+08:00' });
  const todo = actions();
  let at = new Date('2026-09-01T00:00:00+08:00').getTime();
  const end = new Date('2026-12-31T23:30:00+08:00').getTime();
  for (; at <= end; at += STEP_MS) {
    const iso = new Date(at).toISOString();
    if (iso === new Date(DOWN_FROM).toISOString() || iso === new Date(WEEKEND_CRASH).toISOString()) {
      // Crash: no clean stop; the service is down until BACK_AT / WEEKEND_BACK.
      await t.restart({ crash: true });
      restarts.push(iso);
      at = new Date(iso === new Date(DOWN_FROM).toISOString() ? BACK_AT : WEEKEND_BACK).getTime();
    }
    const local = new Date(at + 8 * 3_600_000).toISOString().slice(0, 16);
    const act = todo.get(local);
    if (act) {
      t.clock.set(new Date(at).toISOString());
      await act(t);
      t.takePushes();
    }
    sent.push(...(await tick(t, new Date(at))).sent);
  }
}, 600_000);

afterAll(async () => {
  // DUMP_QUARTER=/tmp/quarter.txt writes every message of the run, to read them as people would.
  if (process.env.DUMP_QUARTER) (await import('node:fs')).writeFileSync(process.env.DUMP_QUARTER, sent.map((p) => `=== ${p.day} ${p.time} → ${p.to} [${p.key}]\n${p.text}${p.message.mentions ? `\n@${p.message.mentions.join(' @')}` : ''}`).join('\n'));
  await t.close();
});

const jobs = () => fromJobs(sent);
const notices = () => new Set(jobs().map(noticeOf));
const at = (notice: string) => jobs().filter((p) => noticeOf(p) === notice).map((p) => `${p.day} ${p.time}`);

describe('a quarter on the fake clock (2026-09-01 → 2026-12-31, with 中秋, 国庆 and two crashes)', () => {
  it('crashed twice and came back', () => {
    expect(restarts).toHaveLength(2);
  });

  it('never sends the same message twice', () => {
    expectNoDuplicates(sent);
  });

  it('sends nothing on a weekend or holiday — 10/10 is a make-up working day and counts', () => {
    expectWorkingDays(t.app.calendar, jobs());
    const days = new Set(jobs().map((p) => p.day));
    for (let d = '2026-10-01'; d <= '2026-10-07'; d = addDays(d, 1)) expect(days.has(d)).toBe(false);
    expect(days.has('2026-10-10')).toBe(true);
  });

  it('reminds of a task 3 working days before (across 中秋), on the day, and every working day while overdue', () => {
    expect(at('task-soon:T1:2026-09-30')[0]).toBe('2026-09-24 09:00');
    expect(at('task-due:T1:2026-09-30')[0]).toBe('2026-09-30 09:00');
    const overdue = [...notices()].filter((n) => n.startsWith('task-overdue:T1:')).map((n) => n.slice(-10)).sort();
    expect(overdue).toEqual(['2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16', '2026-10-19', '2026-10-20']);
    // T1 was finished on 10/20 at 10:00: nothing after that.
    expect(jobs().filter((p) => noticeOf(p).includes(':T1:') && p.day > '2026-10-20')).toEqual([]);
    const red = jobs().find((p) => noticeOf(p) === 'task-overdue:T1:2026-10-08')!;
    expect(red.text).toContain('【督办提醒·红】T1');
    expect(jobs().filter((p) => noticeOf(p) === 'task-soon:T1:2026-09-30').map((p) => p.to).sort()).toEqual(['区人社局联络员', '区税务局联络员']);
  });

  it('moves a deadline on a holiday to the next working day, and flags an extension still pending at the deadline', () => {
    // T2 was given with 期限 10/3 (国庆): it is due 10/8.
    expect(at('task-due:T2:2026-10-08')[0]).toBe('2026-10-08 09:00');
    const flag = jobs().find((p) => noticeOf(p) === 'task-extension-pending:T2:2026-10-08')!;
    expect(flag.to).toBe('办公室主任');
    expect(flag.text).toContain('延期申请待批');
    // Granted on 10/9 to 10/30: a new reminder 3 working days before the new deadline.
    expect(at('task-soon:T2:2026-10-30')[0]).toBe('2026-10-27 09:00');
  });

  it('sends the 321 warnings once per stage, on the next working day after a holiday, and stops for a repaid loan', () => {
    // L1 falls due 12/30: 90 days before is 10/1 (国庆) → 10/8; 60 days is 10/31 (Sat) → 11/2; 30 days 11/30.
    expect(at('loan-321:L1:90')).toHaveLength(3);
    expect(at('loan-321:L1:90')[0]).toBe('2026-10-08 09:00');
    expect(at('loan-321:L1:60')[0]).toBe('2026-11-02 09:00');
    expect(at('loan-321:L1:30')[0]).toBe('2026-11-30 09:00');
    expect(jobs().filter((p) => noticeOf(p) === 'loan-321:L1:90').map((p) => p.to).sort()).toEqual(['人民银行区支行联络员', '办公室主任', '金融监管支局联络员']);
    // L2 (due 11/20) was repaid on 10/15: its 30-day stage (10/21) never comes.
    expect(notices().has('loan-321:L2:90')).toBe(true);
    expect(notices().has('loan-321:L2:60')).toBe(true);
    expect(notices().has('loan-321:L2:30')).toBe(false);
  });

  it('runs the screening ladder of both quarters', () => {
    expect(at('screening-open:2026Q3:tax')[0]).toBe('2026-09-01 09:00');
    expect(jobs().filter((p) => noticeOf(p).startsWith('screening-open:2026Q3:'))).toHaveLength(17);
    // Reminder 2 working days before the deadline (9/15), only to the two units still missing.
    expect([...notices()].filter((n) => n.startsWith('screening-remind:2026Q3:')).sort()).toEqual(['screening-remind:2026Q3:nfra', 'screening-remind:2026Q3:pboc']);
    expect(at('screening-remind:2026Q3:pboc')[0]).toBe('2026-09-11 09:00');
    expect(at('screening-deadline:2026Q3')[0]).toBe('2026-09-15 09:00');
    expect(at('screening-report:2026Q3')[0]).toBe('2026-09-16 09:00');
    expect(at('screening-open:2026Q4:tax')[0]).toBe('2026-12-01 09:00');
    expect(at('screening-deadline:2026Q4')[0]).toBe('2026-12-15 09:00');
    expect(at('screening-report:2026Q4')[0]).toBe('2026-12-16 09:00');
  });

  it('runs the meeting rhythm: plan reminders, agenda call, notice, eve and minutes reminders', () => {
    // No 专题会议 in Q3: the director is reminded 10 working days before the quarter ends.
    // (9/20, a Sunday, is a make-up working day of 国庆 and counts.)
    expect(at('meeting-plan:专题:2026Q3')[0]).toBe('2026-09-16 09:00');
    // Q4 has one (M1, 11/12): no plan reminder; its notice 2 working days before, eve, minutes after.
    expect(notices().has('meeting-plan:专题:2026Q4')).toBe(false);
    expect(at('meeting-notice:M1:2026-11-12T07:00:00.000Z')[0]).toBe('2026-11-10 09:00');
    expect(at('meeting-eve:M1:2026-11-12T07:00:00.000Z')[0]).toBe('2026-11-11 09:00');
    expect(at('minutes-due:M1')[0]).toBe('2026-11-13 09:00');
    // No 联席会议 in the second half year: agenda call, then the reminder to fix a date.
    expect(at('agenda-call:2026H2')[0]).toBe('2026-12-03 09:00');
    expect(at('meeting-plan:联席:2026H2')[0]).toBe('2026-12-10 09:00');
    expect(jobs().filter((p) => noticeOf(p) === 'meeting-plan:联席:2026H2').map((p) => p.to).sort()).toEqual(['办公室主任', '召集人', '总召集人']);
  });

  it('sends a weekly digest on the first working day of every week, the 通报 at the start of Q4', () => {
    const weekly = jobs().filter((p) => noticeOf(p).startsWith('weekly-digest:')).map((p) => p.day);
    expect(weekly).toContain('2026-10-08'); // the National Day week: its first working day is Thursday
    expect(weekly).toContain('2026-09-28'); // a Monday
    // Every week from the one of 9/7 (the run starts on Tuesday 9/1, after that week's Monday).
    expect(weekly).toHaveLength(17);
    expect(at('supervision-report:2026Q3')[0]).toBe('2026-10-08 09:00');
  });

  it('catches up once after three days down: the latest daily digest and today\'s reminders, late', () => {
    const back = jobs().filter((p) => p.day === '2026-10-23');
    expect(back.every((p) => p.time === '10:30')).toBe(true);
    expect(back.map(noticeOf)).toContain('daily-digest:2026-10-23');
    expect(notices().has('daily-digest:2026-10-21')).toBe(false);
    expect(notices().has('daily-digest:2026-10-22')).toBe(false);
    const ledger = (id: string) => t.app.store.get('schedule', id);
    expect(ledger('daily-digest@2026-10-21')?.reason).toBe('superseded');
    expect(ledger('daily-digest@2026-10-23')?.state).toBe('caught-up');
    expect(ledger('task-reminders@2026-10-22')?.state).toBe('skipped');
  });

  it('does not catch up on a Saturday: what Friday missed waits for Monday, where Monday\'s run covers it', () => {
    // Down from Friday 08:00 to Saturday 10:00: nothing goes out on Friday or over the weekend.
    expect(jobs().some((p) => p.day >= '2026-11-06' && p.day <= '2026-11-08')).toBe(false);
    // T2 is overdue (its extended deadline was 10/30): Friday's daily reminder is replaced by Monday's.
    expect(notices().has('task-overdue:T2:2026-11-06')).toBe(false);
    expect(at('task-overdue:T2:2026-11-09')[0]).toBe('2026-11-09 09:00');
    expect(t.app.store.get('schedule', 'task-reminders@2026-11-06')).toMatchObject({ state: 'skipped', reason: 'superseded' });
    expect(t.app.store.get('schedule', 'daily-digest@2026-11-06')).toMatchObject({ state: 'skipped', reason: 'superseded' });
  });

  it('records every occurrence in the ledger: sent, skipped for holidays, nothing left planned in the past', () => {
    const entries = [...t.app.store.values('schedule')];
    expect(t.app.store.get('schedule', 'daily-digest@2026-10-01')).toMatchObject({ state: 'skipped', reason: 'holiday' });
    expect(t.app.store.get('schedule', 'task-reminders@2026-10-10')?.state).toBe('sent');
    const stale = entries.filter((e) => e.state === 'planned' && e.dueAt < new Date('2026-12-31T09:00:00+08:00').toISOString());
    expect(stale.map((e) => e.id)).toEqual([]);
    expect(entries.filter((e) => e.state === 'failed')).toEqual([]);
  });

  it('names the 2027 holiday gap in the director\'s digest from November', () => {
    const digests = jobs().filter((p) => noticeOf(p).startsWith('daily-digest:'));
    expect(digests.filter((p) => p.day < '2026-11-01').some((p) => p.text.includes('2027年节假日安排尚未录入'))).toBe(false);
    expect(digests.filter((p) => p.day >= '2026-11-02').every((p) => p.text.includes('2027年节假日安排尚未录入'))).toBe(true);
  });
});
