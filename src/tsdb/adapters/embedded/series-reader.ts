// Read access of the query executor to one database file: measurement ids, series with their tags,
// field types, and time-ordered sample scans (times as bigint nanoseconds). Statements are prepared
// once per reader; table names come from integer ids only, never from input.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { FieldType } from './field-types.ts';
import { samplesTable } from './schema.ts';

export interface SeriesInfo {
  id: number;
  tags: Record<string, string>;
}

export interface SampleRow {
  ts: bigint;
  series_id: bigint;
  fields: string;
}

export class SeriesReader {
  readonly #db: DatabaseSync;
  readonly #s: Record<'getM' | 'listM' | 'series' | 'types', StatementSync>;
  readonly #scans = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#s = {
      getM: db.prepare('SELECT id FROM measurements WHERE name = ?'),
      listM: db.prepare('SELECT name FROM measurements'),
      series: db.prepare('SELECT id, tagset FROM series WHERE measurement_id = ?'),
      types: db.prepare('SELECT name, type FROM field_types WHERE measurement_id = ? ORDER BY shard, name'),
    };
  }

  /** Measurement names, sorted by code unit as influxd sorts bytes (ASCII names agree). */
  measurementNames(): string[] {
    return (this.#s.listM.all() as { name: string }[]).map((r) => r.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  measurementId(name: string): number | undefined {
    return (this.#s.getM.get(name) as { id: number } | undefined)?.id;
  }

  series(measurementId: number): SeriesInfo[] {
    const rows = this.#s.series.all(measurementId) as { id: number; tagset: string }[];
    return rows.map((r) => ({ id: r.id, tags: Object.fromEntries(JSON.parse(r.tagset) as [string, string][]) }));
  }

  /** Each field's type; the earliest shard group's wins where they differ. */
  fieldTypes(measurementId: number): Map<string, FieldType> {
    const types = new Map<string, FieldType>();
    for (const r of this.#s.types.all(measurementId) as { name: string; type: FieldType }[]) {
      if (!types.has(r.name)) types.set(r.name, r.type);
    }
    return types;
  }

  /** Samples with min <= ts <= max in time order (then series id), optionally of some series only. */
  scan(measurementId: number, min: bigint, max: bigint, seriesIds?: readonly number[]): Iterable<SampleRow> {
    const filter = seriesIds ? ` AND series_id IN (${seriesIds.map(() => '?').join(',')})` : '';
    const sql = `SELECT ts, series_id, fields FROM ${samplesTable(measurementId)} WHERE ts >= ? AND ts <= ?${filter} ORDER BY ts, series_id`;
    const stmt = this.#prepare(sql);
    return stmt.iterate(min, max, ...(seriesIds ?? [])) as Iterable<SampleRow>;
  }

  /**
   * Per-bucket aggregates of one numeric field computed inside SQLite (the Grafana GROUP BY time path):
   * rows of (bucket index, series id, count, sum, min, max) over non-null numeric values.
   */
  bucketAggregates(
    measurementId: number,
    field: string,
    min: bigint,
    max: bigint,
    origin: bigint,
    interval: bigint,
    seriesIds?: readonly number[],
  ): { b: bigint; series_id: bigint; n: bigint; total: number | bigint; lo: number | bigint; hi: number | bigint }[] {
    const filter = seriesIds ? ` AND series_id IN (${seriesIds.map(() => '?').join(',')})` : '';
    const sql =
      `SELECT (ts - ?) / ? AS b, series_id, count(v) AS n, sum(v) AS total, min(v) AS lo, max(v) AS hi FROM ` +
      `(SELECT ts, series_id, fields ->> ? AS v FROM ${samplesTable(measurementId)} WHERE ts >= ? AND ts <= ?${filter}) ` +
      'WHERE v IS NOT NULL GROUP BY b, series_id';
    return this.#prepare(sql).all(origin, interval, `$."${field.replace(/"/g, '\\"')}"`, min, max, ...(seriesIds ?? [])) as never;
  }

  #prepare(sql: string): StatementSync {
    let stmt = this.#scans.get(sql);
    if (!stmt) {
      stmt = this.#db.prepare(sql);
      stmt.setReadBigInts(true);
      if (this.#scans.size > 200) this.#scans.clear();
      this.#scans.set(sql, stmt);
    }
    return stmt;
  }
}
