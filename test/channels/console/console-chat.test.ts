import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { runConsoleChat } from '../../../src/channels/console/console-chat.ts';
import { ConsoleSender } from '../../../src/channels/console/console-sender.ts';
import { loadConfig } from '../../../src/config/load.ts';

async function session(lines: string[]): Promise<string> {
  const config = loadConfig();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString()));
  const app = await createApp({ config, dataDir: mkdtempSync(join(tmpdir(), 'fuyuan-console-')), senders: [new ConsoleSender(output)], clock: () => new Date('2026-12-01T09:00:00+08:00') });
  await runConsoleChat({ config, handle: app.bot.handle, clock: app.clock, input: Readable.from(lines.map((l) => `${l}\n`)), output, afterMessage: () => app.outbox.runOnce() });
  await app.close();
  return text;
}

describe('the local console', () => {
  it('switches person and chat, and prints every reply and every push', async () => {
    const out = await session([
      '/as 区税务局联络员',
      '/in 联络员群',
      '登记 某某机械有限公司 代码:91440300192317458F 情形:欠税',
      '/as 办公室主任',
      '/in 单聊',
      '名册',
    ]);
    expect(out).toContain('现在是 区税务局联络员，在与助手的单聊。');
    expect(out).toContain('现在在府院联动联络员群（群）。');
    expect(out).toContain('🤖 区税务局联络员 ← 助手：\n  已列入名册：E1 某某机械有限公司');
    expect(out).toContain('📨 发给 办公室主任（单聊）：\n  【名册变动】E1 某某机械有限公司 新列入名册');
    expect(out).toContain('🤖 办公室主任 ← 助手：\n  **困境企业名册**（共1家）\n  E1 某某机械有限公司 — 区税务局');
  });

  it('joins lines ending with a backslash into one message, and says when a person is unknown', async () => {
    const out = await session(['/as 不存在的人', '帮助 \\', '登记']);
    expect(out).toContain('没有找到“不存在的人”。用 /people 查看可以切换的人。');
    // "帮助 \" + "登记" arrive as one message of two lines; 帮助 takes only one.
    expect(out).toContain('「帮助」只需要一行。写法：帮助 [命令]');
  });
});
