/**
 * Recording a 纪要: the decisions, the tasks they create (each with a lead unit — the minutes bind
 * the members, 001 §五(三)), who attended; then the 纪要 goes to every liaison of every unit that
 * took part and to the office director, and each task's card to its lead and co-units.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import type { Person } from '../domain/types.ts';
import { tell } from '../core/tell.ts';
import { resolveLeadUnit, resolveUnits, unitName } from '../core/unit-list.ts';
import { yearOf } from '../domain/calendar/civil.ts';
import { resolveDeadline } from '../domain/deadline-input.ts';
import { findMatter } from '../domain/matters.ts';
import { type MinutesTaskLine, parseMinutesBody } from '../domain/minutes-body.ts';
import { findEnterprise } from '../store/enterprises.ts';
import type { Meeting, Minutes, MinutesItem, Task } from '../store/model.ts';
import { sendTaskCard } from '../tasks/notify.ts';
import { createTask, type NewTask, TASK_NOTICE_LINE, unitLiaisons } from '../tasks/records.ts';
import { decisionText, renderMinutes, taskItemText } from './minutes.ts';
import { saveMeeting } from './events.ts';
import { formatMeetingTime, meetingName, meetingState, meetingUnitIds } from './records.ts';

type Ctx = CommandContext<unknown>;

export function mayRecordMinutes(person: Person, m: Meeting): boolean {
  return person.id === m.requesterId || person.roles.includes('director') || person.roles.includes('convener');
}

/** Errors about one line say which line. */
function atLine<T>(line: number, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`第${line}行：${err.message}`);
    throw err;
  }
}

export type Spec = NewTask & { note?: string };

function taskSpec(ctx: Ctx, m: Meeting, line: MinutesTaskLine, number: number, year: number, base: string): Spec {
  return atLine(line.line, () => {
    const lead = resolveLeadUnit(ctx.config, line.lead!);
    const co = resolveUnits(ctx.config, line.co.join('、')).map((u) => u.id).filter((id) => id !== lead.id);
    const deadline = resolveDeadline(line.deadline!, base, ctx.calendar);
    if (!deadline.ok) throw new UserError(deadline.reason);
    let matter: number | undefined;
    if (line.matter) {
      const found = findMatter(line.matter);
      if (!found.ok) throw new UserError(found.reason);
      matter = found.matter.n;
    }
    const enterpriseIds = line.enterprises.length ? line.enterprises.map((ref) => findEnterprise(ctx.tx, ref).id) : [...m.enterpriseIds];
    return {
      content: line.content,
      leadUnitId: lead.id,
      coUnitIds: co,
      deadline: deadline.date,
      source: { kind: 'minutes', meetingId: m.id, minutesNumber: number, year },
      ...(matter ? { matter } : {}),
      enterpriseIds: [...new Set(enterpriseIds)],
      ...(deadline.note ? { note: deadline.note } : {}),
    };
  });
}

/** A unit's configured name when the text names one, else the text as written (a person, a 管理人). */
function attendee(ctx: Ctx, text: string): string {
  return ctx.config.findUnit(text)?.name ?? text;
}

/** Who may record a 纪要 of `m` now: a meeting confirmed and begun, by its requester, the director or a convener. */
export function checkMayRecord(ctx: Ctx, m: Meeting): void {
  if (!mayRecordMinutes(ctx.person, m)) throw new UserError(`只有${meetingName(m)}的发起人、办公室主任或召集人可以记录纪要。`);
  if (!m.time) throw new UserError(`${meetingName(m)}还没有确定时间，开完会后再记录纪要。`);
  if (new Date(m.time) > ctx.now) throw new UserError(`${meetingName(m)}还没开（${formatMeetingTime(m.time)}），开完会后再记录纪要。`);
  if (m.status !== 'confirmed') {
    throw new UserError(`${meetingName(m)}没有确认召开（${meetingState(m)}），不能记录纪要；已接受的单位参会的，请先确认：会议 ${m.id} 确认。`);
  }
}

export interface MinutesContent {
  specs: (Spec | undefined)[];
  attendance: Minutes['attendance'];
  place?: string;
  chair?: string;
  decisions: Map<number, string>;
}

