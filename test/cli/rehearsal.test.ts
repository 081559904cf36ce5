import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import { runConsoleChat } from '../../src/channels/console/console-chat.ts';
import { ConsoleSender } from '../../src/channels/console/console-sender.ts';
import { rehearsal } from '../../src/cli/rehearsal.ts';
import { loadConfig } from '../../src/config/load.ts';
import { SettableClock } from '../../src/domain/clock.ts';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** `npm run chat -- --at <start>` fed `lines`: what the console printed, replies and pushes in order. */
async function rehearse(start: string, lines: string[]): Promise<string> {
  const config = loadConfig();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString()));
  const clock = new SettableClock(new Date(start));
  app = await createApp({ config, dataDir: mkdtempSync(join(tmpdir(), 'fuyuan-rehearsal-test-')), senders: [new ConsoleSender(output)], clock: clock.now });
  const r = rehearsal(app, clock);
  for (const line of await r.start()) output.write(`${line}\n`);
  await runConsoleChat({ config, handle: app.bot.handle, clock: app.clock, slashCommands: { time: r.time }, input: Readable.from(lines.map((l) => `${l}\n`)), output, afterMessage: () => app!.outbox.runOnce() });
  return text;
}

describe('the rehearsal clock (npm run chat -- --at …)', () => {
  it('starts at the instant given, runs what is due then, and /time moves forward running each job as it falls due', async () => {
    const out = await rehearse('2026-12-01T09:00:00+08:00', [
      '/as 区税务局联络员',
      '申请会议 议题:解除查封 单位:法院 时间:"2026-12-03 15:00"',
      '/as 区法院联络员',
      '会议 M1 接受',
      '/time 2026-12-03 16:00',
      '/as 区税务局联络员',
      '会议 M1 结果:已解决',
      '/time',
    ]);
    expect(out).toContain('演练时钟：现在是2026年12月1日 09:00。');
    // The quarter's screening opens at 09:00 on 12-01: every unit is asked.
    expect(out).toContain('季度排查（12月1日 09:00）已发送，17条消息');
    expect(out).toContain('【季度排查】2026年第四季度危困企业排查开始');
    // The 12-02 daily digest and the meeting reminders ran on their own days, in order, as time moved.
    const digest = out.indexOf('每日简报（12月2日 08:30）已发送');
    const reminder = out.indexOf('会议提醒（12月2日 09:00）已发送');
    expect(digest).toBeGreaterThan(out.indexOf('会议 M1 接受'));
    expect(reminder).toBeGreaterThan(digest);
    expect(out).toContain('【会议提醒】');
    // After the move, a result can be recorded: the meeting is in the past on the rehearsal clock.
    expect(out).not.toContain('还没开');
    expect(out).toContain('已解决');
    expect(out.match(/演练时钟：现在是2026年12月3日 16:00。/gu)).toHaveLength(2);
    expect(app!.clock().toISOString()).toBe('2026-12-03T08:00:00.000Z');
  });

  it('moves only forward and says how to write the time', async () => {
    const out = await rehearse('2026-12-01T09:00:00+08:00', ['/time 2026-11-30 09:00', '/time 明天', '/help']);
    expect(out).toContain('演练时钟只能向前拨：现在是2026年12月1日 09:00，请写以后的时刻。');
    expect(out).toContain('看不懂时间“明天”');
    expect(out).toContain('/time <日期 时间>');
  });
});
