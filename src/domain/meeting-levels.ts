/**
 * The three meeting levels of 001 §四 and the way a matter climbs them: "对业务会议不能解决的事项，
 * 由联席会议办公室主任召集专题会议。对专题会议仍不能解决的问题，由联席会议办公室提请召开联席会议。"
 * 业务 → 专题 → 联席, one step at a time, and only for a matter the meeting could not solve.
 */
/** 业务 → 专题 → 联席. */
export type MeetingLevel = '业务' | '专题' | '联席';

export const LEVEL_LABELS: Readonly<Record<MeetingLevel, string>> = {
  业务: '业务会议',
  专题: '专题会议',
  联席: '联席会议',
};

export function levelLabel(level: MeetingLevel): string {
  return LEVEL_LABELS[level];
}

/** Where an unresolved matter goes next: a 专题会议, or an agenda item of the next 联席会议. */
export type EscalationTarget = { kind: 'meeting'; level: '专题' } | { kind: 'agenda' };

/** The facts escalation depends on (a Meeting has them all). */
export interface EscalationFacts {
  id: string;
  level: MeetingLevel;
  outcome?: { result: '已解决' | '未解决' };
  escalatedTo?: string;
  parked?: unknown;
}

export type EscalationCheck = { ok: true; target: EscalationTarget } | { ok: false; reason: string };

/** May this meeting's matter go up a level? If not, one Chinese sentence saying why and what to do. */
export function checkEscalation(m: EscalationFacts): EscalationCheck {
  const name = `${levelLabel(m.level)} ${m.id}`;
  if (m.escalatedTo) return { ok: false, reason: `${name} 已经升级过（${m.escalatedTo}），不能重复升级。` };
  if (m.level === '联席') {
    return { ok: false, reason: `${name} 已是最高一级的联席会议，不能再升级；尚不具备解决条件的，可以暂缓：暂缓 ${m.id} 理由:<原因>。` };
  }
  if (m.parked) return { ok: false, reason: `${name} 已暂缓，请先恢复（恢复 ${m.id}）再决定是否升级。` };
  if (!m.outcome) {
    return { ok: false, reason: `${name}还没有记录结果；会议未能解决的，请先记录：会议 ${m.id} 结果:未解决 说明:<原因>。` };
  }
  if (m.outcome.result === '已解决') return { ok: false, reason: `${name} 已解决，无需升级。` };
  return { ok: true, target: m.level === '业务' ? { kind: 'meeting', level: '专题' } : { kind: 'agenda' } };
}
