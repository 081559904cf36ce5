/**
 * 季度排查 and its follow-up ladder, run every working day at remindersAt:
 *  1. open: the first working day of the quarter's configured month — a notice to every unit's
 *     liaisons; the deadline is screeningAnswerWorkingDays working days after the opening day;
 *  2. remind: 2 working days before the deadline, to the units still missing (each unit its own);
 *  3. deadline day: the units still missing are @-mentioned in the liaison group, in words that
 *     thank those who answered (most did) rather than scold everyone;
 *  4. the working day after the deadline: the closing report to the director.
 * Each step is a notice "reached" on or after its day, so a step missed while the service was
 * down goes out at the next run — once, since its key is in the ledger. A round whose opening was
 * missed opens late, with its deadline counted from the day it actually opened.
 */
import { toShanghaiDate } from '../../domain/calendar/shanghai.ts';
import { formatOfficialDate, formatShortDate } from '../../domain/dates.ts';
import { quarterContaining } from '../../domain/periods.ts';
import { BYTE_LIMITS, renderWithin } from '../../render/fit.ts';
import { render } from '../../render/templates.ts';
import { enterpriseLine, quarterFindings } from '../../screening/findings.ts';
import { answerTiming, missingUnits, plannedOpening, roundPeriod, roundsNewestFirst, unitNameList } from '../../screening/rounds.ts';
import type { ScreeningRound } from '../../store/model.ts';
import type { RunContext } from '../job.ts';
import { directors, liaisonGroup, liaisonsOf } from '../recipients.ts';
import { orGap } from '../slots.ts';
import { dayText } from '../format.ts';
import { dailyJob } from './daily.ts';

/** The reminder goes this many working days before the deadline. */
export const REMIND_WORKING_DAYS_BEFORE = 2;

function openRound(ctx: RunContext): void {
  const { calendar, config, tx, today } = ctx;
  const q = quarterContaining(today);
  if (tx.get('screenings', q.id)) return;
  const planned = plannedOpening(calendar, config, q);
  if (planned === undefined || planned === 'gap' || today < planned) return;
  const deadline = orGap(() => calendar.addWorkingDays(today, config.rhythms.screeningAnswerWorkingDays));
  if (!deadline) {
    ctx.note(`${q.label}排查未能开启：截止日落在节假日安排尚未录入的年份`);
    return;
  }
  const late = today > planned;
  const round: ScreeningRound = {
    id: q.id,
    year: Number(q.id.slice(0, 4)),
    quarter: Number(q.id.slice(-1)) as 1 | 2 | 3 | 4,
    opensOn: today,
    deadline,
    unitIds: config.units.map((u) => u.id),
    answers: {},
    openedAt: ctx.now.toISOString(),
    ...(late ? { openedLate: true } : {}),
    history: [{ at: ctx.now.toISOString(), by: 'scheduler', text: `开启${q.label}排查，${formatOfficialDate(deadline)}截止${late ? `（原计划${formatOfficialDate(planned)}开启）` : ''}` }],
  };
  tx.put('screenings', round);
  for (const unit of config.units) {
    const text = render('screening-open', { period: q.label, unit: unit.name, deadline: dayText(deadline), late });
    ctx.notify(`screening-open:${q.id}:${unit.id}`, config.liaisonsOf(unit.id), text);
  }
  ctx.note(`开启${q.label}排查`);
}

function followUp(ctx: RunContext, round: ScreeningRound): void {
  const { calendar, config, today } = ctx;
  const period = roundPeriod(round).label;
  const missing = missingUnits(round);
  const answered = round.unitIds.length - missing.length;
  const remindDay = orGap(() => calendar.subtractWorkingDays(round.deadline, REMIND_WORKING_DAYS_BEFORE));

  if (remindDay && today >= remindDay && today < round.deadline) {
    for (const unitId of missing) {
      const text = render('screening-remind', { period, unit: config.unitById(unitId)?.name ?? unitId, deadline: dayText(round.deadline), answered });
      ctx.notify(`screening-remind:${round.id}:${unitId}`, config.liaisonsOf(unitId), text);
    }
  }
  if (today >= round.deadline && missing.length > 0 && !ctx.sent(`screening-deadline:${round.id}`)) {
    const people = liaisonsOf(config, missing);
    const text = render('screening-deadline', { period, answered, missingCount: missing.length, missing: unitNameList(config, missing).join('、') });
    const group = liaisonGroup(config);
    // In the group, the missing units' liaisons are @-mentioned; without a group, each hears it alone.
    if (group) ctx.notify(`screening-deadline:${round.id}`, [group], text, { mentions: people.map((p) => p.id) });
    else ctx.notify(`screening-deadline:${round.id}`, people, text);
  }
  if (today > round.deadline) {
    ctx.notify(`screening-report:${round.id}`, directors(config), screeningReport(ctx, round));
  }
}

/** The closing report: answers per unit, enterprises added, tier proposals. */
export function screeningReport(ctx: Pick<RunContext, 'tx' | 'config'>, round: ScreeningRound): string {
  const { config, tx } = ctx;
  const q = roundPeriod(round);
  const name = (id: string) => config.unitById(id)?.name ?? id;
  const f = quarterFindings(tx, q);
  const byTiming = (t: string) => round.unitIds.filter((u) => answerTiming(round, u) === t);
  const answered = round.unitIds.filter((u) => round.answers[u]);
  const answers = answered
    .filter((u) => round.answers[u]!.added > 0)
    .map((u) => {
      const a = round.answers[u]!;
      const registered = f.signalsByUnit.get(u) ?? 0;
      return `${name(u)}：新增${a.added}家${registered ? `（名册登记${registered}条预警）` : ''}${a.late ? `，逾期（${formatShortDate(toShanghaiDate(new Date(a.at)))}）` : ''}`;
    });
  const lateUnits = byTiming('late').map((u) => `${name(u)}（${formatShortDate(toShanghaiDate(new Date(round.answers[u]!.at)))}）`);
  return renderWithin('screening-report', {
    period: q.label,
    opened: formatOfficialDate(round.opensOn),
    deadline: formatOfficialDate(round.deadline),
    onTimeCount: byTiming('onTime').length,
    lateCount: lateUnits.length,
    late: lateUnits.join('、'),
    missingCount: byTiming('missing').length,
    missing: byTiming('missing').map(name).join('、'),
    answers,
    noneCount: answered.filter((u) => round.answers[u]!.added === 0).length,
    addedCount: f.added.length,
    added: f.added.map((e) => enterpriseLine(e, name)),
    untieredCount: f.untiered.length,
    untiered: f.untiered.map((e) => e.id),
    multiCount: f.multiUnit.length,
    multi: f.multiUnit.map((e) => enterpriseLine(e, name, true)),
  }, ['answers', 'added', 'untiered', 'multi'], BYTE_LIMITS.person);
}

export const screeningJob = dailyJob({
  id: 'screening',
  label: '季度排查',
  times: (config) => [config.rhythms.remindersAt],
  run(ctx) {
    openRound(ctx);
    // Every round whose ladder is not finished (the previous quarter's may close in this one).
    for (const round of roundsNewestFirst(ctx.tx).slice(0, 2)) {
      if (!ctx.sent(`screening-report:${round.id}`)) followUp(ctx, round);
    }
  },
});
