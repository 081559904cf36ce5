/** 会议: the meetings a person follows (as 会议 lists them), along the ladder 业务 → 专题 → 联席, and parked items. */
import { formatShortDate } from '../../domain/dates.ts';
import { levelLabel } from '../../domain/meeting-levels.ts';
import { openAgendaItems } from '../../meetings/queries.ts';
import { agendaState, enterpriseNames, formatMeetingTime, ladderText, meetingName, meetingState, meetingUnitNames } from '../../meetings/records.ts';
import { byTime, meetingsVisibleTo } from '../../meetings/view.ts';
import type { MeetingLevel } from '../../domain/meeting-levels.ts';
import { mayOpen } from '../access.ts';
import type { DashboardView } from '../view.ts';

const LADDER: readonly MeetingLevel[] = ['业务', '专题', '联席'];

export function meetingsPage(view: DashboardView) {
  const { mine } = meetingsVisibleTo(view.tx, view.person);
  const row = (m: (typeof mine)[number]) => ({
    id: m.id,
    name: meetingName(m),
    topic: m.topic,
    time: m.time ? formatMeetingTime(m.time) : '时间待定',
    state: meetingState(m, view.now),
    units: meetingUnitNames(view.config, m),
    enterprises: enterpriseNames(view.tx, m.enterpriseIds),
    ladder: ladderText(view.tx, m, view.now),
    outcome: m.outcome ? `${m.outcome.result}${m.outcome.note ? `（${m.outcome.note}）` : ''}` : '',
  });
  const inPlay = mine.filter((m) => !m.outcome && !m.parked).sort(byTime);
  const parked = mine.filter((m) => m.parked).sort(byTime);
  return {
    levels: LADDER.map((level) => ({ label: levelLabel(level), rows: inPlay.filter((m) => m.level === level).map(row) })),
    parked: parked.map((m) => ({ ...row(m), parked: `${m.parked!.reason}${m.parked!.until ? `；${formatShortDate(m.parked!.until)}再提交` : ''}` })),
    done: mine.filter((m) => m.outcome && !m.parked).length,
    // The joint meeting's open agenda: 议题 lists it to everyone it runs for.
    agenda: mayOpen(view.person, '议题') ? openAgendaItems(view.tx).map((a) => ({ id: a.id, topic: a.topic, state: agendaState(a) })) : [],
  };
}
