/**
 * What the scheduler (reminders, digests, the 联席会议 preparation) needs to know about meetings.
 * Read-only; each takes the reader and the instant or day it asks about.
 */
import type { AgendaItem, Meeting } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

const byId = (a: { id: string }, b: { id: string }) => Number(a.id.slice(1)) - Number(b.id.slice(1));

/** Meetings with a time between `from` (inclusive) and `to` (exclusive), not parked, no result yet. */
export function meetingsBetween(reader: StateReader, from: Date, to: Date): Meeting[] {
  return [...reader.values('meetings')]
    .filter((m) => m.time && !m.parked && !m.outcome && new Date(m.time) >= from && new Date(m.time) < to)
    .sort((a, b) => (a.time! < b.time! ? -1 : 1));
}

/** Invited units that have not answered a proposed time yet, per meeting (for a reminder). */
export function unansweredInvitations(reader: StateReader, now: Date): { meeting: Meeting; unitIds: string[] }[] {
  return [...reader.values('meetings')]
    .filter((m) => m.status === 'proposed' && m.time && !m.parked && !m.outcome && new Date(m.time) > now)
    .map((m) => ({ meeting: m, unitIds: m.unitIds.filter((u) => (m.responses[u]?.answer ?? 'pending') === 'pending') }))
    .filter((x) => x.unitIds.length > 0)
    .sort((a, b) => byId(a.meeting, b.meeting));
}

/** Held (time passed), not parked, and no result recorded: ask the requester for 结果. */
export function meetingsAwaitingOutcome(reader: StateReader, now: Date): Meeting[] {
  return [...reader.values('meetings')].filter((m) => m.time && !m.parked && !m.outcome && new Date(m.time) <= now).sort(byId);
}

/** Held and no 纪要 recorded yet (parked ones and those escalated without agreement are left out). */
export function meetingsNeedingMinutes(reader: StateReader, now: Date): Meeting[] {
  return [...reader.values('meetings')]
    .filter((m) => m.time && new Date(m.time) <= now && !m.parked && !m.escalatedTo && m.outcome?.result !== '未解决' && !reader.get('minutes', m.id))
    .sort(byId);
}

/** 专题会议 made by 升级 that still have no time: the director has to convene them. */
export function meetingsToConvene(reader: StateReader): Meeting[] {
  return [...reader.values('meetings')].filter((m) => m.status === 'unscheduled' && !m.time && !m.parked).sort(byId);
}

/** Parked matters whose "bring back" day has come (`until` ≤ today). */
export function parkedDueBack(reader: StateReader, today: string): Meeting[] {
  return [...reader.values('meetings')].filter((m) => m.parked?.until && m.parked.until <= today).sort(byId);
}

/** Agenda items waiting for the next 联席会议. */
export function openAgendaItems(reader: StateReader): AgendaItem[] {
  return reader.lookup('agenda', 'status', 'open').sort(byId);
}
