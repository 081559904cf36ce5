/** Tasks as people read them: a colour-coded list (任务) and one task in detail (任务 T31). */
import type { Config } from '../config/config.ts';
import type { Person } from '../domain/types.ts';
import { unitName, unitNames } from '../core/unit-list.ts';
import type { WorkingCalendar } from '../domain/calendar/working-days.ts';
import { formatOfficialDate, formatShortDate } from '../domain/dates.ts';
import { MATTERS } from '../domain/matters.ts';
import { COLOUR_LEGEND, type TaskColour, taskColour, workingDaysLeft } from '../domain/task-colour.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { enterpriseNames } from '../meetings/records.ts';
import { render } from '../render/templates.ts';
import type { Task } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';
import { sourceText } from './source.ts';

export interface TaskViewContext {
  tx: StateReader;
  config: Config;
  calendar: WorkingCalendar;
  today: string;
}

export function colourOf(ctx: TaskViewContext, t: Task): TaskColour | undefined {
  return taskColour(
    { state: t.state, deadline: t.deadline, returned: Boolean(t.returned), extensionRefused: t.extension?.state === 'refused' },
    ctx.today,
    workingDaysLeft(ctx.calendar, ctx.today, t.deadline),
  );
}

/** The state in words, with what is pending: "办理中（延期申请待批）", "办理中（已退回）". */
export function stateText(t: Task): string {
  if (t.state !== '办理中') return t.state;
  if (t.extension?.state === 'pending') return '办理中，延期申请待批';
  if (t.returned) return '办理中，已退回重办';
  if (t.extension?.state === 'refused') return '办理中，延期未获同意';
  return '办理中';
}

function short(text: string, n = 24): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

export function taskRow(ctx: TaskViewContext, t: Task) {
  const colour = colourOf(ctx, t);
  return {
    id: t.id,
    colour: colour ? `【${colour}】` : '',
    content: short(t.content),
    lead: unitName(ctx.config, t.leadUnitId),
    deadline: formatShortDate(t.deadline),
    state: t.state === '办理中' ? '' : t.state,
  };
}

export type TaskScope = '我的' | '逾期' | '全部';

/** Which tasks a scope shows: a liaison's own unit (lead or co) for 我的 and 逾期; everything for the office. */
export function tasksInScope(ctx: TaskViewContext, person: Person, scope: TaskScope): Task[] {
  const unitId = person.roles.includes('liaison') ? person.unitId : undefined;
  const open = (list: Iterable<Task>) => [...list].filter((t) => t.state !== '已办结');
  const all = open(ctx.tx.values('tasks'));
  const own = unitId ? open(ctx.tx.lookup('tasks', 'unit', unitId)) : all;
  if (scope === '全部') return sortTasks(all);
  if (scope === '我的') return sortTasks(own);
  return sortTasks(own.filter((t) => ctx.today > t.deadline && t.state === '办理中'));
}

function sortTasks(list: Task[]): Task[] {
  return list.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : Number(a.id.slice(1)) - Number(b.id.slice(1))));
}

export function taskList(ctx: TaskViewContext, tasks: Task[], title: string, finished: number): string {
  return render('task-list', {
    title,
    count: tasks.length,
    rows: tasks.map((t) => taskRow(ctx, t)),
    legend: COLOUR_LEGEND,
    finished,
  });
}

export function taskDetail(ctx: TaskViewContext, t: Task, headline = ''): string {
  const colour = colourOf(ctx, t);
  const matter = t.matter ? MATTERS[t.matter - 1] : undefined;
  const ext = t.extension;
  return render('task', {
    headline,
    id: t.id,
    colour: colour ? `【${colour}】` : '',
    content: t.content,
    lead: unitName(ctx.config, t.leadUnitId),
    co: unitNames(ctx.config, t.coUnitIds),
    deadline: formatOfficialDate(t.deadline),
    original: t.originalDeadline !== t.deadline ? formatOfficialDate(t.originalDeadline) : '',
    state: stateText(t),
    source: sourceText(ctx.tx, t),
    matter: matter ? `第${matter.n}项 ${matter.title}` : '',
    enterprises: enterpriseNames(ctx.tx, t.enterpriseIds),
    completion: t.completion ? t.completion.note : '',
    returned: t.returned && t.state === '办理中' ? t.returned.reason : '',
    extension: ext
      ? `申请延期至${formatOfficialDate(ext.to)}（${ext.reason}）：${ext.state === 'pending' ? '待批' : ext.state === 'granted' ? '已同意' : `未同意${ext.refusal ? `，${ext.refusal}` : ''}`}`
      : '',
    history: t.history.slice(-6).map((h) => ({ date: formatShortDate(toShanghaiDate(new Date(h.at))), text: h.text })),
  });
}
