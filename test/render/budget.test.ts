import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS } from '../../commands/index.ts';
import { defineCommand } from '../../src/core/command.ts';
import { PUSH_BUDGET_BYTES, REPLY_BUDGET_BYTES } from '../../src/render/budget.ts';
import { createTestBot, type TestBot } from '../support/transcript.ts';

let t: TestBot;
afterEach(async () => t?.close());

/** A command whose answer and push are built from far more text than any message should carry. */
const flood = defineCommand({
  name: '灌水', summary: '测试', usage: '灌水', examples: ['灌水'], audience: ['everyone'], params: {}, schema: z.object({}),
  run(ctx) {
    const text = Array.from({ length: 5000 }, (_, i) => `第${i}行：某某机械有限公司的说明`).join('\n');
    ctx.reply(text);
    ctx.push({ kind: 'person', personId: ctx.config.peopleWithRole('director')[0]!.id }, text);
  },
});

describe('size budget of answers and pushes', () => {
  it('cuts an oversized answer and push at a line, saying so', async () => {
    t = await createTestBot({ commands: [...COMMANDS, flood] });
    const reply = await t.say('区税务局联络员', 'single', '灌水');
    expect(Buffer.byteLength(reply)).toBeLessThanOrEqual(REPLY_BUDGET_BYTES);
    expect(reply).toMatch(/^第0行/);
    expect(reply).toMatch(/已截断）$/);
    const [push] = t.takePushes();
    expect(Buffer.byteLength(push!.text)).toBeLessThanOrEqual(PUSH_BUDGET_BYTES);
    expect(push!.text).toMatch(/已截断）$/);
  });
});
