// Small helpers over node:sqlite shared by the metadata store and the per-database series stores.
import { DatabaseSync } from 'node:sqlite';

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
