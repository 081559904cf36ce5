/**
 * Two meetings of one unit at nearly the same time: the same liaison cannot be in both. A clash is
 * a warning in the reply, never a refusal — the unit may send two people.
 */
import type { Config } from '../config/config.ts';
import { unitNames } from '../core/unit-list.ts';
import type { Meeting } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';
import { formatMeetingTime, meetingName, meetingUnitIds } from './records.ts';

/** How long a meeting is taken to last when looking for clashes. */
export const MEETING_SPAN_MS = 2 * 3_600_000;

/** "区法院另有业务会议 M2（2026年12月3日（星期四）15:30）", one line per clashing meeting. */
export function clashWarning(reader: StateReader, config: Config, m: Meeting): string {
  if (!m.time) return '';
  const at = new Date(m.time).getTime();
  const units = meetingUnitIds(m);
  const lines = [...reader.values('meetings')]
    .filter((o) => o.id !== m.id && o.time && !o.parked && !o.outcome && Math.abs(new Date(o.time).getTime() - at) < MEETING_SPAN_MS)
    .sort((a, b) => a.time!.localeCompare(b.time!))
    .map((o) => {
      const shared = meetingUnitIds(o).filter((u) => units.includes(u));
      return shared.length ? `${unitNames(config, shared)}另有${meetingName(o)}（${formatMeetingTime(o.time!)}）` : '';
    })
    .filter(Boolean);
  return lines.length ? `注意时间冲突：${lines.join('；')}。` : '';
}
