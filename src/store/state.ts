import { bucketCount, bucketOf, indexNames, keysOf } from './indexes.ts';
import type { Change } from './journal.ts';
import type { CollectionName, Collections } from './model.ts';
import type { StateReader } from './tx.ts';

/**
 * The in-memory state: per collection, an array of bucket maps (id → document) and the secondary
 * indexes. Documents are replaced whole on every change and never mutated in place, so a
 * checkpoint can copy a bucket's references without a deep copy.
 */
export class MemoryState implements StateReader {
  private readonly buckets = new Map<string, Map<string, unknown>[]>();
  private readonly indexes = new Map<string, Map<string, Map<string, Set<string>>>>();
  /** `collection:bucket` keys changed since the last checkpoint. */
  readonly dirty = new Set<string>();

  get<C extends CollectionName>(c: C, id: string): Collections[C] | undefined {
    const b = this.bucketsOf(c);
    return b[bucketOf(id, b.length)]!.get(id) as Collections[C] | undefined;
  }

  *values<C extends CollectionName>(c: C): Iterable<Collections[C]> {
    for (const m of this.bucketsOf(c)) yield* m.values() as Iterable<Collections[C]>;
  }

  count(c: CollectionName): number {
    let n = 0;
    for (const m of this.bucketsOf(c)) n += m.size;
    return n;
  }

  lookup<C extends CollectionName>(c: C, index: string, key: string): Collections[C][] {
    const ids = this.indexes.get(c)?.get(index)?.get(key);
    if (!ids) return [];
    const out: Collections[C][] = [];
    for (const id of ids) {
      const d = this.get(c, id);
      if (d) out.push(d);
    }
    return out;
  }

  apply(change: Change): void {
    const b = this.bucketsOf(change.c);
    const bucket = bucketOf(change.id, b.length);
    const map = b[bucket]!;
    const old = map.get(change.id);
    if (old !== undefined) this.unindex(change.c, change.id, old);
    if (change.v === null) map.delete(change.id);
    else {
      map.set(change.id, change.v);
      this.index(change.c, change.id, change.v);
    }
    this.dirty.add(`${change.c}:${bucket}`);
  }

  /** Loads a checkpointed bucket's documents (start-up). */
  load(c: string, items: Record<string, unknown>): void {
    for (const [id, v] of Object.entries(items)) this.apply({ c, id, v });
  }

  /** A shallow copy of one bucket's documents, for a checkpoint. */
  bucketItems(c: string, bucket: number): Record<string, unknown> {
    return Object.fromEntries(this.bucketsOf(c)[bucket]!);
  }

  collections(): string[] {
    return [...this.buckets.keys()];
  }

  private bucketsOf(c: string): Map<string, unknown>[] {
    let b = this.buckets.get(c);
    if (!b) {
      b = Array.from({ length: bucketCount(c) }, () => new Map<string, unknown>());
      this.buckets.set(c, b);
    }
    return b;
  }

  private index(c: string, id: string, doc: unknown): void {
    for (const name of indexNames(c)) {
      for (const key of keysOf(c, name, doc)) {
        const byKey = this.indexMap(c, name);
        let ids = byKey.get(key);
        if (!ids) byKey.set(key, (ids = new Set()));
        ids.add(id);
      }
    }
  }

  private unindex(c: string, id: string, doc: unknown): void {
    for (const name of indexNames(c)) {
      for (const key of keysOf(c, name, doc)) {
        const byKey = this.indexMap(c, name);
        const ids = byKey.get(key);
        ids?.delete(id);
        if (ids?.size === 0) byKey.delete(key);
      }
    }
  }

  private indexMap(c: string, name: string): Map<string, Set<string>> {
    let byName = this.indexes.get(c);
    if (!byName) this.indexes.set(c, (byName = new Map()));
    let byKey = byName.get(name);
    if (!byKey) byName.set(name, (byKey = new Map()));
    return byKey;
  }
}
