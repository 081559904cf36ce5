/**
 * How the dispatcher answers a message that an understander (src/understand, injected by src/app.ts)
 * has read as a command: the texts of a proposal, and the record that waits for 确认.
 */
import type { PendingConfirmation } from '../store/model.ts';

/** What an understander reads a message as. */
export interface Reading {
  /** The exact command line. */
  line: string;
  /** A read that changes nothing: answered at once, without asking for 确认. */
  read: boolean;
}

/** A proposal is discarded after this long without 确认 (like any confirmation). */
export const PROPOSAL_TTL_MS = 10 * 60 * 1000;

export function proposalText(line: string): string {
  return `您是要：${line}？回复“确认”执行，或直接改写这条命令。`;
}

export function proposalRecord(id: string, line: string, now: Date): PendingConfirmation {
  return { id, text: line, question: proposalText(line), expiresAt: new Date(now.getTime() + PROPOSAL_TTL_MS).toISOString(), proposed: true };
}

/** A read run for a question says which command answered it, so people learn the form. */
export function readPrefix(line: string): string {
  return `（即“${line}”）\n`;
}
