/**
 * Runs one occurrence inside the caller's transaction: the job's notices go into the outbox and
 * the occurrence's ledger entry is written with them — one commit, so a crash leaves both or
 * neither. A notice key already in the ledger sends nothing (a notice goes out once, ever).
 */
import type { PushOptions } from '../core/command.ts';
import type { Recipient } from '../domain/types.ts';
import { toShanghaiDate } from '../domain/calendar/shanghai.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { ScheduleEntry } from '../store/model.ts';
import type { Tx } from '../store/tx.ts';
import type { Job, JobEnv, NoticeTarget, Occurrence, RunContext } from './job.ts';
import { isFinal, noticeSent } from './ledger.ts';

/** Run more than this after its due time, an occurrence counts as caught up rather than on time. */
export const LATE_AFTER_MS = 10 * 60_000;

function recipientOf(t: NoticeTarget): { to: Recipient; key: string } {
  return 'groupId' in t ? { to: { kind: 'group', groupId: t.groupId }, key: `group:${t.groupId}` } : { to: { kind: 'person', personId: t.id }, key: t.id };
}

export async function runOne(tx: Tx, env: JobEnv, job: Job, id: string, occ: Occurrence, at: Date): Promise<ScheduleEntry | undefined> {
  const existing = tx.get('schedule', id);
  if (existing && isFinal(existing)) return undefined;
  const notices: string[] = [];
  const notes: string[] = [];
  let messages = 0;
  const late = at.getTime() - occ.dueAt.getTime() > LATE_AFTER_MS;
  const ctx: RunContext = {
    ...env,
    tx,
    now: at,
    today: toShanghaiDate(at),
    occurrence: occ,
    late,
    sent: (key) => notices.includes(key) || noticeSent(tx, key),
    notify(key: string, targets: readonly NoticeTarget[], text: string, options?: PushOptions): boolean {
      if (ctx.sent(key)) return false;
      const seen = new Set<string>();
      for (const t of targets) {
        const { to, key: who } = recipientOf(t);
        if (seen.has(who)) continue;
        seen.add(who);
        const message = { to, text, ...(options?.mentions?.length ? { mentions: options.mentions } : {}), ...(options?.card ? { card: { ...options.card, cardId: `${options.card.cardId}-${who}` } } : {}), ...(options?.about ? { about: options.about } : {}), idempotencyKey: `job:${key}#${who}` };
        if (enqueue(tx, at, message)) messages++;
      }
      notices.push(key);
      return true;
    },
    note: (line) => notes.push(line),
  };
  await job.run(ctx);
  const entry: ScheduleEntry = {
    id,
    job: job.id,
    slot: occ.slot,
    dueAt: occ.dueAt.toISOString(),
    state: messages > 0 ? (late ? 'caught-up' : 'sent') : 'skipped',
    ...(messages > 0 ? {} : { reason: 'nothing-to-say' as const }),
    ranAt: at.toISOString(),
    ...(notices.length ? { notices } : {}),
    messages,
    ...(notes.length ? { note: notes.join('；') } : {}),
    ...(existing?.attempts ? { attempts: existing.attempts } : {}),
  };
  tx.put('schedule', entry);
  return entry;
}
