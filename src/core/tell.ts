/**
 * Telling the people a step concerns — and no one else. The speaker gets the reply, so is never
 * pushed to as well, and nobody hears the same thing twice. Cards get one id per recipient:
 * WeCom refuses a task_id it has already seen, and a click must find its own card.
 */
import type { CommandContext, PushOptions } from './command.ts';
import type { CardButton, CardSpec, MessageSubject, Person } from '../domain/types.ts';

type Ctx = Pick<CommandContext<unknown>, 'person' | 'push'>;

export function dedupe(people: readonly Person[]): Person[] {
  return people.filter((p, i) => people.findIndex((q) => q.id === p.id) === i);
}

/** Pushes `text` to each person once, leaving out the speaker. */
export function tell(ctx: Ctx, people: readonly Person[], text: string, options?: PushOptions): void {
  for (const p of dedupe(people)) {
    if (p.id === ctx.person.id) continue;
    ctx.push({ kind: 'person', personId: p.id }, text, options);
  }
}

/** Pushes a card to each person (leaving out the speaker), with a card id of their own. */
export function tellWithCard(ctx: Ctx, people: readonly Person[], text: string, card: CardSpec, about?: MessageSubject): void {
  for (const p of dedupe(people)) {
    if (p.id === ctx.person.id) continue;
    ctx.push({ kind: 'person', personId: p.id }, text, { card: { ...card, cardId: `${card.cardId}-${p.id}` }, ...(about ? { about } : {}) });
  }
}

export function button(key: string, text: string, command: string, style?: CardButton['style']): CardButton {
  return { key, text, command, ...(style ? { style } : {}) };
}
