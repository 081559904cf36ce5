import type { Reply } from '../../domain/types.ts';
import { LIMITS, toPlainText } from './render.ts';
import { splitByBytes, truncateBytes } from './text-split.ts';

/**
 * Splits the core's replies into what fits a passive text reply (one text, ≤ 2048 bytes) and what
 * has to be pushed afterwards. Order is kept: the passive part is always the beginning.
 */
export interface PassivePlan {
  passive?: string;
  late: Reply[];
}

/** Room for markdown that grows when made plain (a link gains its parentheses). */
const PLAIN_MARGIN = 64;

export function planPassiveText(replies: readonly Reply[]): PassivePlan {
  const [first, ...others] = replies;
  if (!first) return { late: [] };
  // A card cannot ride on a passive text reply; keep everything in order and push it.
  if (first.card) return { late: [...replies] };
  const pieces = splitByBytes(first.text, LIMITS.text - PLAIN_MARGIN);
  const [head, ...tail] = pieces;
  if (head === undefined) return { late: others };
  const passive = truncateBytes(toPlainText(head), LIMITS.text);
  const rest: Reply[] = tail.length ? [{ ...first, text: tail.join('\n') }] : [];
  return { passive, late: [...rest, ...others] };
}
