// Dropping a big measurement without a long synchronous call: its samples table is renamed to a
// trash table inside the drop's transaction (the name disappears at once), then emptied in short
// steps between event-loop turns and finally dropped. Leftovers after a restart are purged on open.
import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';

/** Renames `table` to a fresh trash name; call inside the transaction that removes the measurement. */
export function moveToTrash(db: DatabaseSync, table: string): void {
  const exists = db.prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  if (exists) db.exec(`ALTER TABLE ${table} RENAME TO trash_${randomBytes(6).toString('hex')}`);
}

export function trashTables(db: DatabaseSync): string[] {
  const rows = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'trash\\_%' ESCAPE '\\'")
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

/** Deletes about `rows` of the oldest samples of a trash table, or drops it once few are left. */
export function purgeStep(db: DatabaseSync, table: string, rows: number): void {
  // Table names come from trashTables (our own generated names), never from input.
  const { changes } = db
    .prepare(`DELETE FROM ${table} WHERE ts <= (SELECT ts FROM ${table} ORDER BY ts LIMIT 1 OFFSET ?)`)
    .run(rows);
  if (Number(changes) === 0) db.exec(`DROP TABLE ${table}`);
}
