import { mkdtempSync, readFileSync } from 'node:fs';
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

/** The README's walk through a quarter: the start instant and the console lines, as printed there. */
function readmeWalk(): { at: string; lines: string[] } {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## 演练时钟'));
  const at = /npm run chat -- --at (\S+)/u.exec(section)![1]!;
  const block = /```\n(\/as [\s\S]*?)```/u.exec(section)![1]!;
  return { at: `${at}:00+08:00`, lines: block.split('\n').filter((l) => l.trim()) };
}

describe('the README’s walk through a quarter', () => {
  it('runs as written: a 阶段通报 in November, the quarter’s 通报 and 统计 at its end', async () => {
    const walk = readmeWalk();
    const out = await rehearse(walk.at, walk.lines);
    expect(out).not.toMatch(/看不懂|不认识|请写成|没有找到/u);
    expect(out).toContain('会议已确认');
    expect(out).toContain('已交办 T1');
    expect(out).toContain('关于2026年第四季度督办事项办理情况的阶段通报');
    expect(out).toContain('截至2026年11月16日，按期办结0件，逾期办结0件，正在办理0件，逾期未办结1件');
    expect(out).toContain('【季度排查】2026年第四季度危困企业排查开始');
    expect(out).toContain('T1 已办结');
    expect(out).toContain('截至2026年12月31日，按期办结0件，逾期办结1件，正在办理0件，逾期未办结0件');
    expect(out).toContain('· 督办事项：交办1件，已办结1件，其中按期办结0件（按期办结率0%）');
  }, 120_000);
});
