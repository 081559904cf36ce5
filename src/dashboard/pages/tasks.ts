/** 督办: the tasks of 任务 by lead unit and colour, each with its history. */
import { unitName, unitNames } from '../../core/unit-list.ts';
import { toShanghaiDate } from '../../domain/calendar/shanghai.ts';
import { formatShortDate } from '../../domain/dates.ts';
import { COLOUR_LEGEND } from '../../domain/task-colour.ts';
import { colourOf, stateText, type TaskScope, tasksInScope } from '../../tasks/view.ts';
import { type DashboardView, ownUnitOf } from '../view.ts';

const SCOPES: readonly TaskScope[] = ['我的', '逾期', '全部'];

/** The scope asked for, else the chat's default: a liaison's own unit, the office's all. */
export function taskScopeOf(view: DashboardView, asked: unknown): TaskScope {
  if (SCOPES.includes(asked as TaskScope)) return asked as TaskScope;
  return ownUnitOf(view) ? '我的' : '全部';
}

export function tasksPage(view: DashboardView, scope: TaskScope) {
  const groups = new Map<string, { unit: string; tasks: ReturnType<typeof row>[] }>();
  const row = (t: ReturnType<typeof tasksInScope>[number]) => ({
    id: t.id,
    colour: colourOf(view, t) ?? '',
    content: t.content,
    co: unitNames(view.config, t.coUnitIds),
    deadline: formatShortDate(t.deadline),
    state: stateText(t),
    history: t.history.map((h) => ({ date: formatShortDate(toShanghaiDate(new Date(h.at))), text: h.text })),
  });
  for (const t of tasksInScope(view, view.person, scope)) {
    const g = groups.get(t.leadUnitId) ?? { unit: unitName(view.config, t.leadUnitId), tasks: [] };
    g.tasks.push(row(t));
    groups.set(t.leadUnitId, g);
  }
  return {
    scope,
    scopes: SCOPES,
    legend: COLOUR_LEGEND,
    count: [...groups.values()].reduce((n, g) => n + g.tasks.length, 0),
    groups: [...groups.values()],
  };
}
