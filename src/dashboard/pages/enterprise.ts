/** 企业档案: what `企业 E12` shows, with the meeting ladder and the tasks as one timeline. */
import { unitName } from '../../core/unit-list.ts';
import { toShanghaiDate } from '../../domain/calendar/shanghai.ts';
import { formatShortDate } from '../../domain/dates.ts';
import { levelLabel } from '../../domain/meeting-levels.ts';
import { formatMeetingTime, meetingName, meetingState } from '../../meetings/records.ts';
import '../../meetings/file-section.ts';
import { enterpriseFileExtras } from '../../store/enterprise-extras.ts';
import { enterpriseFileFields } from '../../store/enterprise-file.ts';
import type { Enterprise } from '../../store/model.ts';
import { colourOf, stateText } from '../../tasks/view.ts';
import type { DashboardView } from '../view.ts';

interface TimelineEntry {
  date: string;
  kind: '记录' | '会议' | '任务';
  title: string;
  text: string;
  colour: string;
}

export function enterprisePage(view: DashboardView, e: Enterprise) {
  const { config, tx } = view;
  const timeline: TimelineEntry[] = [];
  for (const h of e.history) timeline.push({ date: h.at, kind: '记录', title: '', text: h.text, colour: '' });
  for (const m of tx.lookup('meetings', 'enterprise', e.id)) {
    const outcome = m.outcome ? `：${m.outcome.result}${m.outcome.note ? `（${m.outcome.note}）` : ''}` : '';
    timeline.push({
      date: m.time ?? m.createdAt,
      kind: '会议',
      title: `${meetingName(m)}｜${levelLabel(m.level)}`,
      text: `${m.topic}（${m.time ? formatMeetingTime(m.time) : '时间待定'}，${meetingState(m, view.now)}${outcome}）`,
      colour: '',
    });
  }
  for (const t of tx.lookup('tasks', 'enterprise', e.id)) {
    timeline.push({
      date: t.createdAt,
      kind: '任务',
      title: t.id,
      text: `${t.content}（牵头：${unitName(config, t.leadUnitId)}，期限 ${formatShortDate(t.deadline)}，${stateText(t)}）`,
      colour: colourOf(view, t) ?? '',
    });
  }
  timeline.sort((a, b) => b.date.localeCompare(a.date));
  return {
    ...enterpriseFileFields(e, config),
    // The chat file's extra sections (loans, credit repair, meetings …) as the chat shows them.
    extra: (enterpriseFileExtras(tx, e, config) ?? '').replace(/\*\*/gu, ''),
    timeline: timeline.map((t) => ({ ...t, date: formatShortDate(toShanghaiDate(new Date(t.date))) })),
  };
}
