import { describe, expect, it } from 'vitest';
import { headlineStats, taskFacts, taskFigures } from '../../src/domain/headline-stats.ts';

const period = { from: '2026-01-01', to: '2026-12-31' };

describe('headline figures (东莞 style)', () => {
  const enterprises = [
    { status: 'active' as const, tier: { tier: 2 as const }, signals: [{ at: '2026-03-01T02:00:00.000Z' }] },
    { status: 'closed' as const, tier: { tier: 3 as const }, signals: [{ at: '2026-02-01T02:00:00.000Z' }] },
    { status: 'active' as const, signals: [{ at: '2025-06-01T02:00:00.000Z' }] }, // listed before the period
    { status: 'active' as const, signals: [{ at: '2026-05-01T02:00:00.000Z', withdrawnAt: '2026-06-01T00:00:00.000Z' }] },
    // Listed at 00:30 on New Year's Day in Shanghai = 16:30 UTC on 31 December: inside 2026.
    { status: 'active' as const, signals: [{ at: '2025-12-31T16:30:00.000Z' }] },
  ];
  const outcomes = [
    { kind: '重整成功' as const, at: '2026-06-01T02:00:00.000Z', tier: 2 as const, figures: { debtWan: 3000, assetsWan: 8000, workers: 120, wagesWan: 300 } },
    { kind: '和解成功' as const, at: '2026-07-01T02:00:00.000Z', tier: 2 as const, figures: { debtWan: 80 } },
    { kind: '清算出清' as const, at: '2026-08-01T02:00:00.000Z', tier: 3 as const, figures: { landMu: 30, buildingSqm: 5000, workers: 40 } },
    { kind: '注销' as const, at: '2026-09-01T02:00:00.000Z', figures: {} },
    { kind: '移出' as const, at: '2026-09-02T02:00:00.000Z', figures: {} },
    { kind: '脱困' as const, at: '2026-10-01T02:00:00.000Z', figures: { assetsWan: 100 }, revokedAt: '2026-10-05T02:00:00.000Z' },
    { kind: '脱困' as const, at: '2025-10-01T02:00:00.000Z', figures: { assetsWan: 100 } },
  ];
  const creditRepairs = [
    { requestDate: '2026-11-12', certificateDate: '2026-11-18' },
    { requestDate: '2026-10-01', certificateDate: '2026-10-11' },
    { requestDate: '2026-11-20' },
    { requestDate: '2025-01-01', certificateDate: '2025-01-03' },
  ];
  const s = headlineStats({ period, enterprises, outcomes, creditRepairs });

  it('counts enterprises listed in the period and on the roster now', () => {
    expect(s.listed).toBe(4);
    expect(s.onRosterNow).toBe(3);
  });

  it('splits outcomes into helped, cleared and other; revoked ones and other periods do not count', () => {
    expect(s.helped).toBe(2);
    expect(s.helpedByKind).toEqual({ 重整成功: 1, 和解成功: 1 });
    expect(s.cleared).toBe(2);
    expect(s.clearedByKind).toEqual({ 清算出清: 1, 注销: 1 });
    expect(s.otherRemoved).toBe(1);
  });

  it('sums the figures; workers with wages recovered are counted for the wage line', () => {
    expect(s.figures).toEqual({ debtWan: 3080, workers: 160, wagesWan: 300, assetsWan: 8000, landMu: 30, buildingSqm: 5000 });
    expect(s.wageWorkers).toBe(120);
  });

  it('counts credit repairs certified in the period with their average days', () => {
    expect(s.creditRepairs).toEqual({ done: 2, averageDays: 8, withinWeek: 1, openNow: 1 });
  });

  it('breaks down by tier (the tier at the time of the outcome)', () => {
    expect(s.byTier).toEqual([
      { tier: 1, listed: 0, helped: 0, cleared: 0 },
      { tier: 2, listed: 1, helped: 2, cleared: 0 },
      { tier: 3, listed: 1, helped: 0, cleared: 1 },
      { tier: null, listed: 2, helped: 0, cleared: 1 },
    ]);
  });

  it('leaves tasks out when there is no tasks collection', () => {
    expect(s.tasks).toBeNull();
  });
});

describe('tasks, read defensively', () => {
  it('reads the shape of the 督办 feature and tolerates others', () => {
    expect(taskFacts({ createdAt: '2026-03-01T02:00:00.000Z', deadline: '2026-03-31', state: '已办结', completion: { at: '2026-03-20T02:00:00.000Z' } }))
      .toEqual({ givenOn: '2026-03-01', deadline: '2026-03-31', doneOn: '2026-03-20', done: true });
    expect(taskFacts({ createdAt: '2026-03-01', dueDate: '2026-03-31', status: 'done' })).toEqual({ givenOn: '2026-03-01', deadline: '2026-03-31', done: true });
    // Sent back: open again although an old completion is still on it.
    expect(taskFacts({ createdAt: '2026-03-01', deadline: '2026-03-31', state: '办理中', completion: { at: '2026-03-20' } })?.done).toBe(false);
    expect(taskFacts(null)).toBeUndefined();
    expect(taskFacts('T1')).toBeUndefined();
    expect(taskFacts({ content: 'no dates' })).toBeUndefined();
  });

  it('counts tasks given in the period, 办结 (not 已完成待审), and 办结 by the deadline', () => {
    const tasks = [
      { createdAt: '2026-03-01', deadline: '2026-03-31', state: '已办结', completion: { at: '2026-03-20' } },
      { createdAt: '2026-04-01', deadline: '2026-04-10', state: '已完成待审', completion: { at: '2026-04-15' } },
      { createdAt: '2026-05-01', deadline: '2026-05-10', state: '办理中' },
      { createdAt: '2026-05-01', state: '已办结' },
      { createdAt: '2025-05-01', deadline: '2025-05-10', state: '已办结', completion: { at: '2025-05-02' } },
      { garbage: true },
    ];
    expect(taskFigures(tasks, period)).toEqual({ given: 4, done: 2, onTime: 1, unknownTiming: 1 });
    expect(headlineStats({ period, enterprises: [], outcomes: [], creditRepairs: [], tasks }).tasks?.given).toBe(4);
  });
});
