// Retention for one database file: samples older than the cutoff are deleted oldest first in short steps
// (the samples tables are keyed by time, so each step is a range at the start of the key), a measurement
// left without samples goes as influxd's does when its last shard group expires, and freed pages are handed
// back to the filesystem (incremental vacuum, then a truncating checkpoint) so the database's size shrinks.
import type { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';

/** Table names come from sqlite_master (our own `samples_<id>`), never from input. */
export function samplesTables(db: DatabaseSync): { table: string; measurementId: number }[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'samples_[0-9]*'").all() as { name: string }[];
  return rows.map((r) => ({ table: r.name, measurementId: Number(r.name.slice('samples_'.length)) }));
}

/** Deletes up to `rows` samples older than `cutoffNs` from `table`; returns how many went. */
export function purgeOldStep(db: DatabaseSync, table: string, cutoffNs: bigint, rows: number): number {
  const { changes } = db
    .prepare(`DELETE FROM ${table} WHERE ts < ? AND ts <= (SELECT ts FROM ${table} ORDER BY ts LIMIT 1 OFFSET ?)`)
    .run(cutoffNs, rows);
  const deleted = Number(changes);
  // Fewer than a step's worth left under the cutoff: the OFFSET row may not exist, finish plainly.
  if (deleted === 0) return Number(db.prepare(`DELETE FROM ${table} WHERE ts < ?`).run(cutoffNs).changes);
  return deleted;
}

export function isEmpty(db: DatabaseSync, table: string): boolean {
  return db.prepare(`SELECT 1 AS x FROM ${table} LIMIT 1`).get() === undefined;
}

/**
 * Returns free pages to the filesystem. Files are created with auto_vacuum=INCREMENTAL (openSqlite); a file
 * from before that is rewritten once by VACUUM (blocking, in proportion to the data left), which also turns the
 * mode on. The checkpoint moves the shrunk pages into the main file and truncates the WAL; it is skipped
 * (busy) while another connection reads, and the next purge retries.
 */
export async function releaseFreePages(db: DatabaseSync): Promise<void> {
  const mode = (db.prepare('PRAGMA auto_vacuum').get() as { auto_vacuum: number }).auto_vacuum;
  if (mode === 0) db.exec('PRAGMA auto_vacuum = INCREMENTAL; VACUUM;');
  else db.exec('PRAGMA incremental_vacuum');
  // A reader (the checkpoint worker, a listing) holding the WAL makes it answer busy rather than fail: try
  // again for a moment, then leave it to the next purge.
  for (let attempt = 0; attempt < 50 && db.isOpen; attempt++) {
    const { busy } = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get() as { busy: number };
    if (busy === 0) return;
    await sleep(20);
  }
}
