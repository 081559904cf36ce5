import { levelLabel } from '../domain/meeting-levels.ts';
import type { Task } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

/** Where a task came from: "业务会议 M7 纪要（2026年第3号）" or "办公室主任交办". */
export function sourceText(reader: StateReader, t: Task): string {
  if (t.source.kind === 'assigned') return '办公室主任交办';
  const m = reader.get('meetings', t.source.meetingId);
  const name = m ? `${levelLabel(m.level)} ${m.id}` : t.source.meetingId;
  return `${name}纪要（${t.source.year}年第${t.source.minutesNumber}号）`;
}
