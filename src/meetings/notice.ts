import { render } from '../render/templates.ts';
import type { Meeting } from '../store/model.ts';
import { meetingName } from './records.ts';

/** A short pushed notice about a meeting: "【会议已确认】业务会议 M7：解除查封" + lines + how to look. */
export function meetingNotice(headline: string, m: Meeting, lines: readonly string[]): string {
  return render('meeting-notice', { headline, name: meetingName(m), topic: m.topic, lines: lines.filter(Boolean), id: m.id });
}
