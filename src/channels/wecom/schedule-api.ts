/**
 * WeCom schedules (日程, doc 93648; protocols §3.5): `oa/schedule/add` returns a schedule_id,
 * `oa/schedule/update` changes it (the attendee list is replaced), `oa/schedule/del` removes it.
 * The app must be allowed under 日程 → 可调用接口的应用. Times are Unix seconds.
 */
import { PlatformError } from '../../outbox/platform-error.ts';
import type { WecomApiClient } from './api-client.ts';
import type { ScheduleSpec } from '../../meetings/calendar/sync.ts';

/** A meeting's schedule as the meetings feature describes it, plus WeCom's reminder. */
export interface WecomScheduleSpec extends ScheduleSpec {
  /** Minutes before the start to remind. */
  remindBefore?: number;
}

function body(s: WecomScheduleSpec): Record<string, unknown> {
  return {
    organizer: s.organizer,
    start_time: Math.floor(Date.parse(s.start) / 1000),
    end_time: Math.floor(Date.parse(s.end) / 1000),
    attendees: s.attendees.map((userid) => ({ userid })),
    summary: s.summary,
    description: s.description,
    ...(s.location ? { location: s.location } : {}),
    reminders: { is_remind: 1, remind_before_event_secs: (s.remindBefore ?? 60) * 60, is_repeat: 0 },
  };
}

export class WecomScheduleApi {
  constructor(private readonly api: Pick<WecomApiClient, 'call' | 'agentId'>) {}

  async add(s: WecomScheduleSpec): Promise<string> {
    const result = await this.api.call('oa/schedule/add', { schedule: body(s), agentid: this.api.agentId });
    const id = result.schedule_id;
    if (typeof id !== 'string' || id === '') {
      throw new PlatformError('企业微信 oa/schedule/add 没有返回 schedule_id', { platform: 'wecom', code: 'no_schedule_id', retryable: false });
    }
    return id;
  }

  async update(scheduleId: string, s: WecomScheduleSpec): Promise<void> {
    await this.api.call('oa/schedule/update', { schedule: { schedule_id: scheduleId, ...body(s) } });
  }

  async del(scheduleId: string): Promise<void> {
    await this.api.call('oa/schedule/del', { schedule_id: scheduleId });
  }
}
