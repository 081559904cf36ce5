import { describe, expect, it } from 'vitest';
import { checkEscalation, type EscalationFacts } from '../../src/domain/meeting-levels.ts';

const m = (over: Partial<EscalationFacts>): EscalationFacts => ({ id: 'M7', level: '业务', outcome: { result: '未解决' }, ...over });

describe('checkEscalation (001 §四: 业务 → 专题 → 联席)', () => {
  it('sends an unresolved 业务会议 to a 专题会议 and an unresolved 专题会议 to the 联席会议 agenda', () => {
    expect(checkEscalation(m({}))).toEqual({ ok: true, target: { kind: 'meeting', level: '专题' } });
    expect(checkEscalation(m({ level: '专题' }))).toEqual({ ok: true, target: { kind: 'agenda' } });
  });

  it('refuses, with what to do instead: a 联席会议, a solved matter, one without a result, a parked or already escalated one', () => {
    expect(checkEscalation(m({ level: '联席' }))).toMatchObject({ ok: false, reason: expect.stringContaining('已是最高一级的联席会议，不能再升级') });
    expect(checkEscalation(m({ outcome: { result: '已解决' } }))).toEqual({ ok: false, reason: '业务会议 M7 已解决，无需升级。' });
    expect(checkEscalation(m({ outcome: undefined }))).toMatchObject({ ok: false, reason: expect.stringContaining('会议 M7 结果:未解决') });
    expect(checkEscalation(m({ parked: {} }))).toMatchObject({ ok: false, reason: expect.stringContaining('恢复 M7') });
    expect(checkEscalation(m({ escalatedTo: 'M8' }))).toMatchObject({ ok: false, reason: expect.stringContaining('已经升级过（M8）') });
  });
});
