import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/civil.ts';
import { shanghaiDateTime } from '../../src/domain/calendar/shanghai.ts';
import { defaultConfigPath, loadConfigText } from '../../src/config/load.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';
import { fromJobs, noticeOf, type SentPush, tick } from './helpers.ts';

let t: TestBot;
afterEach(async () => {
  await t.close();
});

/** The demo config with other rhythms (002's variant: a joint meeting yearly, special ones as needed). */
function configWith(rhythms: Record<string, string | number>) {
  const demo = readFileSync(defaultConfigPath(), 'utf8');
  const block = `rhythms:\n${Object.entries(rhythms).map(([k, v]) => `  ${k}: ${typeof v === 'string' ? `"${v}"` : v}`).join('\n')}\n`;
  return loadConfigText(demo.replace(/^rhythms:\n(?: {2}.*\n)+/mu, block), 'test-rhythms.yaml', {});
}

/** Ticks every day from `from` to `to` at each of `times`; returns the scheduler's pushes. */
async function days(from: string, to: string, times: string[]): Promise<SentPush[]> {
  const out: SentPush[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) for (const hhmm of times) out.push(...fromJobs((await tick(t, shanghaiDateTime(d, hhmm))).sent));
  return out;
}

describe('configured rhythms', () => {
  it('half-yearly joint meetings and quarterly special meetings (001): both are asked for in June', async () => {
    t = await createTestBot({ at: '2026-06-01T07:00:00+08:00' });
    const sent = (await days('2026-06-01', '2026-06-30', ['09:00'])).map(noticeOf);
    expect(sent).toContain('meeting-plan:联席:2026H1');
    expect(sent).toContain('meeting-plan:专题:2026Q2');
    expect(sent).toContain('agenda-call:2026H1');
  });

  it('a yearly joint meeting and special meetings as needed (002): nothing in June, the joint meeting in December', async () => {
    t = await createTestBot({
      at: '2026-06-01T07:00:00+08:00',
      config: configWith({ jointMeeting: 'yearly', specialMeeting: 'asNeeded', remindersAt: '10:00', dailyDigestAt: '08:00', weeklyDigestAt: '08:45', screeningOpensInMonth: 1, screeningAnswerWorkingDays: 5 }),
    });
    const june = (await days('2026-06-01', '2026-06-30', ['10:00'])).map(noticeOf);
    expect(june.filter((n) => n.startsWith('meeting-plan') || n.startsWith('agenda-call'))).toEqual([]);
    t.clock.set('2026-12-01T07:00:00+08:00');
    const december = await days('2026-12-01', '2026-12-31', ['10:00']);
    expect(december.map(noticeOf)).toContain('meeting-plan:联席:2026');
    expect(december.map(noticeOf).some((n) => n.startsWith('meeting-plan:专题'))).toBe(false);
  });

  it('opens the screening in the configured month with the configured number of working days, at remindersAt', async () => {
    t = await createTestBot({
      at: '2026-10-08T07:00:00+08:00',
      config: configWith({ screeningOpensInMonth: 1, screeningAnswerWorkingDays: 5, remindersAt: '10:00' }),
    });
    expect(fromJobs((await tick(t, '2026-10-08T09:30:00+08:00')).sent).filter((p) => noticeOf(p).startsWith('screening'))).toEqual([]);
    const open = fromJobs((await tick(t, '2026-10-08T10:00:00+08:00')).sent).filter((p) => noticeOf(p).startsWith('screening-open'));
    expect(open).toHaveLength(17);
    // 5 working days after 10/8 counts the make-up Saturday 10/10: 10/9, 10/10, 10/12, 10/13, 10/14.
    expect(t.app.store.get('screenings', '2026Q4')).toMatchObject({ opensOn: '2026-10-08', deadline: '2026-10-14' });
  });
});

