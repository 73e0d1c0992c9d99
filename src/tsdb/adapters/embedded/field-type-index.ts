// The field types fixed per (measurement, shard group) of one database file, cached in memory: a write
// checks each field of a point against it before storing the point (influxd's `field type conflict`).
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { FieldType } from './field-types.ts';

const MAX_CACHED = 100_000;

export class FieldTypeIndex {
  readonly #get: StatementSync;
  readonly #put: StatementSync;
  #cache = new Map<string, FieldType>();

  constructor(db: DatabaseSync) {
    this.#get = db.prepare('SELECT type FROM field_types WHERE measurement_id = ? AND shard = ? AND name = ?');
    this.#put = db.prepare('INSERT INTO field_types (measurement_id, shard, name, type) VALUES (?, ?, ?, ?)');
  }

  /** The type fixed for the field, or undefined when the shard group has none yet. */
  get(measurementId: number, shard: number, name: string): FieldType | undefined {
    const key = `${measurementId}\u0000${shard}\u0000${name}`;
    let type = this.#cache.get(key);
    if (type === undefined) {
      const row = this.#get.get(measurementId, shard, name) as { type: FieldType } | undefined;
      if (!row) return undefined;
      type = row.type;
      this.#remember(key, type);
    }
    return type;
  }

  /** Fixes a field's type; call inside the write transaction, after get() answered undefined. */
  set(measurementId: number, shard: number, name: string, type: FieldType): void {
    this.#put.run(measurementId, shard, name, type);
    this.#remember(`${measurementId}\u0000${shard}\u0000${name}`, type);
  }

  /** After a rollback or another connection's commit: rows cached may no longer exist. */
  forget(): void {
    this.#cache = new Map();
  }

  #remember(key: string, type: FieldType): void {
    if (this.#cache.size >= MAX_CACHED) this.#cache.clear();
    this.#cache.set(key, type);
  }
}
