import type { Tx } from './tx.ts';

/**
 * Schema migrations. `MIGRATIONS[i]` takes the data from version i+1 to i+2. A migration runs as
 * one journaled transaction at start-up, so it is as durable and replayable as any other change;
 * the store records the new version in `settings/schemaVersion` in the same transaction.
 *
 * To change a document's shape: append a function here that rewrites the affected documents with
 * `tx.put`, and update the interface in model.ts. Never edit a migration that has shipped.
 */
export type Migration = (tx: Tx) => void;

export const MIGRATIONS: Migration[] = [];
