import type { Change } from './journal.ts';
import { keysOf } from './indexes.ts';
import type { CollectionName, Collections } from './model.ts';

/** What a transaction reads through: the committed in-memory state. */
export interface StateReader {
  get<C extends CollectionName>(c: C, id: string): Collections[C] | undefined;
  values<C extends CollectionName>(c: C): Iterable<Collections[C]>;
  lookup<C extends CollectionName>(c: C, index: string, key: string): Collections[C][];
}

const DELETED = Symbol('deleted');

/**
 * A deep copy of a document. Documents are plain JSON (objects, arrays, strings, numbers,
 * booleans, null), for which this is several times faster than structuredClone, whose fixed cost
 * dominates for documents this small; anything else (a Date put in by mistake) goes through
 * structuredClone as before.
 */
export function copyDoc<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyDoc(v[i]);
    return out as T;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copyDoc((v as Record<string, unknown>)[k]);
  return out as T;
}
type Staged = Map<string, unknown | typeof DELETED>;

/**
 * A unit of change. Reads see the transaction's own writes; nothing reaches the store until the
 * store commits it, so a handler that throws half-way leaves everything as it was.
 * `get` hands out copies: mutate them and `put` them back.
 */
export class Tx {
  private readonly staged = new Map<CollectionName, Staged>();

  constructor(private readonly base: StateReader) {}

  get<C extends CollectionName>(c: C, id: string): Collections[C] | undefined {
    const s = this.staged.get(c);
    if (s?.has(id)) {
      const v = s.get(id);
      return v === DELETED ? undefined : (copyDoc(v) as Collections[C]);
    }
    const doc = this.base.get(c, id);
    return doc === undefined ? undefined : copyDoc(doc);
  }

  /** Every document of a collection, with this transaction's changes applied. Read-only views. */
  *values<C extends CollectionName>(c: C): Iterable<Collections[C]> {
    const s = this.staged.get(c);
    for (const doc of this.base.values(c)) {
      const id = (doc as { id: string }).id;
      if (s?.has(id)) continue;
      yield doc;
    }
    if (s) for (const v of s.values()) if (v !== DELETED) yield v as Collections[C];
  }

  /** Index lookup that also sees staged documents (the staged set is tiny, so a scan is fine). */
  lookup<C extends CollectionName>(c: C, index: string, key: string): Collections[C][] {
    const s = this.staged.get(c);
    const out = this.base.lookup(c, index, key).filter((d) => !s?.has((d as { id: string }).id));
    if (s) {
      for (const v of s.values()) {
        if (v !== DELETED && keysOf(c, index, v).includes(key)) out.push(v as Collections[C]);
      }
    }
    return out;
  }

  put<C extends CollectionName>(c: C, doc: Collections[C]): void {
    this.stage(c).set((doc as { id: string }).id, copyDoc(doc));
  }

  delete(c: CollectionName, id: string): void {
    this.stage(c).set(id, DELETED);
  }

  /** The next short id with a prefix: E1, E2 … (T for tasks, M for meetings, Q for tickets). */
  nextId(prefix: string): string {
    const counter = this.get('counters', prefix) ?? { id: prefix, next: 1 };
    const n = counter.next;
    this.put('counters', { id: prefix, next: n + 1 });
    return `${prefix}${n}`;
  }

  changes(): Change[] {
    const out: Change[] = [];
    for (const [c, s] of this.staged) {
      for (const [id, v] of s) out.push({ c, id, v: v === DELETED ? null : v });
    }
    return out;
  }

  get isEmpty(): boolean {
    return this.staged.size === 0;
  }

  private stage(c: CollectionName): Staged {
    let s = this.staged.get(c);
    if (!s) this.staged.set(c, (s = new Map()));
    return s;
  }
}
