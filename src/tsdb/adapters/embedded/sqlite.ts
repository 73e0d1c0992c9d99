// Small helpers over node:sqlite shared by the metadata store and the per-database series stores.
import { DatabaseSync, type StatementSync } from 'node:sqlite';

/** Opens a SQLite file in WAL mode; synchronous=NORMAL is durable across process crashes in WAL. */
export function openSqlite(file: string, options: { incrementalVacuum?: boolean } = {}): DatabaseSync {
  const db = new DatabaseSync(file);
  try {
    // Before journal_mode: a new file only takes auto_vacuum until its header is written (retention.ts).
    if (options.incrementalVacuum) db.exec('PRAGMA auto_vacuum = INCREMENTAL;');
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Runs `fn` in one write transaction; rolls back and rethrows on any error. */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/**
 * A statement whose rows come back as arrays, for statements run on every write. node:sqlite builds each row
 * object with a null prototype, and V8 gives every such object a map of its own, allocated in the old
 * generation (72 B a row, measured): an idle server's garbage until a rare full GC (bench/README.md, "Memory
 * over time"). Arrays share one map.
 */
export function prepareArrays(db: DatabaseSync, sql: string): StatementSync {
  const statement = db.prepare(sql);
  statement.setReturnArrays(true);
  return statement;
}
