/**
 * Supervised tasks (督办事项) as the commands use them: found by the id people type, their
 * people (lead-unit liaisons, co-unit liaisons, the office), their steps, and creating one.
 */
import type { CommandContext } from '../core/command.ts';
import { UserError } from '../domain/errors.ts';
import type { Person } from '../domain/types.ts';
import { unitName } from '../core/unit-list.ts';
import type { Task } from '../store/model.ts';
import type { StateReader } from '../store/tx.ts';
import { sendTaskCard } from './notify.ts';

type Ctx = CommandContext<unknown>;

const TASK_ID = /^[Tt]\d{1,7}$/u;

export function loadTask(reader: StateReader, ref: string | undefined, usage: string): Task {
  if (!ref || !TASK_ID.test(ref)) throw new UserError(`请写任务编号，如 T31。写法：${usage}`);
  const t = reader.get('tasks', ref.toUpperCase());
  if (!t) throw new UserError(`没有编号为 ${ref.toUpperCase()} 的督办任务。发“任务”查看任务。`);
  return structuredClone(t);
}

export function leadLiaisons(ctx: Pick<Ctx, 'config'>, t: Task): Person[] {
  return ctx.config.liaisonsOf(t.leadUnitId);
}

export function unitLiaisons(ctx: Pick<Ctx, 'config'>, t: Task): Person[] {
  return [t.leadUnitId, ...t.coUnitIds].flatMap((u) => ctx.config.liaisonsOf(u));
}

export function directors(ctx: Pick<Ctx, 'config'>): Person[] {
  return ctx.config.peopleWithRole('director');
}

/** The unit a liaison speaks for, when it is this task's lead or co-unit. */
export function roleInTask(person: Person, t: Task): 'lead' | 'co' | undefined {
  const unitId = person.roles.includes('liaison') ? person.unitId : undefined;
  if (!unitId) return undefined;
  if (unitId === t.leadUnitId) return 'lead';
  return t.coUnitIds.includes(unitId) ? 'co' : undefined;
}

/**
 * Only the lead unit reports (督办 "一事一文", led by the 牵头单位); the sentence for anyone else
 * says who does.
 */
export function requireLead(person: Person, t: Task, ctx: Pick<Ctx, 'config'>, what: string): void {
  const role = roleInTask(person, t);
  if (role === 'lead') return;
  const lead = unitName(ctx.config, t.leadUnitId);
  if (role === 'co') throw new UserError(`${t.id} 由${lead}牵头，只有牵头单位${what}；协办情况请告知${lead}。`);
  throw new UserError(`${t.id} 不是贵单位的任务，由${lead}牵头${what}。`);
}

export function step(t: Task, at: string, by: string, text: string): void {
  t.history.push({ at, by, text });
  t.updatedAt = at;
}

export interface NewTask {
  content: string;
  leadUnitId: string;
  coUnitIds: string[];
  deadline: string;
  source: Task['source'];
  matter?: number;
  enterpriseIds: string[];
}

export const TASK_NOTICE_LINE = '请按期办理；办结后由牵头单位报告完成，不能按期完成的请在期限前申请延期。';

/** Creates the task and (unless told not to) sends its card to the lead and co-units' liaisons. */
export function createTask(ctx: Ctx, spec: NewTask, origin: string, options: { notify?: boolean } = {}): Task {
  const at = ctx.now.toISOString();
  const t: Task = {
    id: ctx.tx.nextId('T'),
    content: spec.content,
    leadUnitId: spec.leadUnitId,
    coUnitIds: spec.coUnitIds.filter((u) => u !== spec.leadUnitId),
    deadline: spec.deadline,
    originalDeadline: spec.deadline,
    source: spec.source,
    ...(spec.matter ? { matter: spec.matter } : {}),
    enterpriseIds: [...spec.enterpriseIds],
    state: '办理中',
    history: [],
    createdAt: at,
    updatedAt: at,
  };
  step(t, at, ctx.person.id, origin);
  ctx.tx.put('tasks', t);
  if (options.notify !== false) sendTaskCard(ctx, unitLiaisons(ctx, t), t, '督办任务', [TASK_NOTICE_LINE]);
  return t;
}
