import type { CollectionName, Collections } from './model.ts';

/**
 * Secondary indexes, maintained in memory on every applied change. A key function returns the
 * key(s) a document is found under, or undefined.
 */
export type KeyFn<T> = (doc: T) => string | string[] | undefined;

export const INDEXES: { [C in CollectionName]?: Record<string, KeyFn<Collections[C]>> } = {
  enterprises: {
    uscc: (e) => e.uscc,
    name: (e) => e.names,
  },
  outbox: {
    state: (o) => o.state,
  },
  meetings: {
    enterprise: (m) => m.enterpriseIds,
  },
  agenda: {
    status: (a) => a.status,
    enterprise: (a) => a.enterpriseIds,
  },
  tasks: {
    enterprise: (t) => t.enterpriseIds,
    // Lead and co-units: a unit's own tasks (任务 我的).
    unit: (t) => [t.leadUnitId, ...t.coUnitIds],
    state: (t) => t.state,
  },
  outcomes: {
    enterprise: (o) => o.enterpriseId,
  },
  creditRepairs: {
    enterprise: (c) => c.enterpriseId,
  },
  loans: {
    enterprise: (l) => l.enterpriseId,
    state: (l) => l.state,
  },
  schedule: {
    // Entries the scheduler must look at again: not yet run, failed, or skipped only because
    // the year's holidays were missing (they run once an admin enters the arrangement).
    open: (e) => (e.state === 'planned' || e.state === 'failed' || (e.state === 'skipped' && e.reason === 'uncovered-year') ? 'open' : undefined),
    notice: (e) => e.notices,
  },
  tickets: {
    // A customer's tickets (one open at a time) by `${openKfId}:${externalUserId}`.
    customer: (t) => `${t.openKfId}:${t.externalUserId}`,
    state: (t) => t.state,
    enterprise: (t) => t.enterpriseId,
    unit: (t) => t.assignedUnitId,
  },
  imports: {
    // A platform retry of the message that brought a file finds the batch it already made.
    source: (b) => b.source,
  },
  meetingCalendars: {
    due: (c) => (c.due ? 'due' : undefined),
  },
};

/**
 * How many files a collection's checkpoint is split into: big collections get more buckets so a
 * checkpoint rewrites a small part of them.
 */
export const BUCKETS: Partial<Record<CollectionName, number>> = {
  enterprises: 32,
  // 20,000 tasks in one file cost a 75 ms JSON.stringify that stalls every command in flight.
  tasks: 32,
  inbox: 8,
  outbox: 8,
  schedule: 8,
  kfSeen: 8,
};

export function bucketCount(c: string): number {
  return BUCKETS[c as CollectionName] ?? 1;
}

export function keysOf(c: string, index: string, doc: unknown): string[] {
  const fn = (INDEXES as Record<string, Record<string, KeyFn<unknown>> | undefined>)[c]?.[index];
  if (!fn) return [];
  const k = fn(doc);
  return k === undefined ? [] : Array.isArray(k) ? k : [k];
}

export function indexNames(c: string): string[] {
  return Object.keys((INDEXES as Record<string, object | undefined>)[c] ?? {});
}

/** FNV-1a: a stable, cheap hash to pick a document's bucket. */
export function bucketOf(id: string, buckets: number): number {
  if (buckets === 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}
