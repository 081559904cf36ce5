/**
 * Brings calendars up to each meeting's invitation record (follow.ts marks it due):
 * - WeCom (when the self-built app is on): one schedule per meeting with every attendee who has a
 *   WeCom id — `add` the first time, `update` on a change, `del` on a cancellation. The schedule_id
 *   is written in the transaction that records the API's answer, and every retry looks at it first,
 *   so a schedule is created once. (The one gap no API can close: a crash after WeCom created the
 *   schedule and before that transaction is on disk; the retry then creates a second one.)
 * - .ics files (when DingTalk is on, which has no calendar API here) to everyone the WeCom schedule
 *   does not reach: queued in the durable outbox under a key per meeting, sequence and person, in
 *   the same transaction that records the sequence as sent.
 * A record stays due until both are done; failures are retried with back-off, like the outbox.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config/config.ts';
import { PlatformError } from '../../outbox/platform-error.ts';
import { logger } from '../../log/log.ts';
import type { Person } from '../../domain/types.ts';
import { exportsDir } from '../../documents/files.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import type { MeetingCalendar } from '../../store/model.ts';
import type { Store } from '../../store/store.ts';
import type { Tx } from '../../store/tx.ts';
import { formatMeetingTime } from '../records.ts';

export interface ScheduleSpec {
  organizer: string;
  attendees: string[];
  start: string;
  end: string;
  summary: string;
  description: string;
  location?: string;
}

/** A calendar API keyed by schedule id (WeCom's oa/schedule: src/channels/wecom/schedule-api.ts). */
export interface ScheduleApi {
  add(s: ScheduleSpec): Promise<string>;
  update(scheduleId: string, s: ScheduleSpec): Promise<void>;
  del(scheduleId: string): Promise<void>;
}

export interface CalendarSyncOptions {
  store: Store;
  config: Config;
  /** WeCom schedules; absent when the self-built app is off. */
  schedules?: ScheduleApi;
  /** Send .ics invitations to the people no schedule reaches (DingTalk is on). */
  ics?: boolean;
  clock: () => Date;
  /** Wakes the outbox after .ics messages were queued. */
  onOutbox?: () => void;
  maxAttempts?: number;
  baseDelayMs?: number;
}

