// Reads the embedded engine's files directly (read-only SQLite), so tests can count the points a
// measurement really holds; the adapter contract has no query call.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const BUSY_WAIT_MS = 5000;

export function countPoints(dataDir: string, database: string, measurement: string): number {
  const dir = path.join(dataDir, 'embedded');
  // The engine opens its files lazily, on the first write.
  if (!existsSync(path.join(dir, 'meta.sqlite'))) return 0;
  // A running server may hold a write lock for a moment (a commit, a checkpoint): wait, as its own
  // connections do, rather than fail the probe with SQLITE_BUSY.
  const meta = new DatabaseSync(path.join(dir, 'meta.sqlite'), { readOnly: true, timeout: BUSY_WAIT_MS });
  let file: string | undefined;
  try {
    file = (meta.prepare('SELECT file FROM databases WHERE name = ?').get(database) as { file: string } | undefined)?.file;
  } finally {
    meta.close();
  }
  if (!file) return 0;
  const db = new DatabaseSync(path.join(dir, file), { readOnly: true, timeout: BUSY_WAIT_MS });
  try {
    const m = db.prepare('SELECT id FROM measurements WHERE name = ?').get(measurement) as { id: number } | undefined;
    if (!m) return 0;
    // The engine keeps one samples table per measurement (samples_<id>); older layouts had one shared table.
    const perMeasurement = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(`samples_${m.id}`) as { name: string } | undefined;
    const row = perMeasurement
      ? (db.prepare(`SELECT count(*) AS n FROM samples_${m.id}`).get() as { n: number })
      : (db
          .prepare('SELECT count(*) AS n FROM samples s JOIN series r ON r.id = s.series_id WHERE r.measurement_id = ?')
          .get(m.id) as { n: number });
    return row.n;
  } finally {
    db.close();
  }
}
