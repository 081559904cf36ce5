/** 排查 without arguments: a round's progress, for the person asking. */
import type { Config } from '../config/config.ts';
import type { Person } from '../domain/types.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { formatOfficialDate, formatShortDate } from '../domain/dates.ts';
import { BYTE_LIMITS, renderWithin } from '../render/fit.ts';
import type { ScreeningRound } from '../store/model.ts';
import { missingUnits, roundPeriod, unitNameList } from './rounds.ts';

export function answerText(round: ScreeningRound, unitId: string): string {
  const a = round.answers[unitId];
  if (!a) return '尚未报送';
  const day = formatShortDate(toShanghaiDate(new Date(a.at)));
  return `${a.added > 0 ? `新增${a.added}家` : '无新增'}（${day}${a.late ? '，逾期' : ''}）${a.note ? `：${a.note}` : ''}`;
}

/** What of a round a person sees: the office every unit's answer, a liaison their own unit's. */
export function screeningViewOf(person: Person): { ownUnit: string | undefined; office: boolean } {
  const ownUnit = person.roles.includes('liaison') ? person.unitId : undefined;
  const office = person.roles.some((r) => r === 'director' || r === 'convener' || r === 'admin');
  return { ownUnit, office };
}

export function roundStatus(config: Config, round: ScreeningRound, person: Person, today: string): string {
  const missing = missingUnits(round);
  const closed = today > round.deadline;
  const { ownUnit, office } = screeningViewOf(person);
  const name = (id: string) => config.unitById(id)?.name ?? id;
  const own = ownUnit ? `${name(ownUnit)}：${answerText(round, ownUnit)}` : '';
  const rows = office ? round.unitIds.filter((u) => round.answers[u]).map((u) => `${name(u)}：${answerText(round, u)}`) : [];
  const hint = ownUnit && !round.answers[ownUnit]
    ? '报送：发“排查 无新增”，或先用“登记”列入企业再发“排查 完成 新增:<家数>”。'
    : office && missing.length ? '单位已通过其他方式报送的，可代为录入：排查 无新增 单位:＜单位＞。' : '';
  return renderWithin('screening-status', {
    period: roundPeriod(round).label,
    opened: formatOfficialDate(round.opensOn),
    deadline: formatOfficialDate(round.deadline),
    closed,
    answeredCount: round.unitIds.length - missing.length,
    total: round.unitIds.length,
    lateCount: round.unitIds.filter((u) => round.answers[u]?.late).length,
    own,
    rows,
    missingCount: missing.length,
    missing: unitNameList(config, missing).join('、'),
    hint,
  }, ['rows'], BYTE_LIMITS.person);
}
