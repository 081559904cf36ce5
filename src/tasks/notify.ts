/**
 * Task notices. Every notice to the lead and co-units' liaisons is a card whose buttons run the
 * typed commands (完成 / 申请延期); the director's cards carry the decisions (办结 / 退回,
 * 同意 / 不同意). A button whose command needs more (a reason) answers with the form to type.
 */
import type { CommandContext } from '../core/command.ts';
import type { CardButton, Person } from '../domain/types.ts';
import { unitName, unitNames } from '../core/unit-list.ts';
import { formatOfficialDate } from '../domain/dates.ts';
import { button, tell, tellWithCard } from '../core/tell.ts';
import { render } from '../render/templates.ts';
import type { Task } from '../store/model.ts';
import { sourceText } from './source.ts';

type Ctx = CommandContext<unknown>;

export function taskNotice(ctx: Ctx, t: Task, headline: string, lines: readonly string[]): string {
  return render('task-notice', {
    headline,
    id: t.id,
    content: t.content,
    lead: unitName(ctx.config, t.leadUnitId),
    co: unitNames(ctx.config, t.coUnitIds),
    deadline: formatOfficialDate(t.deadline),
    source: sourceText(ctx.tx, t),
    lines: lines.filter(Boolean),
  });
}

function cardOf(ctx: Ctx, t: Task, headline: string, buttons: CardButton[], extra: string) {
  return {
    cardId: `task-${t.id}-${t.history.length}`,
    title: `${headline} ${t.id}`,
    description: `${t.content}｜牵头：${unitName(ctx.config, t.leadUnitId)}｜期限：${formatOfficialDate(t.deadline)}${extra ? `｜${extra}` : ''}`,
    buttons,
  };
}

/**
 * To lead / co liaisons: the lead unit's get the card with 完成 and 申请延期; the co-units', who
 * may do neither (only the lead reports), get the same notice without buttons that would only
 * answer with a refusal.
 */
export function sendTaskCard(ctx: Ctx, people: readonly Person[], t: Task, headline: string, lines: readonly string[]): void {
  const buttons = [button('done', '完成', `完成 ${t.id} 说明:已办理`, 'primary'), button('extend', '申请延期', `延期 ${t.id}`)];
  const text = taskNotice(ctx, t, headline, lines);
  const isLead = (p: Person) => p.roles.includes('liaison') && p.unitId === t.leadUnitId;
  const about = { kind: 'task' as const, id: t.id, deadline: t.deadline };
  tellWithCard(ctx, people.filter(isLead), text, cardOf(ctx, t, headline, buttons, lines[0] ?? ''), about);
  tell(ctx, people.filter((p) => !isLead(p)), text, { about });
}

/** To the director: a decision to take, with its buttons. */
export function sendDirectorCard(ctx: Ctx, t: Task, headline: string, lines: readonly string[], buttons: CardButton[]): void {
  const people = ctx.config.peopleWithRole('director');
  tellWithCard(ctx, people, taskNotice(ctx, t, headline, lines), cardOf(ctx, t, headline, buttons, lines[0] ?? ''));
}
