/**
 * What an enterprise's file (企业 E12) shows of the coordination work about it: each matter's
 * ladder (业务会议 M7 → 专题会议 M8 → 联席会议议题 A3), agenda items proposed directly, and the
 * supervised tasks that name it. Registered once, when a command module imports this file.
 * The file is passed through unescaped (safe()), so user text is escaped here; it has no clock,
 * so meeting states are given without the "time passed" nuance.
 */
import type { Config } from '../config/config.ts';
import { unitName } from '../core/unit-list.ts';
import { formatOfficialDate } from '../domain/dates.ts';
import { escapeChatText } from '../render/escape.ts';
import { addFileSection } from '../store/enterprise-extras.ts';
import type { Enterprise, Meeting } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';
import { agendaState, ladderText, meetingName, meetingState } from './records.ts';
import { stateText } from '../tasks/view.ts';

const MAX_LINES = 6;

function meetingsSection(reader: StateReader, e: Enterprise): string | undefined {
  const meetings = reader.lookup('meetings', 'enterprise', e.id);
  const ids = new Set(meetings.map((m) => m.id));
  // One line per matter: start from meetings that did not come from another meeting about it.
  const roots = meetings.filter((m) => !m.escalatedFrom || !ids.has(m.escalatedFrom)).sort(newestFirst);
  const lines = roots.slice(0, MAX_LINES).map((m: Meeting) => `· ${escapeChatText(m.topic)}：${ladderText(reader, m) || `${meetingName(m)}（${meetingState(m)}）`}`);
  const direct = reader.lookup('agenda', 'enterprise', e.id).filter((a) => !a.fromMeetingId);
  for (const a of direct.slice(0, MAX_LINES)) lines.push(`· ${escapeChatText(a.topic)}：联席会议议题 ${a.id}（${agendaState(a)}）`);
  return lines.length ? `会议协调（${roots.length + direct.length}）：\n${lines.join('\n')}` : undefined;
}

function tasksSection(reader: StateReader, e: Enterprise, config: Config): string | undefined {
  const tasks = reader.lookup('tasks', 'enterprise', e.id).sort((a, b) => Number(b.id.slice(1)) - Number(a.id.slice(1)));
  if (tasks.length === 0) return undefined;
  const lines = tasks.slice(0, MAX_LINES).map((t) => `· ${t.id} ${escapeChatText(t.content)}（牵头：${unitName(config, t.leadUnitId)}，期限：${formatOfficialDate(t.deadline)}，${stateText(t)}）`);
  const more = tasks.length > MAX_LINES ? `\n……另有${tasks.length - MAX_LINES}件，发“任务 全部”查看。` : '';
  return `督办任务（${tasks.length}）：\n${lines.join('\n')}${more}`;
}

function newestFirst(a: Meeting, b: Meeting): number {
  return Number(b.id.slice(1)) - Number(a.id.slice(1));
}

addFileSection((reader, e) => meetingsSection(reader, e));
addFileSection(tasksSection);
