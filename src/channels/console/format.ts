import type { CardSpec } from '../../domain/types.ts';

/** A card as the console shows it: the buttons become the commands they would run. */
export function formatCard(card: CardSpec): string {
  return card.buttons.map((b) => `  [${b.text}] → 回复“${b.command}”`).join('\n');
}
