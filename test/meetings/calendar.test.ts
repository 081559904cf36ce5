import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WecomApiClient } from '../../src/channels/wecom/api-client.ts';
import { loadConfigText } from '../../src/config/load.ts';
import { WecomScheduleApi } from '../../src/channels/wecom/schedule-api.ts';
import { meetingUid } from '../../src/meetings/calendar/ics.ts';
import { CalendarSync } from '../../src/meetings/calendar/sync.ts';
import { type FakeWecom, startFakeWecom } from '../fakes/wecom-server.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
let fake: FakeWecom | undefined;
afterEach(async () => {
  await t?.close();
  await fake?.close();
  fake = undefined;
});

const unix = (iso: string) => Date.parse(iso) / 1000;
/** An .ics file with its folded lines (RFC 5545 §3.1) joined again. */
const readIcs = (path: string) => readFileSync(path, 'utf8').replace(/\r\n[ \t]/gu, '');

/** 业务会议 M1 requested by 税务局 with 人社局 and 法院 for 2026-12-03 15:00. */
async function requested(): Promise<void> {
  t = await createTestBot();
  await t.say('区税务局联络员', 'single', '申请会议 议题:解除查封 单位:人社局、法院 时间:"2026-12-03 15:00"');
}

async function confirmed(): Promise<void> {
  await requested();
  await t.say('区人社局联络员', 'single', '会议 M1 接受');
  expect(await t.say('区法院联络员', 'single', '会议 M1 接受')).toContain('会议已确认');
}

function wecomSync(f: FakeWecom, options: { ics?: boolean } = {}): CalendarSync {
  const api = new WecomApiClient({ baseUrl: f.baseUrl, corpId: f.corpId, secret: f.secret, agentId: f.agentId });
  return new CalendarSync({ store: t.app.store, config: t.config, schedules: new WecomScheduleApi(api), clock: () => t.clock.now, baseDelayMs: 1000, ...options });
}

