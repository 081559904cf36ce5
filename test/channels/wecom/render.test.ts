import { describe, expect, it } from 'vitest';
import {
  appMarkdownChunks,
  cardAsMarkdown,
  cardStateName,
  renderTemplateCard,
  toPlainText,
  webhookMarkdownChunks,
  wecomTaskId,
} from '../../../src/channels/wecom/render.ts';
import { splitByBytes, truncateBytes, utf8Length } from '../../../src/channels/wecom/text-split.ts';
import { PlatformError } from '../../../src/outbox/platform-error.ts';
import type { CardSpec } from '../../../src/domain/types.ts';

const line = (n: number) => `第${n}行：某某机械有限公司 拖欠工资三个月，涉及职工四十二人。`;

describe('byte-aware splitting', () => {
  it('keeps short text whole and drops blank text', () => {
    expect(splitByBytes('你好\n世界', 2048)).toEqual(['你好\n世界']);
    expect(splitByBytes('  \n ', 2048)).toEqual([]);
  });

  it('splits on line boundaries within the byte limit', () => {
    const text = Array.from({ length: 100 }, (_, i) => line(i)).join('\n');
    const pieces = appMarkdownChunks(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(utf8Length(p)).toBeLessThanOrEqual(2048);
    expect(pieces.join('\n')).toBe(text);
    // every piece ends at a line end
    for (const p of pieces) expect(p.endsWith('。')).toBe(true);
  });

  it('cuts an over-long line between code points, never inside a character', () => {
    const text = '债'.repeat(1000) + '😀'.repeat(100); // 3000 + 400 bytes, no newline
    const pieces = splitByBytes(text, 2048);
    for (const p of pieces) {
      expect(utf8Length(p)).toBeLessThanOrEqual(2048);
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
      expect(p).not.toMatch(/\uFFFD/);
    }
    expect(pieces.join('')).toBe(text);
  });

  it('truncates by bytes with an ellipsis', () => {
    const t = truncateBytes('府院联动'.repeat(10), 20);
    expect(utf8Length(t)).toBeLessThanOrEqual(20);
    expect(t.endsWith('…')).toBe(true);
  });
});

describe('webhook markdown', () => {
  it('splits at 4096 bytes and puts the <@userid> mentions in the first piece only', () => {
    const text = Array.from({ length: 200 }, (_, i) => line(i)).join('\n');
    const pieces = webhookMarkdownChunks(text, ['zhangsan', 'lisi']);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(utf8Length(p)).toBeLessThanOrEqual(4096);
    expect(pieces[0]!.startsWith('<@zhangsan> <@lisi>\n')).toBe(true);
    expect(pieces.slice(1).some((p) => p.includes('<@'))).toBe(false);
  });

  it('a mention-only message still goes out', () => {
    expect(webhookMarkdownChunks('', ['a'])).toEqual(['<@a>']);
  });
});

describe('plain text for passive replies', () => {
  it('drops markdown markers', () => {
    expect(toPlainText('# 标题\n**重点** <font color="warning">逾期</font> [详情](https://x.y/z)\n> 引用')).toBe(
      '标题\n重点 逾期 详情（https://x.y/z）\n引用',
    );
  });
});

describe('template cards', () => {
  const card: CardSpec = {
    cardId: 'task-T31-2 会议/接受',
    title: '督办事项 T31 即将到期',
    description: '牵头单位：区税务局；期限：2026-12-31',
    buttons: Array.from({ length: 8 }, (_, i) => ({ key: `k${i}`, text: `按钮${i}`, command: `完成 T31 ${i}`, style: i === 0 ? 'primary' : 'default' })),
  };

  it('sanitises task_id and keeps at most 6 buttons', () => {
    const t = renderTemplateCard(card);
    expect(t.card_type).toBe('button_interaction');
    expect(t.task_id).toMatch(/^task-T31-2______-[0-9a-f]{10}$/);
    expect(t.task_id).toMatch(/^[0-9a-zA-Z_\-@]{1,128}$/);
    expect(t.button_list).toHaveLength(6);
    expect(t.button_list[0]).toEqual({ text: '按钮0', style: 1, key: 'k0' });
    expect(wecomTaskId('task-T31-2')).toBe('task-T31-2');
    expect(wecomTaskId('x'.repeat(300))).toHaveLength(128);
    expect(wecomTaskId('会议')).not.toBe(wecomTaskId('审批'));
    expect(wecomTaskId('')).toMatch(/^-[0-9a-f]{10}$/);
  });

  it('refuses a button key over 1024 bytes (not retryable)', () => {
    const bad = { ...card, buttons: [{ key: '键'.repeat(342), text: 'x', command: 'x' }] };
    expect(() => renderTemplateCard(bad)).toThrow(PlatformError);
    try {
      renderTemplateCard(bad);
    } catch (err) {
      expect((err as PlatformError).details.retryable).toBe(false);
    }
  });

  it('spells out the buttons as commands for chats without cards', () => {
    const md = cardAsMarkdown({ ...card, buttons: card.buttons.slice(0, 1) });
    expect(md).toContain('督办事项 T31 即将到期');
    expect(md).toContain('按钮0：完成 T31 0');
  });

  it('a card state is the first line, at most 20 characters', () => {
    expect(cardStateName('**已接受会议 M7**\n详细说明……')).toBe('已接受会议 M7');
    expect(Array.from(cardStateName('很'.repeat(40)))).toHaveLength(20);
    expect(cardStateName('')).toBe('已处理');
  });
});
