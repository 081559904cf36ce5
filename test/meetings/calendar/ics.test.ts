import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { WecomApiClient } from '../../../src/channels/wecom/api-client.ts';
import { WecomScheduleApi } from '../../../src/channels/wecom/schedule-api.ts';
import { CalendarSync } from '../../../src/meetings/calendar/sync.ts';
import { type FakeWecom, startFakeWecom } from '../../fakes/wecom-server.ts';
import { createTestBot, type TestBot } from '../../support/transcript.ts';

let t: TestBot;
let fake: FakeWecom | undefined;
afterEach(async () => {
  await t?.close();
  await fake?.close();
  fake = undefined;
});

/**
 * The RFC 5545 rules a calendar program trips over: CRLF line ends (§3.1), content lines of at most
 * 75 octets with folded lines starting with a space (§3.1), VERSION and PRODID in the FPI form
 * (§3.7.3, §3.7.4), and every VEVENT with a UID and a DTSTAMP in UTC (§3.6.1); DTSTART/DTEND either
 * in UTC or with a TZID that a VTIMEZONE defines (§3.3.5).
 */
function expectRfc5545(raw: string): string {
  expect(raw.endsWith('\r\n')).toBe(true);
  const lines = raw.slice(0, -2).split('\r\n');
  expect(lines.filter((l) => l.includes('\n') || l.includes('\r'))).toEqual([]);
  for (const l of lines) expect(Buffer.byteLength(l, 'utf8'), l).toBeLessThanOrEqual(75);
  const text = raw.replace(/\r\n[ \t]/gu, '');
  // Folding never splits a UTF-8 character: the unfolded text is valid UTF-8 that says the same.
  expect(text).not.toContain('\uFFFD');
  expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/u);
  expect(text).toMatch(/\r\nPRODID:-\/\/[^/\r\n]+\/\/[^/\r\n]+\/\/[A-Z]{2}\r\n/u);
  for (const event of text.split('BEGIN:VEVENT').slice(1)) {
    expect(event).toMatch(/\r\nUID:\S+@\S+\r\n/u);
    expect(event).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/u);
    for (const [, params, value] of event.matchAll(/\r\nDT(?:START|END)(;[^:]*)?:([^\r\n]+)/gu)) {
      const tzid = /TZID=([^;:]+)/u.exec(params ?? '')?.[1];
      if (tzid) expect(text).toContain(`BEGIN:VTIMEZONE\r\nTZID:${tzid}`);
      else expect(value).toMatch(/^\d{8}T\d{6}Z$/u);
    }
  }
  return text;
}

async function placedMeeting(): Promise<void> {
  t = await createTestBot();
  await t.say('区税务局联络员', 'single', '申请会议 议题:解除查封和职工安置、债权申报、资产处置等事项的统筹协调 单位:人社局、法院 时间:"2026-12-03 15:00" 地点:区法院第三会议室');
}

describe('.ics invitations pass an RFC 5545 check and say where the meeting is', () => {
  it('申请会议 地点:… is in the invitation, the .ics (LOCATION), the WeCom schedule and the 纪要', async () => {
    await placedMeeting();
    const invite = t.takePushes().find((p) => p.to === '区法院联络员')!;
    expect(invite.text).toContain('\n地点：区法院第三会议室\n');
    await t.say('区人社局联络员', 'single', '会议 M1 接受');
    await t.say('区法院联络员', 'single', '会议 M1 接受');
    t.takePushes();

    const sync = new CalendarSync({ store: t.app.store, config: t.config, ics: true, clock: () => t.clock.now });
    expect(await sync.runOnce()).toBe(1);
    await t.app.outbox.runOnce();
    const file = t.takePushes().find((p) => p.message.file)!.message.file!;
    const text = expectRfc5545(readFileSync(file.path, 'utf8'));
    expect(text).toContain('\r\nLOCATION:区法院第三会议室\r\n');
    // DTSTAMP is when the invitation last changed, from the bot's clock, not the machine's.
    expect(text).toContain('\r\nDTSTAMP:20261123T010000Z\r\n');

    // A new place goes to everyone and into a new invitation (SEQUENCE 1).
    expect(await t.say('区税务局联络员', 'single', '会议 M1 地点:区政府第二会议室')).toContain('已改定会议地点');
    expect(t.takePushes().find((p) => p.to === '区法院联络员')!.text).toContain('地点：区政府第二会议室');
    expect(await sync.runOnce()).toBe(1);
    await t.app.outbox.runOnce();
    const second = expectRfc5545(readFileSync(t.takePushes().find((p) => p.message.file)!.message.file!.path, 'utf8'));
    expect(second).toContain('\r\nLOCATION:区政府第二会议室\r\n');
    expect(second).toContain('\r\nSEQUENCE:1\r\n');

    // The 纪要 says where, without 地点 written again.
    t.clock.set('2026-12-04T09:00:00+08:00');
    expect(await t.say('区税务局联络员', 'single', '纪要 M1\n议定：同意由管理人接管厂区')).toContain('已记录纪要');
    expect(await t.say('区税务局联络员', 'single', '纪要 M1')).toContain('在区政府第二会议室');
  });

  it('a WeCom schedule carries the place', async () => {
    fake = await startFakeWecom();
    await placedMeeting();
    await t.say('区人社局联络员', 'single', '会议 M1 接受');
    await t.say('区法院联络员', 'single', '会议 M1 接受');
    const api = new WecomApiClient({ baseUrl: fake.baseUrl, corpId: fake.corpId, secret: fake.secret, agentId: fake.agentId });
    const sync = new CalendarSync({ store: t.app.store, config: t.config, schedules: new WecomScheduleApi(api), clock: () => t.clock.now, baseDelayMs: 1000 });
    expect(await sync.runOnce()).toBe(1);
    expect(fake.callsTo('oa/schedule/add')[0]!.body).toMatchObject({ schedule: { location: '区法院第三会议室' } });
  });

  it('only the requester or the director sets the place', async () => {
    await placedMeeting();
    expect(await t.say('区法院联络员', 'single', '会议 M1 地点:别处')).toMatch(/发起人|办公室主任/u);
  });
});