describe('WeCom schedules for fixed meetings', () => {
  it('adds a schedule when every unit accepted, updates it on a new time, deletes it when the matter is parked', async () => {
    fake = await startFakeWecom();
    await requested();
    const sync = wecomSync(fake);
    // Proposed, not fixed: nothing goes into calendars yet.
    expect(await sync.runOnce()).toBe(0);
    await t.say('区人社局联络员', 'single', '会议 M1 接受');
    expect(await sync.runOnce()).toBe(0);
    await t.say('区法院联络员', 'single', '会议 M1 接受');

    expect(await sync.runOnce()).toBe(1);
    const [add] = fake.callsTo('oa/schedule/add');
    expect(add!.body).toEqual({
      agentid: fake.agentId,
      schedule: {
        organizer: 'demo_tax',
        attendees: [{ userid: 'demo_hrss' }, { userid: 'demo_court' }, { userid: 'demo_director' }],
        start_time: unix('2026-12-03T15:00:00+08:00'),
        end_time: unix('2026-12-03T16:00:00+08:00'),
        summary: '业务会议：解除查封',
        description: '会议编号：M1\n发起：区税务局\n参会单位：区税务局、区人社局、区法院\n答复或改期请在府院联动助手中发：会议 M1',
        reminders: { is_remind: 1, remind_before_event_secs: 3600, is_repeat: 0 },
      },
    });
    const scheduleId = t.app.store.get('meetingCalendars', 'M1')!.wecom!.scheduleId!;
    expect(fake.schedules.has(scheduleId)).toBe(true);
    expect(t.app.store.get('meetingCalendars', 'M1')).toMatchObject({ sequence: 0, state: 'scheduled', due: false, wecom: { scheduleId, sequence: 0 } });
    // Nothing more to do: no second call.
    expect(await sync.runOnce()).toBe(0);
    expect(fake.callsTo('oa/schedule/add')).toHaveLength(1);

    await t.say('区税务局联络员', 'single', '会议 M1 时间:"2026-12-04 10:00"');
    await sync.runOnce();
    const [update] = fake.callsTo('oa/schedule/update');
    expect(update!.body).toMatchObject({ schedule: { schedule_id: scheduleId, start_time: unix('2026-12-04T10:00:00+08:00'), end_time: unix('2026-12-04T11:00:00+08:00') } });
    expect(fake.schedules.get(scheduleId)).toMatchObject({ start_time: unix('2026-12-04T10:00:00+08:00') });
    expect(fake.callsTo('oa/schedule/add')).toHaveLength(1);

    await t.say('区税务局联络员', 'single', '暂缓 M1 理由:等待评估报告');
    await sync.runOnce();
    expect(fake.callsTo('oa/schedule/del').map((c) => c.body)).toEqual([{ schedule_id: scheduleId }]);
    expect(fake.schedules.size).toBe(0);
    expect(t.app.store.get('meetingCalendars', 'M1')).toMatchObject({ state: 'cancelled', sequence: 2, due: false, wecom: { scheduleId, deleted: true } });
  });

  it('retries a failed call later, and never creates the schedule twice — not even after a restart', async () => {
    fake = await startFakeWecom();
    await confirmed();
    fake.failNext(1, { errcode: -1, errmsg: 'system busy' }, 'oa/schedule/add');
    let sync = wecomSync(fake);
    expect(await sync.runOnce()).toBe(0);
    expect(t.app.store.get('meetingCalendars', 'M1')).toMatchObject({ due: true, attempts: 1, lastError: expect.stringContaining('-1 system busy') });
    // Not before its back-off.
    expect(await sync.runOnce()).toBe(0);
    expect(fake.callsTo('oa/schedule/add')).toHaveLength(1);
    t.clock.advanceMs(60_000);
    expect(await sync.runOnce()).toBe(1);
    expect(fake.callsTo('oa/schedule/add')).toHaveLength(2);
    expect(fake.schedules.size).toBe(1);

    // A crash and a restart: the schedule_id is on disk with the result, so the record is done.
    await t.restart({ crash: true });
    sync = wecomSync(fake);
    expect(await sync.runOnce()).toBe(0);
    // Even a record marked due again (the meeting saved with nothing changed) looks at the id first.
    await t.app.store.transact({ actor: 'test', action: 'due' }, (tx) => tx.put('meetingCalendars', { ...tx.get('meetingCalendars', 'M1')!, due: true }));
    expect(await sync.runOnce()).toBe(1);
    expect(fake.callsTo('oa/schedule/add')).toHaveLength(2);
    expect(fake.callsTo('oa/schedule/update')).toHaveLength(0);
    expect(fake.schedules.size).toBe(1);
  });

  it('a refusal that retrying cannot fix is given up and recorded', async () => {
    fake = await startFakeWecom();
    await confirmed();
    fake.failNext(1, { errcode: 48002, errmsg: 'api forbidden' }, 'oa/schedule/add');
    await wecomSync(fake).runOnce();
    expect(t.app.store.get('meetingCalendars', 'M1')).toMatchObject({ due: false, attempts: 1, lastError: expect.stringContaining('48002') });
  });
});

