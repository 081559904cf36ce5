/**
 * Reading meetings the way the commands need them: by the id people type, with their names,
 * their people, their state in words and the ladder a matter climbed (业务 → 专题 → 联席议题).
 */
import type { Config } from '../config/config.ts';
import { UserError } from '../domain/errors.ts';
import type { Person } from '../domain/types.ts';
import { dedupe } from '../core/tell.ts';
import { unitNames } from '../core/unit-list.ts';
import { weekdayLabel } from '../domain/calendar/civil.ts';
import { toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import { formatOfficialDate } from '../domain/dates.ts';
import { levelLabel } from '../domain/meeting-levels.ts';
import { displayName } from '../store/enterprises.ts';
import type { AgendaItem, Meeting } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';

const MEETING_ID = /^[Mm]\d{1,7}$/u;

export function isMeetingId(text: string): boolean {
  return MEETING_ID.test(text);
}

/** The meeting `ref` names, or one sentence saying there is none. */
export function loadMeeting(reader: StateReader, ref: string | undefined, usage: string): Meeting {
  if (!ref || !isMeetingId(ref)) throw new UserError(`请写会议编号，如 M7。写法：${usage}`);
  const m = reader.get('meetings', ref.toUpperCase());
  if (!m) throw new UserError(`没有编号为 ${ref.toUpperCase()} 的会议。发“会议”查看近期会议。`);
  return structuredClone(m);
}

/** "业务会议 M7" */
export function meetingName(m: Pick<Meeting, 'id' | 'level'>): string {
  return `${levelLabel(m.level)} ${m.id}`;
}

/** Who called it: the requesting unit, or the office when the director convenes. */
export function hostName(config: Config, m: Meeting): string {
  return m.requesterUnitId ? (config.unitById(m.requesterUnitId)?.name ?? m.requesterUnitId) : config.mechanism.office;
}

/** Every unit of the meeting: the requester's (if any) and the invited ones. */
export function meetingUnitIds(m: Meeting): string[] {
  return [...new Set([...(m.requesterUnitId ? [m.requesterUnitId] : []), ...m.unitIds])];
}

export function meetingUnitNames(config: Config, m: Meeting): string {
  return unitNames(config, meetingUnitIds(m));
}

/** '2026年12月3日（星期四）15:00' */
export function formatMeetingTime(iso: string): string {
  const at = new Date(iso);
  const date = toShanghaiDate(at);
  return `${formatOfficialDate(date)}（${weekdayLabel(date)}）${toShanghaiTime(at)}`;
}

export function enterpriseNames(reader: StateReader, ids: readonly string[]): string {
  return ids.map((id) => {
    const e = reader.get('enterprises', id);
    return e ? displayName(e) : id;
  }).join('、');
}

/** The people a meeting concerns: its requester, every liaison of its units, the director(s). */
export function meetingPeople(config: Config, m: Meeting): Person[] {
  const people = [
    config.personById(m.requesterId),
    ...meetingUnitIds(m).flatMap((u) => config.liaisonsOf(u)),
    ...config.peopleWithRole('director'),
  ].filter((p): p is Person => Boolean(p));
  return dedupe(people);
}

export function isDirector(person: Person): boolean {
  return person.roles.includes('director');
}

/** The requester or the office director may steer a meeting (time, outcome, 升级, 暂缓). */
export function mayManage(person: Person, m: Meeting): boolean {
  return person.id === m.requesterId || isDirector(person);
}

export function requireManager(person: Person, m: Meeting, what: string): void {
  if (!mayManage(person, m)) throw new UserError(`只有${meetingName(m)}的发起人或办公室主任可以${what}。`);
}

/** The meeting's state in a word or two, as lists show it; without `now`, nothing that depends on the clock. */
export function meetingState(m: Meeting, now?: Date): string {
  if (m.parked) return `暂缓${m.parked.until ? `（至${formatOfficialDate(m.parked.until)}）` : ''}`;
  if (m.outcome) return m.escalatedTo ? `${m.outcome.result}，已升级` : m.outcome.result;
  if (!m.time) return '待定时间';
  if (now && new Date(m.time) <= now) return '已过会议时间，待记录结果';
  if (m.status === 'confirmed') return '已确认';
  const answers = Object.values(m.responses);
  const accepted = answers.filter((r) => r.answer === 'accepted').length;
  return `待确认（${accepted}/${answers.length}家已接受）`;
}

export function agendaState(a: AgendaItem): string {
  return a.status === 'open' ? '待议' : `已列入${a.takenIn ?? '联席会议'}`;
}

/**
 * The whole ladder a matter climbed, from its first meeting to where it is now:
 * "业务会议 M7（未解决）→ 专题会议 M8（待定时间）→ 联席会议议题 A3（待议）".
 * Empty when the meeting never moved.
 */
export function ladderText(reader: StateReader, m: Meeting, now?: Date): string {
  let root = m;
  for (let i = 0; i < 5 && root.escalatedFrom; i++) {
    const below = reader.get('meetings', root.escalatedFrom);
    if (!below) break;
    root = below;
  }
  const steps: string[] = [];
  let cur: Meeting | undefined = root;
  for (let i = 0; i < 5 && cur; i++) {
    steps.push(`${meetingName(cur)}（${meetingState(cur, now)}）`);
    const next: string | undefined = cur.escalatedTo;
    if (!next) break;
    if (next.startsWith('A')) {
      const a = reader.get('agenda', next);
      steps.push(`联席会议议题 ${next}（${a ? agendaState(a) : '待议'}）`);
      break;
    }
    cur = reader.get('meetings', next);
  }
  return steps.length > 1 ? steps.join(' → ') : '';
}