export class CalendarSync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly options: CalendarSyncOptions) {}

  private now(): Date {
    return this.options.clock();
  }

  /** Syncs every due record; resolves with how many were brought up to date. */
  runOnce(): Promise<number> {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    const now = this.now().toISOString();
    const due = this.options.store
      .lookup('meetingCalendars', 'due', 'due')
      .filter((c) => !c.nextAttemptAt || c.nextAttemptAt <= now)
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
    let done = 0;
    for (const c of due) if (await this.syncOne(structuredClone(c))) done++;
    return done;
  }

  private person(id: string): Person | undefined {
    return this.options.config.personById(id);
  }

  /** WeCom userids: the organizer (or, without a WeCom id, the first attendee who has one) and the others. */
  private wecomPeople(c: MeetingCalendar): { organizer: string; attendees: string[] } | undefined {
    const ids = [c.organizerId, ...c.attendeeIds].map((id) => this.person(id)?.ids.wecom).filter((x): x is string => Boolean(x));
    const [organizer, ...attendees] = [...new Set(ids)];
    return organizer ? { organizer, attendees } : undefined;
  }

  private async syncOne(c: MeetingCalendar): Promise<boolean> {
    try {
      if (this.options.schedules) await this.syncWecom(c, this.options.schedules);
      if (this.options.ics) await this.sendIcs(c);
      return await this.settle(c.id, c.sequence, (fresh) => {
        fresh.due = false;
        fresh.attempts = 0;
        delete fresh.nextAttemptAt;
        delete fresh.lastError;
      });
    } catch (err) {
      await this.failed(c, err);
      return false;
    }
  }

  private async syncWecom(c: MeetingCalendar, api: ScheduleApi): Promise<void> {
    const w = c.wecom;
    if (c.state === 'cancelled') {
      if (!w?.scheduleId || w.deleted) return;
      await api.del(w.scheduleId);
      await this.write(c.id, 'calendar:wecom-del', (fresh) => {
        fresh.wecom = { scheduleId: w.scheduleId!, sequence: c.sequence, deleted: true };
      });
      return;
    }
    const people = this.wecomPeople(c);
    if (!people) return;
    const spec: ScheduleSpec = { ...people, start: c.start, end: c.end, summary: c.summary, description: c.description, ...(c.location ? { location: c.location } : {}) };
    if (!w?.scheduleId || w.deleted) {
      const scheduleId = await api.add(spec);
      await this.write(c.id, 'calendar:wecom-add', (fresh) => {
        fresh.wecom = { scheduleId, sequence: c.sequence };
      });
    } else if (w.sequence < c.sequence) {
      await api.update(w.scheduleId, spec);
      await this.write(c.id, 'calendar:wecom-update', (fresh) => {
        fresh.wecom = { scheduleId: w.scheduleId!, sequence: c.sequence };
      });
    }
  }

  /** The people an .ics reaches: DingTalk users the WeCom schedule does not cover. */
  private icsPeople(c: MeetingCalendar): Person[] {
    const schedules = Boolean(this.options.schedules);
    return [...new Set([c.organizerId, ...c.attendeeIds])]
      .map((id) => this.person(id))
      .filter((p): p is Person => Boolean(p?.ids.dingtalk) && !(schedules && p!.ids.wecom));
  }

  private async sendIcs(c: MeetingCalendar): Promise<void> {
    if (c.icsSequence === c.sequence) return;
    // A cancellation goes only to calendars that were sent an invitation.
    if (c.state === 'cancelled' && c.icsSequence === undefined) return;
    const people = this.icsPeople(c);
    const { store, config } = this.options;
    const cancel = c.state === 'cancelled';
    const path = join(exportsDir(store.dataDir, 'calendar'), `${c.id}-${c.sequence}.ics`);
    // Loaded on first use: the ics library is not needed to start the service.
    const { invitationIcs } = await import('./ics.ts');
    writeFileSync(path, invitationIcs(config, c), 'utf8');
    const name = `${cancel ? '会议取消' : '会议邀请'}-${c.id}.ics`;
    const text = [
      `【${cancel ? '会议取消' : c.sequence > 0 && c.icsSequence !== undefined ? '会议变更' : '会议邀请'}】${c.summary}（${c.id}）`,
      `时间：${formatMeetingTime(c.start)}`,
      cancel ? '会议已暂缓或取消，打开附件即可从日历中删除。' : '附件是日历邀请（.ics），打开即可加入日历；改期会再发新的邀请。',
    ].join('\n');
    await this.write(c.id, 'calendar:ics', (fresh, tx) => {
      for (const p of people) {
        enqueue(tx, this.now(), {
          to: { kind: 'person', personId: p.id },
          text,
          file: { name, path },
          idempotencyKey: `calendar:${c.id}:${c.sequence}:${p.id}`,
          via: 'dingtalk',
        });
      }
      fresh.icsSequence = c.sequence;
    });
    if (people.length) this.options.onOutbox?.();
  }

  /** Changes the record in a transaction (whatever else changed on it meanwhile is kept). */
  private async write(id: string, action: string, change: (fresh: MeetingCalendar, tx: Tx) => void): Promise<void> {
    await this.options.store.transact({ actor: 'calendar', action, source: id }, (tx) => {
      const fresh = tx.get('meetingCalendars', id);
      if (!fresh) return;
      change(fresh, tx);
      tx.put('meetingCalendars', fresh);
    });
  }

  /** Applies `change` only if the record still has the sequence that was synced; true if it did. */
  private async settle(id: string, sequence: number, change: (fresh: MeetingCalendar) => void): Promise<boolean> {
    return this.options.store.transact({ actor: 'calendar', action: 'calendar:synced', source: id }, (tx) => {
      const fresh = tx.get('meetingCalendars', id);
      // The meeting changed again while we were at it: stay due for the next round.
      if (!fresh || fresh.sequence !== sequence) return false;
      change(fresh);
      tx.put('meetingCalendars', fresh);
      return true;
    });
  }

  private async failed(c: MeetingCalendar, err: unknown): Promise<void> {
    const retryable = err instanceof PlatformError && err.details.retryable;
    const message = err instanceof Error ? err.message : String(err);
    await this.write(c.id, 'calendar:failed', (fresh) => {
      // A newer change came in meanwhile: it gets its own attempts.
      if (fresh.sequence !== c.sequence) return;
      const attempts = fresh.attempts + 1;
      fresh.attempts = attempts;
      fresh.lastError = message;
      if (!retryable || attempts >= (this.options.maxAttempts ?? 8)) {
        logger.warn({ meeting: c.id, attempts, err }, 'calendar sync gave up');
        fresh.due = false;
        delete fresh.nextAttemptAt;
        return;
      }
      const wait = Math.min(30 * 60_000, (this.options.baseDelayMs ?? 5000) * 2 ** (attempts - 1));
      const afterMs = Math.max(wait, err instanceof PlatformError ? (err.details.retryAfterMs ?? 0) : 0);
      fresh.nextAttemptAt = new Date(this.now().getTime() + afterMs).toISOString();
    });
  }

  /** Polls for due records (meetings change in commands; this runs beside the outbox). */
  start(intervalMs = 3000): void {
    const tick = () => {
      this.runOnce()
        .catch((err: unknown) => logger.error({ err }, 'calendar sync failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
