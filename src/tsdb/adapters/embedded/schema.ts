// The schema of one database file and its migrations, versioned by PRAGMA user_version:
// 0 = the first layout (epoch milliseconds, numbers untyped), 1 = nanoseconds, typed number text
// (field-types.ts) and the per-shard-group field types table, 2 = the float field `value` also in a REAL
// column (see samplesTableDdl). A migration runs in one transaction.
import type { DatabaseSync } from 'node:sqlite';
import { encodeFields, fieldType, shardIndex, type FieldType, type LineFieldValue } from './field-types.ts';
import { inTransaction } from './sqlite.ts';

export const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS measurements (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS series (
  id INTEGER PRIMARY KEY,
  measurement_id INTEGER NOT NULL,
  tagset TEXT NOT NULL,
  UNIQUE (measurement_id, tagset)
);
CREATE TABLE IF NOT EXISTS field_types (
  measurement_id INTEGER NOT NULL,
  shard INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  PRIMARY KEY (measurement_id, shard, name)
) WITHOUT ROWID;
`;

// Table names come from integer ids only, never from user input.
export const samplesTable = (measurementId: number) => `samples_${measurementId}`;

/**
 * One measurement's samples. Every DeviceHub point carries the float field `value` (devicehub/message.ts) and
 * Grafana aggregates it; reading it out of the JSON cost 5x the scan (86,400 rows: ~350 ms against ~70 ms,
 * measured), so it is also kept in the REAL column `value` (NULL when the point has no float `value`).
 */
export function samplesTableDdl(table: string): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${table} (ts INTEGER NOT NULL, series_id INTEGER NOT NULL, ` +
    'fields TEXT NOT NULL, value REAL, PRIMARY KEY (ts, series_id)) WITHOUT ROWID'
  );
}

/** The REAL column's value for a point's fields: its float `value`, else null. */
export function valueColumn(fields: Record<string, unknown>): number | null {
  const v = fields.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Creates the tables of a fresh file, or brings an older file up to SCHEMA_VERSION. */
export function prepareSchema(db: DatabaseSync, shardDurationNs: bigint): void {
  const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  if (version >= SCHEMA_VERSION) return;
  inTransaction(db, () => {
    db.exec(SCHEMA);
    if (version === 0) migrateFromMilliseconds(db, shardDurationNs);
    if (version === 1) addValueColumn(db);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  });
}

/**
 * Version 0 stored epoch milliseconds and JSON numbers as JSON.stringify wrote them; every number then came
 * from the data plane, which writes floats only (devicehub/message.ts), so each becomes a float here.
 */
function migrateFromMilliseconds(db: DatabaseSync, shardDurationNs: bigint): void {
  const tables = db.prepare('SELECT id FROM measurements').all() as { id: number }[];
  const insertType = db.prepare(
    'INSERT OR IGNORE INTO field_types (measurement_id, shard, name, type) VALUES (?, ?, ?, ?)',
  );
  for (const { id } of tables) {
    const table = samplesTable(id);
    const exists = db.prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    if (!exists) continue;
    db.exec(samplesTableDdl(`${table}_v1`));
    const insert = db.prepare(`INSERT INTO ${table}_v1 (ts, series_id, fields, value) VALUES (?, ?, ?, ?)`);
    const types = new Map<string, [number, string, FieldType]>();
    const rows = db.prepare(`SELECT ts, series_id, fields FROM ${table}`);
    rows.setReadBigInts(true);
    for (const row of rows.iterate() as Iterable<{ ts: bigint; series_id: bigint; fields: string }>) {
      const fields = JSON.parse(row.fields) as Record<string, LineFieldValue>;
      const json = encodeFields(fields);
      if (json === undefined) continue;
      const ts = row.ts * 1_000_000n;
      const shard = shardIndex(ts, shardDurationNs);
      for (const [name, value] of Object.entries(fields)) {
        const key = `${shard}\u0000${name}`;
        // The first type seen wins, as the first write fixes a field's type in influxd.
        if (!types.has(key)) types.set(key, [shard, name, fieldType(value)]);
      }
      insert.run(ts, row.series_id, json, valueColumn(fields));
    }
    for (const [shard, name, type] of types.values()) insertType.run(id, shard, name, type);
    db.exec(`DROP TABLE ${table}`);
    db.exec(`ALTER TABLE ${table}_v1 RENAME TO ${table}`);
  }
}

/** Version 1 to 2: the REAL column, filled from each sample's float `value`. */
function addValueColumn(db: DatabaseSync): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'samples\\_%' ESCAPE '\\'").all() as { name: string }[];
  for (const { name } of tables) {
    // Names come from sqlite_master and match samples_<id>; nothing else is spliced.
    if (!/^samples_\d+$/.test(name)) continue;
    db.exec(`ALTER TABLE ${name} ADD COLUMN value REAL`);
    db.exec(`UPDATE ${name} SET value = fields ->> '$.value' WHERE json_type(fields, '$.value') = 'real'`);
  }
}