/** The typed lines resolved against the config and calendar; tasks' deadlines counted from `base`. */
export function readMinutes(ctx: Ctx, m: Meeting, lines: readonly string[], number: number, year: number, base = ctx.today): MinutesContent {
  const parsed = parseMinutesBody(lines);
  if (!parsed.ok) throw new UserError(parsed.reason);
  const draft = parsed.draft;
  const absent = (draft.absent ?? []).map((a) => attendee(ctx, a));
  const present = draft.present
    ? draft.present.map((a) => attendee(ctx, a))
    : meetingUnitIds(m).map((u) => unitName(ctx.config, u)).filter((name) => !absent.includes(name));
  const both = present.filter((name) => absent.includes(name));
  if (both.length) throw new UserError(`${both.join('、')}既写在“出席”里又写在“请假”里，请只写一处。`);
  // Resolve every task line before creating any, so a bad line creates nothing (the transaction would roll back anyway).
  const specs = draft.items.map((item) => (item.kind === 'task' ? taskSpec(ctx, m, item.task, number, year, base) : undefined));
  const decisions = new Map<number, string>();
  draft.items.forEach((item, i) => item.kind === 'decision' && decisions.set(i, decisionText(item.text)));
  return {
    specs,
    attendance: { present, absent, observers: (draft.observers ?? []).map((a) => attendee(ctx, a)) },
    ...(draft.place ? { place: draft.place } : {}),
    ...(draft.chair ? { chair: draft.chair } : {}),
    decisions,
  };
}

export function recordMinutes(ctx: Ctx, m: Meeting, lines: readonly string[]): void {
  const existing = ctx.tx.get('minutes', m.id);
  if (existing) throw new UserError(`${meetingName(m)}的纪要已经记录（第${existing.number}号），发“纪要 ${m.id}”查看；要改正请发“纪要 ${m.id} 更正”，换行后写更正后的全文。`);
  checkMayRecord(ctx, m);
  const year = yearOf(ctx.today);
  const counter = `纪要${year}-`;
  const number = Number(ctx.tx.nextId(counter).slice(counter.length));
  const content = readMinutes(ctx, m, lines, number, year);
  const { specs } = content;

  const items: MinutesItem[] = [];
  const taskIds: string[] = [];
  const created: Task[] = [];
  const notes: string[] = [];
  for (const [i, spec] of specs.entries()) {
    const decision = content.decisions.get(i);
    if (decision) items.push({ text: decision });
    if (!spec) continue;
    const t = createTask(ctx, spec, `${meetingName(m)}纪要（第${number}号）议定，牵头：${unitName(ctx.config, spec.leadUnitId)}`, { notify: false });
    taskIds.push(t.id);
    created.push(t);
    if (spec.note) notes.push(`${t.id} 期限：${spec.note}`);
    items.push({ text: taskItemText(ctx.config, t), taskId: t.id });
  }

  const minutes: Minutes = {
    id: m.id,
    meetingId: m.id,
    year,
    number,
    items,
    taskIds,
    attendance: content.attendance,
    // The 纪要 says where the meeting was: as recorded, else as the meeting was called.
    ...((content.place ?? m.place) ? { place: content.place ?? m.place } : {}),
    ...(content.chair ? { chair: content.chair } : {}),
    recordedBy: ctx.person.id,
    recordedAt: ctx.now.toISOString(),
  };
  ctx.tx.put('minutes', minutes);
  m.history.push({ at: minutes.recordedAt, by: ctx.person.id, text: `记录纪要（第${number}号）${taskIds.length ? `，督办任务 ${taskIds.join('、')}` : ''}` });
  m.updatedAt = minutes.recordedAt;
  saveMeeting(ctx, m);

  const text = renderMinutes(ctx.tx, ctx.config, m, minutes);
  tell(ctx, [...minutesUnits(ctx, m, minutes, specs).flatMap((u) => ctx.config.liaisonsOf(u)), ...ctx.config.peopleWithRole('director')], text);
  // The 纪要 first, then each task's card: the card refers to the 纪要 just received.
  for (const t of created) sendTaskCard(ctx, unitLiaisons(ctx, t), t, '督办任务', [TASK_NOTICE_LINE]);
  const tasksNote = taskIds.length ? `已生成督办任务 ${taskIds.join('、')}，并通知牵头、协办单位。` : '';
  const extra = [...notes, ...(m.outcome ? [] : [`如会议已解决问题，请记录结果：会议 ${m.id} 结果:已解决。`])];
  ctx.reply(`已记录纪要（第${number}号），已发送各参会单位联络员和办公室主任。${tasksNote}${extra.length ? `\n${extra.join('\n')}` : ''}\n\n${text}`);
}

/** The units that took part: the meeting's, those named in attendance, and every task's lead and co-units. */
export function minutesUnits(ctx: Ctx, m: Meeting, minutes: Minutes, specs: readonly (Spec | undefined)[]): string[] {
  const named = [...minutes.attendance.present, ...minutes.attendance.absent, ...minutes.attendance.observers]
    .map((n) => ctx.config.findUnit(n)?.id)
    .filter((id): id is string => Boolean(id));
  const fromTasks = specs.flatMap((s) => (s ? [s.leadUnitId, ...s.coUnitIds] : []));
  return [...new Set([...meetingUnitIds(m), ...named, ...fromTasks])];
}
