// The field types fixed per (measurement, shard group) of one database file, cached in memory: a write
// checks each field of a point against it before storing the point (influxd's `field type conflict`).
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { FieldType } from './field-types.ts';

const MAX_CACHED = 100_000;

export class FieldTypeIndex {
  readonly #get: StatementSync;
  readonly #put: StatementSync;
  // Nested by measurement id and shard rather than one Map keyed by a joined string: the check runs for
  // every field of every point, and building that string was most of its cost.
  #cache = new Map<number, Map<number, Map<string, FieldType>>>();
  #size = 0;

  constructor(db: DatabaseSync) {
    this.#get = db.prepare('SELECT type FROM field_types WHERE measurement_id = ? AND shard = ? AND name = ?');
    this.#put = db.prepare('INSERT INTO field_types (measurement_id, shard, name, type) VALUES (?, ?, ?, ?)');
  }

  /** The type fixed for the field, or undefined when the shard group has none yet. */
  get(measurementId: number, shard: number, name: string): FieldType | undefined {
    const type = this.#cache.get(measurementId)?.get(shard)?.get(name);
    if (type !== undefined) return type;
    const row = this.#get.get(measurementId, shard, name) as { type: FieldType } | undefined;
    if (!row) return undefined;
    this.#remember(measurementId, shard, name, row.type);
    return row.type;
  }

  /** Fixes a field's type; call inside the write transaction, after get() answered undefined. */
  set(measurementId: number, shard: number, name: string, type: FieldType): void {
    this.#put.run(measurementId, shard, name, type);
    this.#remember(measurementId, shard, name, type);
  }

  /** After a rollback or another connection's commit: rows cached may no longer exist. */
  forget(): void {
    this.#cache = new Map();
    this.#size = 0;
  }

  #remember(measurementId: number, shard: number, name: string, type: FieldType): void {
    if (this.#size >= MAX_CACHED) this.forget();
    let shards = this.#cache.get(measurementId);
    if (!shards) this.#cache.set(measurementId, (shards = new Map<number, Map<string, FieldType>>()));
    let names = shards.get(shard);
    if (!names) shards.set(shard, (names = new Map<string, FieldType>()));
    names.set(name, type);
    this.#size++;
  }
}