describe('meeting notices', () => {
  it('sends the formal notice with the agenda as soon as every invited unit has accepted (at the afternoon run)', async () => {
    t = await createTestBot({ at: '2026-11-02T10:00:00+08:00' });
    await t.say('办公室主任', 'single', '申请会议 级别:专题 议题:E2职工安置 单位:税务局,人社局 时间:"2026-11-20 15:00"');
    await t.say('区税务局联络员', 'single', '会议 M1 接受');
    await t.say('区人社局联络员', 'single', '会议 M1 接受');
    t.takePushes();
    const sent = fromJobs((await tick(t, '2026-11-02T14:00:00+08:00')).sent).filter((p) => noticeOf(p).startsWith('meeting-notice:M1'));
    expect(sent.map((p) => p.to).sort()).toEqual(['办公室主任', '区人社局联络员', '区税务局联络员']);
    expect(sent[0]!.text).toContain('定于2026年11月20日（星期五）15:00召开专题会议（M1）');
    // Moved to another time: a new notice.
    await t.say('办公室主任', 'single', '会议 M1 时间:"2026-11-19 15:00"');
    t.takePushes();
    const moved = fromJobs((await tick(t, '2026-11-17T09:00:00+08:00')).sent).filter((p) => noticeOf(p).startsWith('meeting-notice:M1'));
    expect(moved[0]!.text).toContain('2026年11月19日（星期四）15:00');
  });

  it('asks for 议题 "尽快" when the day to send them by has passed, never "于近日前"', async () => {
    t = await createTestBot({ at: '2026-12-28T07:00:00+08:00' });
    const call = fromJobs((await tick(t, '2026-12-28T09:00:00+08:00')).sent).find((p) => noticeOf(p).startsWith('agenda-call:'))!;
    expect(call.text).toContain('尽快发“议题');
    expect(call.text).not.toContain('近日');
  });

  it('reminds only the invited units: a 联席会议 recorded with four units does not reach the other thirteen', async () => {
    t = await createTestBot({ at: '2026-12-01T10:00:00+08:00' });
    await t.say('办公室主任', 'single', '申请会议 级别:联席 议题:研究年度破产处置重点工作 时间:"2026-12-10 15:00"');
    // A meeting stored before 联席会议 always invited every unit: its invitees are four.
    await t.app.store.transact({ actor: 'test', action: 'seed' }, (tx) => {
      const m = tx.get('meetings', 'M1')!;
      tx.put('meetings', { ...m, unitIds: ['court', 'tax', 'hrss', 'pboc'], responses: Object.fromEntries(['court', 'tax', 'hrss', 'pboc'].map((u) => [u, { answer: 'pending' as const }])) });
    });
    t.takePushes();
    const eve = fromJobs((await tick(t, '2026-12-09T09:00:00+08:00')).sent).filter((p) => noticeOf(p).startsWith('meeting-eve:M1'));
    expect(eve.map((p) => p.to).sort()).toEqual(['人民银行区支行联络员', '办公室主任', '区人社局联络员', '区法院联络员', '区税务局联络员', '召集人', '总召集人'].sort());
    expect(eve[0]!.text).toContain('参会单位：区法院、区税务局、区人社局、人民银行区支行');
    expect(eve[0]!.text).not.toContain('各成员单位');
  });

  it('puts the open 议题 on the joint meeting\'s agenda and marks them taken up', async () => {
    t = await createTestBot({ at: '2026-12-01T10:00:00+08:00' });
    await t.say('区税务局联络员', 'single', '议题 建立破产费用保障专项资金');
    await t.say('办公室主任', 'single', '申请会议 级别:联席 议题:研究年度破产处置重点工作 时间:"2026-12-10 15:00"');
    t.takePushes();
    const notice = fromJobs((await tick(t, '2026-12-08T09:00:00+08:00')).sent).filter((p) => noticeOf(p).startsWith('meeting-notice:M1'));
    expect(notice.length).toBeGreaterThanOrEqual(20);
    expect(notice[0]!.text).toContain('1. 听取本季度危困企业排查情况，研究分档建议');
    expect(notice[0]!.text).toContain('2. 建立破产费用保障专项资金');
    expect(t.app.store.get('agenda', 'A1')).toMatchObject({ status: 'taken', takenIn: 'M1' });
  });
});

describe('task reminders', () => {
  it('are colour-coded: 黄 for a task sent back, 红 when overdue', async () => {
    t = await createTestBot({ at: '2026-11-30T10:00:00+08:00' });
    await t.say('办公室主任', 'single', '交办 内容:申报税收债权 牵头:税务局 期限:2026-12-04');
    await t.say('区税务局联络员', 'single', '完成 T1 说明:已申报');
    await t.say('办公室主任', 'single', '退回 T1 理由:材料不全');
    t.takePushes();
    const soon = fromJobs((await tick(t, '2026-12-01T09:00:00+08:00')).sent).find((p) => noticeOf(p) === 'task-soon:T1:2026-12-04')!;
    expect(soon.text).toContain('【督办提醒·黄】T1');
    expect(soon.text).toContain('办公室退回意见：材料不全');
    const overdue = fromJobs((await tick(t, '2026-12-07T09:00:00+08:00')).sent).find((p) => noticeOf(p) === 'task-overdue:T1:2026-12-07')!;
    expect(overdue.text).toContain('【督办提醒·红】T1');
    expect(overdue.message.card?.buttons.map((b) => b.command)).toEqual(['完成 T1 说明:已办理', '延期 T1']);
  });
});
