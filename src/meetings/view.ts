/** The meeting as people read it: one meeting in detail (会议 M7) and the list (会议). */
import type { Config } from '../config/config.ts';
import type { Person } from '../domain/types.ts';
import { unitName } from '../core/unit-list.ts';
import { formatOfficialDate, formatShortDate } from '../domain/dates.ts';
import { levelLabel } from '../domain/meeting-levels.ts';
import { toShanghaiDate, toShanghaiTime } from '../domain/calendar/shanghai.ts';
import { render } from '../render/templates.ts';
import type { Meeting, MeetingResponse } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';
import {
  enterpriseNames, formatMeetingTime, hostName, isDirector, ladderText, meetingName, meetingState, meetingUnitIds, meetingUnitNames,
} from './records.ts';

interface ViewContext {
  tx: StateReader;
  config: Config;
  now: Date;
}

function answerText(r: MeetingResponse): string {
  switch (r.answer) {
    case 'pending': return '未答复';
    case 'accepted': return '已接受';
    case 'reschedule': return `建议改期${r.proposedTime ? `至${formatMeetingTime(r.proposedTime)}` : ''}${r.reason ? `（${r.reason}）` : ''}`;
    case 'declined': return `拒绝（${r.reason ?? '未说明理由'}）`;
  }
}

export function meetingDetail(ctx: ViewContext, m: Meeting, extra: { headline?: string; next?: string } = {}): string {
  const minutes = ctx.tx.get('minutes', m.id);
  const tasks = minutes?.taskIds ?? [];
  const answers = m.time && !m.outcome && !m.parked
    ? m.unitIds.map((u) => ({ unit: unitName(ctx.config, u), text: answerText(m.responses[u] ?? { answer: 'pending' }) }))
    : [];
  return render('meeting', {
    headline: extra.headline ?? '',
    name: meetingName(m),
    state: `【${meetingState(m, ctx.now)}】`,
    topic: m.topic,
    host: hostName(ctx.config, m),
    time: m.time ? formatMeetingTime(m.time) : '',
    place: m.place ?? '',
    units: meetingUnitNames(ctx.config, m),
    answers,
    enterprises: enterpriseNames(ctx.tx, m.enterpriseIds),
    outcome: m.outcome ? `${m.outcome.result}${m.outcome.note ? `（${m.outcome.note}）` : ''}` : '',
    parked: m.parked ? `${m.parked.reason}${m.parked.until ? `；${formatOfficialDate(m.parked.until)}再提交` : ''}` : '',
    ladder: ladderText(ctx.tx, m, ctx.now),
    minutes: minutes ? `第${minutes.number}号（纪要 ${m.id} 查看）` : '',
    tasks: tasks.join('、'),
    next: extra.next ?? '',
  });
}

/** Meetings still in play: no result yet, or parked. The person's own units; everything for the office. */
export function meetingList(ctx: ViewContext & { person: Person }): string {
  const { mine, seesAll, unitId } = meetingsVisibleTo(ctx.tx, ctx.person);
  const open = mine.filter((m) => !m.outcome || m.parked).sort(byTime);
  const scope = seesAll ? '全部' : unitId ? unitName(ctx.config, unitId) : '我发起的';
  if (open.length === 0) {
    const closed = mine.length ? `（另有${mine.length}个会议已有结果）` : '';
    return `没有待开或暂缓的会议（${scope}）${closed}。申请业务会议：申请会议 议题:… 单位:… 企业:E12 时间:"2026-12-03 15:00"`;
  }
  return render('meeting-list', {
    title: `近期会议（${scope}）`,
    count: open.length,
    rows: open.map((m) => ({
      id: m.id,
      level: levelLabel(m.level),
      time: m.time ? shortTime(m.time) : '时间待定',
      topic: m.topic,
      units: meetingUnitNames(ctx.config, m),
      state: meetingState(m, ctx.now),
    })),
    closed: mine.length - open.length,
  });
}

/**
 * The meetings a person follows: all of them for the office (director, convener, admin); for a
 * liaison those of their unit and those they asked for. 会议 (chat) and the dashboard both ask here.
 */
export function meetingsVisibleTo(tx: StateReader, person: Person): { mine: Meeting[]; seesAll: boolean; unitId: string | undefined } {
  const seesAll = isDirector(person) || person.roles.includes('convener') || person.roles.includes('admin');
  const unitId = person.roles.includes('liaison') ? person.unitId : undefined;
  const mine = [...tx.values('meetings')].filter((m) => seesAll || m.requesterId === person.id || (unitId !== undefined && meetingUnitIds(m).includes(unitId)));
  return { mine, seesAll, unitId };
}

export function byTime(a: Meeting, b: Meeting): number {
  // Parked and unscheduled ones after the dated ones; then by id.
  const ka = a.parked ? '~2' : (a.time ?? '~1');
  const kb = b.parked ? '~2' : (b.time ?? '~1');
  return ka < kb ? -1 : ka > kb ? 1 : Number(a.id.slice(1)) - Number(b.id.slice(1));
}

function shortTime(iso: string): string {
  const at = new Date(iso);
  return `${formatShortDate(toShanghaiDate(at))} ${toShanghaiTime(at)}`;
}