describe('.ics invitations where there is no calendar API (DingTalk)', () => {
  it('sends METHOD:REQUEST with a stable UID, a higher SEQUENCE on a change, and METHOD:CANCEL when parked', async () => {
    await confirmed();
    const sync = new CalendarSync({ store: t.app.store, config: t.config, ics: true, clock: () => t.clock.now });
    t.takePushes();
    expect(await sync.runOnce()).toBe(1);
    await t.app.outbox.runOnce();
    const first = t.takePushes();
    expect(first.map((p) => p.to).sort()).toEqual(['办公室主任', '区人社局联络员', '区法院联络员', '区税务局联络员'].sort());
    expect(first.every((p) => p.message.via === 'dingtalk' && p.message.file?.name === '会议邀请-M1.ics')).toBe(true);
    expect(first[0]!.text).toBe('【会议邀请】业务会议：解除查封（M1）\n时间：2026年12月3日（星期四）15:00\n附件是日历邀请（.ics），打开即可加入日历；改期会再发新的邀请。');
    const ics = readIcs(first[0]!.message.file!.path);
    const uid = meetingUid(t.config, 'M1');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${uid}`);
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toContain('STATUS:CONFIRMED');
    expect(ics).toContain('DTSTART:20261203T070000Z');
    expect(ics).toContain('DTEND:20261203T080000Z');
    expect(ics).toContain('SUMMARY:业务会议：解除查封');
    expect(ics).toMatch(/ORGANIZER;CN="?区税务局联络员"?:mailto:tax-liaison@fuyuan-bot\.invalid/iu);
    expect(ics).toMatch(/ATTENDEE;[^\r\n]*CN="?区法院联络员"?[^\r\n]*:mailto:court-liaison@fuyuan-bot\.invalid/iu);
    expect(ics).toContain('BEGIN:VALARM');

    // Sent once: another round sends nothing.
    expect(await sync.runOnce()).toBe(0);
    await t.app.outbox.runOnce();
    expect(t.takePushes()).toEqual([]);

    await t.say('区税务局联络员', 'single', '会议 M1 时间:"2026-12-04 10:00"');
    t.takePushes();
    await sync.runOnce();
    await t.app.outbox.runOnce();
    const changed = t.takePushes().filter((p) => p.message.file);
    expect(changed).toHaveLength(4);
    expect(changed[0]!.text).toMatch(/^【会议变更】业务会议：解除查封（M1）\n时间：2026年12月4日（星期五）10:00/u);
    const second = readIcs(changed[0]!.message.file!.path);
    expect(second).toContain(`UID:${uid}`);
    expect(second).toContain('SEQUENCE:1');
    expect(second).toContain('DTSTART:20261204T020000Z');

    await t.say('区税务局联络员', 'single', '暂缓 M1 理由:等待评估报告');
    t.takePushes();
    await sync.runOnce();
    await t.app.outbox.runOnce();
    const cancelled = t.takePushes().filter((p) => p.message.file);
    expect(cancelled.map((p) => p.message.file!.name)).toEqual(Array(4).fill('会议取消-M1.ics'));
    const third = readIcs(cancelled[0]!.message.file!.path);
    expect(third).toContain('METHOD:CANCEL');
    expect(third).toContain('STATUS:CANCELLED');
    expect(third).toContain(`UID:${uid}`);
    expect(third).toContain('SEQUENCE:2');
  });

  it('with WeCom schedules on, an .ics goes only to people without a WeCom id', async () => {
    fake = await startFakeWecom();
    // The demo config with the court's liaison on DingTalk only.
    const demo = readFileSync(new URL('../../config/demo.yaml', import.meta.url), 'utf8');
    const yaml = demo.replace('ids: { console: court-liaison, wecom: demo_court, dingtalk: demo-dt-court }', 'ids: { console: court-liaison, dingtalk: demo-dt-court }');
    expect(yaml).not.toBe(demo);
    t = await createTestBot({ config: loadConfigText(yaml, 'test.yaml', {}) });
    await t.say('区税务局联络员', 'single', '申请会议 议题:解除查封 单位:人社局、法院 时间:"2026-12-03 15:00"');
    await t.say('区人社局联络员', 'single', '会议 M1 接受');
    await t.say('区法院联络员', 'single', '会议 M1 接受');
    t.takePushes();
    await wecomSync(fake, { ics: true }).runOnce();
    await t.app.outbox.runOnce();
    expect(fake.callsTo('oa/schedule/add')[0]!.body).toMatchObject({ schedule: { attendees: [{ userid: 'demo_hrss' }, { userid: 'demo_director' }] } });
    expect(t.takePushes().filter((p) => p.message.file).map((p) => p.to)).toEqual(['区法院联络员']);
  });
});
