/**
 * 季度排查 (000 art. 5: "每季度成员单位应认真排查危困中小微企业名单，并提交联席会议讨论"): once a
 * quarter every member unit screens its field and answers — 无新增, or 完成 with how many
 * enterprises it added. A round opens on the first working day of the quarter's configured month
 * (the 3rd by default, so the results are ready for the quarter's meetings) and closes N working
 * days later. Answers after the deadline are kept and marked late.
 */
import type { Config } from '../config/config.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { type Period, parseQuarterId, quarterMonthStart } from '../domain/periods.ts';
import type { ScreeningAnswer, ScreeningRound } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';
import { firstWorkingDayIn } from '../scheduler/slots.ts';

/** The day a quarter's round is planned to open; 'gap' when the year's holidays are missing. */
export function plannedOpening(calendar: WorkingCalendar, config: Config, q: Period): string | 'gap' | undefined {
  const month = config.rhythms.screeningOpensInMonth as 1 | 2 | 3;
  return firstWorkingDayIn(calendar, quarterMonthStart(q, month), q.end);
}

export function roundPeriod(round: Pick<ScreeningRound, 'id'>): Period {
  return parseQuarterId(round.id)!;
}

/** Every round, newest first. */
export function roundsNewestFirst(reader: StateReader): ScreeningRound[] {
  return [...reader.values('screenings')].sort((a, b) => b.id.localeCompare(a.id));
}

/** The round units answer now: the newest one that has opened. */
export function currentRound(reader: StateReader): ScreeningRound | undefined {
  return roundsNewestFirst(reader)[0];
}

export function missingUnits(round: ScreeningRound): string[] {
  return round.unitIds.filter((u) => !round.answers[u]);
}

export type AnswerTiming = 'onTime' | 'late' | 'missing';

export function answerTiming(round: ScreeningRound, unitId: string): AnswerTiming {
  const a = round.answers[unitId];
  return !a ? 'missing' : a.late ? 'late' : 'onTime';
}

/**
 * Records a unit's answer. A unit may correct its answer; whether it was on time is decided by
 * its first answer, which is what the quarterly 考核 counts.
 */
export function recordAnswer(round: ScreeningRound, unitId: string, answer: { added: number; note?: string; by: string; at: Date }): { round: ScreeningRound; late: boolean; corrected: boolean } {
  const previous = round.answers[unitId];
  const late = previous ? previous.late : toShanghaiDate(answer.at) > round.deadline;
  const next: ScreeningAnswer = {
    added: answer.added,
    ...(answer.note ? { note: answer.note } : {}),
    by: answer.by,
    at: answer.at.toISOString(),
    late,
  };
  const text = `${answer.added > 0 ? `报送排查结果：新增${answer.added}家` : '报送排查结果：无新增'}${late ? '（逾期）' : ''}${previous ? '（更正）' : ''}`;
  return {
    round: { ...round, answers: { ...round.answers, [unitId]: next }, history: [...round.history, { at: next.at, by: answer.by, text: `${unitId}:${text}` }] },
    late,
    corrected: Boolean(previous),
  };
}

export function unitNameList(config: Config, ids: readonly string[]): string[] {
  return ids.map((id) => config.unitById(id)?.name ?? id);
}
