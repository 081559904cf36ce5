import { truncateToBytes } from './fit.ts';

/**
 * The most one answer or one push may carry, in UTF-8 bytes. The channels split a long text into
 * several platform messages (WeCom: 2048 bytes each), so without a cap one answer built from user
 * text could become dozens of messages. Digests and lists are written to fit far below this
 * (render/fit.ts); the cap is the backstop for everything else, cut at a line with a note.
 */
export const REPLY_BUDGET_BYTES = 32 * 1024;
export const PUSH_BUDGET_BYTES = 8 * 1024;

export function withinBudget(text: string, budget: number): string {
  return truncateToBytes(text, budget);
}
