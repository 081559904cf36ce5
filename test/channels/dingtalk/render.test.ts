import { describe, expect, it } from 'vitest';
import { MSG_PARAM_MAX_BYTES } from '../../../src/channels/dingtalk/api-client.ts';
import { sendMessageLink } from '../../../src/channels/dingtalk/card.ts';
import { renderMarkdown, titleOf, toApiMessage, toWebhookBody, WEBHOOK_MARKDOWN_MAX_BYTES } from '../../../src/channels/dingtalk/render.ts';
import { jsonStringBytes, splitByLines, utf8Bytes } from '../../../src/render/split.ts';
import type { CardSpec } from '../../../src/domain/types.ts';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('splitByLines', () => {
  it('keeps short text whole', () => {
    expect(splitByLines('一\n二', 100)).toEqual(['一\n二']);
  });

  it('cuts only between lines while lines fit', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `第${i + 1}项 督办事项 T${i + 1}`);
    const chunks = splitByLines(lines.join('\n'), 200);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(utf8Bytes(c)).toBeLessThanOrEqual(200);
    expect(chunks.join('\n')).toBe(lines.join('\n'));
  });

  it('cuts an overlong line between code points, never inside one', () => {
    const line = '企业😀'.repeat(200);
    const chunks = splitByLines(line, 100);
    for (const c of chunks) {
      expect(utf8Bytes(c)).toBeLessThanOrEqual(100);
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(c)).toBe(false);
    }
    expect(chunks.join('')).toBe(line);
  });

  it('measures JSON-escaped size when asked', () => {
    const text = Array.from({ length: 100 }, () => '"引号"\\').join('\n');
    for (const c of splitByLines(text, 120, jsonStringBytes)) expect(jsonStringBytes(c)).toBeLessThanOrEqual(120);
  });
});

describe('renderMarkdown', () => {
  const digest = Array.from({ length: 600 }, (_, i) => `- T${i + 1} 区税务局 牵头 解除查封事项 期限 2026-12-31 （黄）`).join('\n');

  it('titles with the first line, without markdown, at most 20 characters', () => {
    expect(titleOf('### 今日简报\n内容')).toBe('今日简报');
    expect([...titleOf('一二三四五六七八九十一二三四五六七八九十一二三')].length).toBe(20);
    expect(titleOf('**[任务 T31](http://x)** 已逾期')).toBe('任务 T31 已逾期');
    expect(titleOf('')).toBe('消息');
  });

  it('keeps each robot-API msgParam within 15000 bytes', () => {
    const parts = renderMarkdown({ text: digest }, { path: 'api', chatKind: 'single' });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(bytes(toApiMessage(p).msgParam)).toBeLessThanOrEqual(MSG_PARAM_MAX_BYTES);
    expect(parts[0]!.text.endsWith(`（1/${parts.length}）`)).toBe(true);
    expect(new Set(parts.map((p) => p.title))).toEqual(new Set(['T1 区税务局 牵头 解除查封事项 期…']));
  });

  it('keeps webhook markdown within 4000 bytes and @s only in the first part', () => {
    const parts = renderMarkdown({ text: digest }, { path: 'webhook', chatKind: 'group', atUserIds: ['staff-1'] });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(bytes(p.text)).toBeLessThanOrEqual(WEBHOOK_MARKDOWN_MAX_BYTES);
    expect(parts[0]!.text.endsWith('@staff-1')).toBe(true);
    expect(toWebhookBody(parts[0]!)).toMatchObject({ msgtype: 'markdown', at: { atUserIds: ['staff-1'], isAtAll: false } });
    expect(toWebhookBody(parts[1]!)).toMatchObject({ at: { atUserIds: [] } });
  });

  it('has no @ on the robot API path, which cannot carry one', () => {
    const [part] = renderMarkdown({ text: '请处理' }, { path: 'api', chatKind: 'group', atUserIds: ['staff-1'] });
    expect(part).toEqual({ title: '请处理', text: '请处理', atUserIds: [] });
  });

  it('keeps line breaks with a markdown hard break', () => {
    const [part] = renderMarkdown({ text: '第一行\n第二行\n\n第三段' }, { path: 'api', chatKind: 'single' });
    expect(part!.text).toBe('第一行  \n第二行  \n\n第三段');
  });
});

describe('cards', () => {
  const card: CardSpec = {
    cardId: 'task-T31-1',
    title: '任务 T31 即将到期',
    description: '解除查封事项，期限 2026-12-31',
    buttons: [
      { key: 'done', text: '完成', command: '完成 T31' },
      { key: 'ext', text: '申请延期', command: '延期 T31 至:2027-01-15 理由:(待补充)' },
    ],
  };

  it('renders buttons as dtmd links that send the command, plus the typed fallback', () => {
    const [part] = renderMarkdown({ text: '解除查封事项，期限 2026-12-31', card }, { path: 'api', chatKind: 'single' });
    expect(part!.title).toBe('任务 T31 即将到期');
    expect(part!.text).toContain('[完成](dtmd://dingtalkclient/sendMessage?content=%E5%AE%8C%E6%88%90%20T31)');
    expect(part!.text).toContain(`[申请延期](${sendMessageLink('延期 T31 至:2027-01-15 理由:(待补充)')})`);
    expect(part!.text).toContain('也可以直接回复：完成 T31');
    expect(part!.text.match(/解除查封事项/g)).toHaveLength(1);
  });

  it('encodes parentheses so the markdown link does not end early', () => {
    const link = sendMessageLink('理由:(待补充)');
    expect(link).not.toMatch(/[()]/);
    expect(decodeURIComponent(link.split('content=')[1]!)).toBe('理由:(待补充)');
  });

  it('tells group members to @ the robot when typing', () => {
    const [part] = renderMarkdown({ text: '', card }, { path: 'webhook', chatKind: 'group' });
    expect(part!.text).toContain('（在群里请先 @机器人）');
  });
});
