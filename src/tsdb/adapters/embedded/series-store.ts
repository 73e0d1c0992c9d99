// One database of the embedded engine: a SQLite file with a measurements table, a series table
// (measurement + tag set) and one samples table per measurement keyed by (time, series). Time-first
// keys make writes appends (a series-first key dirtied a page per series per commit: 3x slower), and a
// table per measurement makes dropping one a table rename (then a background purge, trash.ts) instead
// of a scan. Ids are cached, so a write is one insert per point; listing never touches samples.
import { statSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { byCodeUnit } from '../../../compare.ts';
import { badRequest } from '../../../errors.ts';
import type { Point } from '../../adapter.ts';
import { FieldTypeIndex } from './field-type-index.ts';
import {
  encodeFields,
  fieldType,
  fieldTypeConflict,
  shardGroupDurationNs,
  shardIndex,
  shardIndexMs,
  shardStartNs,
  type LineFieldValue,
  type LinePoint,
} from './field-types.ts';
import { isEmpty, purgeOldStep, releaseFreePages, samplesTables } from './retention.ts';
import { prepareSchema, samplesTable, samplesTableDdl, valueColumn } from './schema.ts';
import { SeriesReader } from './series-reader.ts';
import { inTransaction, openSqlite, prepareArrays } from './sqlite.ts';
import { moveToTrash, purgeStep, trashTables } from './trash.ts';

const MAX_CACHED_SERIES = 100_000;
/**
 * The query connection's page cache in KiB. SQLite's default (2 MiB) is smaller than a day of one 1 Hz
 * series here (~5 MB), so a dashboard refreshing that day re-read every page from the OS each time: the
 * Grafana bench query spent a third of its SQLite time there (15 ms against 10 ms with the pages cached).
 */
const READ_CACHE_KIB = 16_384;

/** What a line-protocol write left out: points whose field types conflict, and influxd's text for the first. */
export interface LineWriteResult {
  dropped: number;
  firstError: string | undefined;
}

/** Canonical tag-set key: tags sorted by key, so {a,b} and {b,a} are one series, as in InfluxDB,
 * where an empty tag value also means no tag. */
export function tagsetKey(tags: Record<string, string>): string {
  const keys = Object.keys(tags).filter((k) => tags[k] !== '');
  if (keys.length === 0) return '[]';
  keys.sort();
  return JSON.stringify(keys.map((k) => [k, tags[k]]));
}

/** A series as the write path remembers it (by its tags object). */
interface SeriesEntry {
  measurement: string;
  unit: 'ms' | 'ns';
  measurementId: number;
  seriesId: number;
  insert: StatementSync;
}

/** What differs between the two write paths: the data plane's epoch-ms numbers and line protocol's ns. */
interface TimeAxis<P> {
  unit: 'ms' | 'ns';
  /** The insert's time argument (the statement of `unit` scales it to ns). */
  time(point: P): number | bigint;
  /** The shard-group function for one write call. */
  shards(durationNs: bigint): (point: P) => number;
  /** The stored JSON of the fields, undefined when none is writable. */
  fields(point: P): string | undefined;
}

const MS_AXIS: TimeAxis<Point> = {
  unit: 'ms',
  time: (p) => Math.trunc(p.timestampMs),
  shards: (durationNs) => (p) => shardIndexMs(p.timestampMs, durationNs),
  fields: (p) => encodeFields(p.fields),
};

const NS_AXIS: TimeAxis<LinePoint> = {
  unit: 'ns',
  time: (p) => p.timeNs,
  shards(durationNs) {
    // A batch spans one or two shard groups: the last group's bounds spare BigInt divisions per point.
    let lo = 1n, hi = 0n, index = 0;
    return ({ timeNs }) => {
      if (timeNs < lo || timeNs >= hi) {
        index = shardIndex(timeNs, durationNs);
        lo = shardStartNs(index, durationNs);
        hi = lo + durationNs;
      }
      return index;
    };
  },
  // The parser's own JSON, built from the literal texts: a float's shortest text costs ~1.5 µs to redo.
  fields: (p) => p.fieldsJson ?? encodeFields(p.fields),
};

export class SeriesStore {
  readonly file: string;
  readonly #db: DatabaseSync;
  readonly #s: Record<
    'getM' | 'insM' | 'listM' | 'getS' | 'insS' | 'delSeries' | 'delTypes' | 'delM' | 'version',
    StatementSync
  >;
  readonly #types: FieldTypeIndex;
  // Shard groups (and so field type conflicts) are as long as influxd's for the `autogen` retention.
  readonly #shardNs: bigint;
  #dataVersion = -1;
  #measurementIds = new Map<string, number>();
  #inserts = new Map<string, StatementSync>();
  #seriesIds = new Map<string, number>();
  // The line-protocol parser and the data plane (devicehub/stable-series.ts) hand every point of one series the
  // same tags object (never mutated downstream): its ids are found by that object, with no tag-set key built
  // or hashed per point. A caller passing a fresh object per point adds an entry per point instead.
  #entries = new WeakMap<object, SeriesEntry>();
  #names: string[] | undefined;
  #purging = false;
  #reader: SeriesReader | undefined;
  #readDb: DatabaseSync | undefined;
  /** Moves whenever a measurement, series or field type appears or goes: the reader's caches follow it. */
  #catalogVersion = 0;

  constructor(file: string, retentionNs?: bigint) {
    this.file = file;
    this.#shardNs = shardGroupDurationNs(retentionNs);
    this.#db = openSqlite(file, { incrementalVacuum: true });
    try {
      // Checkpoints normally run on the worker thread (checkpointer.ts); this is the safety net should it
      // fall behind. 4000 pages (16 MiB of WAL) rather than the default 1000, which rewrote the same
      // hot pages and cost a third of the write rate when checkpoints ran here.
      this.#db.exec('PRAGMA wal_autocheckpoint = 4000;');
      prepareSchema(this.#db, this.#shardNs);
    } catch (err) {
      this.#db.close();
      throw err;
    }
    const p = (sql: string) => this.#db.prepare(sql);
    this.#s = {
      getM: p('SELECT id FROM measurements WHERE name = ?'),
      insM: p('INSERT INTO measurements (name) VALUES (?)'),
      listM: p('SELECT name FROM measurements'),
      getS: p('SELECT id FROM series WHERE measurement_id = ? AND tagset = ?'),
      insS: p('INSERT INTO series (measurement_id, tagset) VALUES (?, ?)'),
      delSeries: p('DELETE FROM series WHERE measurement_id = ?'),
      delTypes: p('DELETE FROM field_types WHERE measurement_id = ?'),
      delM: p('DELETE FROM measurements WHERE id = ?'),
      version: prepareArrays(this.#db, 'PRAGMA data_version'),
    };
    this.#types = new FieldTypeIndex(this.#db);
  }

  /** Measurement names, sorted; cached until a write adds one or a drop removes one. */
  measurements(): string[] {
    this.#syncWithOtherConnections();
    if (!this.#names) {
      const rows = this.#s.listM.all() as { name: string }[];
      this.#names = rows.map((r) => r.name).sort(byCodeUnit);
    }
    return this.#names;
  }

  /**
   * The query executor's read access (synchronous; one reader per store), on a connection of its own: its
   * page cache holds what queries read (READ_CACHE_KIB) and never grows with writes, which an idle
   * server's footprint depends on. It opens on the first query.
   */
  reader(): SeriesReader {
    this.#syncWithOtherConnections();
    if (!this.#reader) {
      this.#readDb = openSqlite(this.file);
      this.#readDb.exec(`PRAGMA cache_size = -${READ_CACHE_KIB}; PRAGMA query_only = ON;`);
      this.#reader = new SeriesReader(this.#readDb, () => this.#catalogVersion);
    }
    return this.#reader;
  }

  /**
   * Writes points (already validated; times in epoch ms) in one transaction; keep batches short, the call is
   * synchronous. A point whose field type conflicts fails the whole batch with 400 (nothing of it stored).
   */
  write(points: readonly Point[]): void {
    this.#writeAll(points, MS_AXIS, 'fail');
  }

  /** Writes line-protocol points (validated; times in ns) in one transaction; conflicting points are left out. */
  writeLine(points: readonly LinePoint[]): LineWriteResult {
    return this.#writeAll(points, NS_AXIS, 'drop');
  }

  /** False when there is no such measurement. The name goes at once; purgeTrash() frees the samples. */
  dropMeasurement(name: string): boolean {
    this.#syncWithOtherConnections();
    const row = this.#s.getM.get(name) as { id: number } | undefined;
    if (!row) return false;
    inTransaction(this.#db, () => {
      moveToTrash(this.#db, samplesTable(row.id));
      this.#s.delSeries.run(row.id);
      this.#s.delTypes.run(row.id);
      this.#s.delM.run(row.id);
    });
    this.#forgetIds();
    return true;
  }

  /** Empties and drops trash tables in short steps, yielding between them; one run at a time. */
  async purgeTrash(rowsPerStep = 10_000): Promise<void> {
    if (this.#purging) return;
    this.#purging = true;
    let purged = false;
    try {
      while (this.#db.isOpen) {
        const table = trashTables(this.#db)[0];
        if (!table) {
          if (purged) await releaseFreePages(this.#db);
          return;
        }
        purged = true;
        purgeStep(this.#db, table, rowsPerStep);
        await yieldToLoop();
      }
    } finally {
      this.#purging = false;
    }
  }

  /**
   * Deletes samples older than `cutoffNs` (retention.ts), yielding between steps; a measurement left empty is
   * dropped; freed pages go back to the filesystem. Returns the samples deleted.
   */
  async purgeBefore(cutoffNs: bigint, rowsPerStep = 10_000): Promise<number> {
    let deleted = 0;
    for (const { table, measurementId } of samplesTables(this.#db)) {
      for (;;) {
        if (!this.#db.isOpen) return deleted;
        const n = purgeOldStep(this.#db, table, cutoffNs, rowsPerStep);
        deleted += n;
        await yieldToLoop();
        if (n < rowsPerStep) break;
      }
      if (!this.#db.isOpen) return deleted;
      if (isEmpty(this.#db, table)) {
        const row = this.#db.prepare('SELECT name FROM measurements WHERE id = ?').get(measurementId) as { name: string } | undefined;
        if (row) this.dropMeasurement(row.name);
      }
    }
    if (deleted > 0 && this.#db.isOpen) {
      await this.purgeTrash(rowsPerStep);
      if (this.#db.isOpen) await releaseFreePages(this.#db);
    }
    return deleted;
  }

  /** Real bytes on disk: the database file plus its WAL and shared-memory files. */
  sizeOnDisk(): number {
    let total = 0;
    for (const f of [this.file, `${this.file}-wal`, `${this.file}-shm`]) {
      total += statSync(f, { throwIfNoEntry: false })?.size ?? 0;
    }
    return total;
  }

  close(): void {
    if (this.#readDb?.isOpen) this.#readDb.close();
    if (this.#db.isOpen) this.#db.close();
  }

  #measurementId(name: string): number {
    let id = this.#measurementIds.get(name);
    if (id === undefined) {
      const row = this.#s.getM.get(name) as { id: number } | undefined;
      if (row) {
        id = row.id;
      } else {
        id = Number(this.#s.insM.run(name).lastInsertRowid);
        this.#catalogVersion++;
        this.#db.exec(samplesTableDdl(samplesTable(id)));
        this.#names = undefined;
      }
      this.#measurementIds.set(name, id);
    }
    return id;
  }

  /**
   * Both write paths. Per point: the cached ids of its series (by the identity of its tags object), the field
   * type check in its shard group, one insert. A conflicting point creates no series.
   */
  #writeAll<P extends Point | LinePoint>(points: readonly P[], axis: TimeAxis<P>, onConflict: 'fail' | 'drop'): LineWriteResult {
    const result: LineWriteResult = { dropped: 0, firstError: undefined };
    const shardOf = axis.shards(this.#shardNs);
    this.#transaction(() => {
      for (const point of points) {
        const fields = axis.fields(point);
        if (fields === undefined) continue;
        let series = this.#entries.get(point.tags);
        if (series !== undefined && (series.measurement !== point.measurement || series.unit !== axis.unit)) series = undefined;
        const measurementId = series?.measurementId ?? this.#measurementId(point.measurement);
        const conflict = this.#checkTypes(measurementId, shardOf(point), point);
        if (conflict) {
          if (onConflict === 'fail') throw badRequest(conflict);
          result.dropped++;
          result.firstError ??= conflict;
          continue;
        }
        series ??= this.#seriesEntry(point, measurementId, axis.unit);
        series.insert.run(axis.time(point), series.seriesId, fields, valueColumn(point.fields));
      }
    });
    return result;
  }

  /** Resolves (creating when new) the series of a point and remembers it under its tags object. */
  #seriesEntry(point: Point | LinePoint, measurementId: number, unit: 'ms' | 'ns'): SeriesEntry {
    const entry: SeriesEntry = {
      measurement: point.measurement,
      unit,
      measurementId,
      seriesId: this.#seriesId(measurementId, tagsetKey(point.tags)),
      insert: this.#insert(measurementId, unit),
    };
    this.#entries.set(point.tags, entry);
    return entry;
  }

  #seriesId(measurementId: number, tagset: string): number {
    const key = `${measurementId}\u0000${tagset}`;
    let id = this.#seriesIds.get(key);
    if (id === undefined) {
      // A bound on memory for high-cardinality tags: past it, ids are looked up again (indexed, cheap).
      if (this.#seriesIds.size >= MAX_CACHED_SERIES) this.#seriesIds.clear();
      const row = this.#s.getS.get(measurementId, tagset) as { id: number } | undefined;
      if (row) {
        id = row.id;
      } else {
        id = Number(this.#s.insS.run(measurementId, tagset).lastInsertRowid);
        this.#catalogVersion++;
      }
      this.#seriesIds.set(key, id);
    }
    return id;
  }

  /** Checks (and fixes, for new fields) the point's field types; returns influxd's error text on a conflict. */
  #checkTypes(
    measurementId: number,
    shard: number,
    point: { measurement: string; fields: Record<string, LineFieldValue> },
  ): string | undefined {
    for (const name in point.fields) {
      const value = point.fields[name] as LineFieldValue;
      if (typeof value === 'number' && !Number.isFinite(value)) continue;
      const type = fieldType(value);
      const existing = this.#types.get(measurementId, shard, name);
      if (existing !== undefined && existing !== type) return fieldTypeConflict(point.measurement, name, type, existing);
    }
    for (const name in point.fields) {
      const value = point.fields[name] as LineFieldValue;
      if (typeof value === 'number' && !Number.isFinite(value)) continue;
      if (this.#types.get(measurementId, shard, name) === undefined) {
        this.#types.set(measurementId, shard, name, fieldType(value));
        this.#catalogVersion++;
      }
    }
    return undefined;
  }

  #transaction(fn: () => void): void {
    this.#syncWithOtherConnections();
    try {
      inTransaction(this.#db, fn);
    } catch (err) {
      // Ids and types created inside the rolled-back transaction no longer exist.
      this.#forgetIds();
      throw err;
    }
  }

  #insert(measurementId: number, unit: 'ms' | 'ns'): StatementSync {
    const key = `${unit}${measurementId}`;
    let statement = this.#inserts.get(key);
    if (!statement) {
      // Milliseconds become nanoseconds in SQLite's exact 64-bit integers (a double would round them).
      const ts = unit === 'ms' ? '? * 1000000' : '?';
      // InfluxDB merges fields written to the same series and timestamp; json_patch does the same.
      statement = this.#db.prepare(
        `INSERT INTO ${samplesTable(measurementId)} (ts, series_id, fields, value) VALUES (${ts}, ?, ?, ?) ` +
          'ON CONFLICT (ts, series_id) DO UPDATE SET fields = json_patch(fields, excluded.fields), ' +
          'value = CASE WHEN json_type(excluded.fields, \'$.value\') IS NULL THEN value ELSE excluded.value END',
      );
      this.#inserts.set(key, statement);
    }
    return statement;
  }

  /** data_version changes when another connection (a second adapter on this dataDir) committed. */
  #syncWithOtherConnections(): void {
    const [version] = this.#s.version.get() as unknown as [number];
    if (version !== this.#dataVersion) this.#forgetIds();
    this.#dataVersion = version;
  }

  #forgetIds(): void {
    this.#inserts = new Map();
    this.#measurementIds = new Map();
    this.#seriesIds = new Map();
    this.#entries = new WeakMap();
    this.#types.forget();
    this.#names = undefined;
    this.#catalogVersion++;
  }
}

