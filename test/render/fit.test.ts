import { describe, expect, it } from 'vitest';
import { renderWithin, truncateToBytes, utf8Bytes } from '../../src/render/fit.ts';

describe('renderWithin', () => {
  const rows = Array.from({ length: 200 }, (_, i) => `第${i + 1}项 某某有限公司逾期未办结的督办事项`);

  it('shortens the longest list until the text fits, and says how many were left out', () => {
    const text = renderWithin('digest-daily', { date: '2026年12月1日', taskSummary: '在办200件', changes: [], overdue: rows, flagged: [], meetings: [], dead: [], warnings: [] }, ['changes', 'overdue', 'flagged', 'meetings', 'dead'], 2048);
    expect(utf8Bytes(text)).toBeLessThanOrEqual(2048);
    expect(text).toMatch(/……另有\d+件逾期，发“任务 逾期”查看/u);
    expect(text).toContain('第1项');
  });

  it('leaves a short text alone', () => {
    const text = renderWithin('digest-daily', { date: '2026年12月1日', taskSummary: '没有在办的督办事项', changes: [], overdue: rows.slice(0, 2), flagged: [], meetings: [], dead: [], warnings: [] }, ['overdue'], 2048);
    expect(text).toContain('第2项');
    expect(text).not.toContain('另有');
  });
});

describe('truncateToBytes', () => {
  it('cuts at a line and says so', () => {
    const text = Array.from({ length: 100 }, (_, i) => `第${i}行内容`).join('\n');
    const cut = truncateToBytes(text, 300);
    expect(utf8Bytes(cut)).toBeLessThanOrEqual(300);
    expect(cut.endsWith('……（内容较长，已截断）')).toBe(true);
    expect(cut.split('\n').slice(0, -1).every((l) => /^第\d+行内容$/u.test(l))).toBe(true);
  });
});
