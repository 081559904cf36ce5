import { describe, expect, it } from 'vitest';
import { chineseOrdinal, parseMinutesBody, parseTaskLine } from '../../src/domain/minutes-body.ts';

describe('parseMinutesBody', () => {
  it('reads decisions, task lines and attendance, ignoring numbering people add', () => {
    const r = parseMinutesBody([
      '一、议定：同意由管理人接管厂区',
      '2. 任务：解除对E12厂房的查封 牵头:法院 协办:公安局、检察院 期限:10个工作日',
      '任务：申报税收债权 牵头单位：税务局 完成时限：2026-12-31 企业:E12,E13 事项:3',
      '出席：区法院、区税务局',
      '请假：人社局',
      '列席：破产管理人',
      '地点：区法院第三会议室',
      '主持：办公室主任',
    ]);
    expect(r).toEqual({
      ok: true,
      draft: {
        items: [
          { kind: 'decision', text: '同意由管理人接管厂区' },
          { kind: 'task', task: { line: 2, content: '解除对E12厂房的查封', lead: '法院', co: ['公安局', '检察院'], deadline: '10个工作日', enterprises: [] } },
          { kind: 'task', task: { line: 3, content: '申报税收债权', lead: '税务局', co: [], deadline: '2026-12-31', enterprises: ['E12', 'E13'], matter: '3' } },
        ],
        present: ['区法院', '区税务局'],
        absent: ['人社局'],
        observers: ['破产管理人'],
        place: '区法院第三会议室',
        chair: '办公室主任',
      },
    });
  });

  it('refuses a task without a lead unit: minutes bind the members, so each task names who leads', () => {
    const r = parseMinutesBody(['议定：同意', '任务：解除查封 期限:10个工作日']);
    expect(r).toEqual({ ok: false, reason: '第2行的任务“解除查封”没有写牵头单位：纪要议定的事项对各成员单位有约束力，每项任务都要写明 牵头:<单位>。' });
  });

  it('refuses a task without a deadline or without content', () => {
    expect(parseTaskLine('解除查封 牵头:法院', 1)).toMatchObject({ ok: false, reason: expect.stringContaining('没有写期限') });
    expect(parseTaskLine('牵头:法院 期限:2026-12-31', 4)).toMatchObject({ ok: false, reason: expect.stringContaining('第4行的任务没有写内容') });
  });

  it('says which line it cannot read, and needs at least one decision', () => {
    expect(parseMinutesBody(['议定：同意', '会上大家讨论很热烈'])).toMatchObject({ ok: false, reason: expect.stringMatching(/^第2行“会上大家讨论很热烈”看不懂：每行以 议定：/) });
    expect(parseMinutesBody(['出席：区法院'])).toMatchObject({ ok: false, reason: expect.stringContaining('纪要里没有议定事项') });
    expect(parseMinutesBody(['议定：'])).toMatchObject({ ok: false, reason: '第1行“议定：”没有内容。' });
  });
});

describe('chineseOrdinal', () => {
  it('numbers the items of a 纪要 the official way', () => {
    expect([1, 2, 9, 10, 11, 19, 20, 23].map(chineseOrdinal)).toEqual(['一', '二', '九', '十', '十一', '十九', '二十', '二十三']);
  });
});
