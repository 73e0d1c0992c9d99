// The SHOW statements on the embedded engine, answering as influxd 1.x does: DATABASES, MEASUREMENTS,
// TAG KEYS, TAG VALUES, FIELD KEYS, SERIES and RETENTION POLICIES (autogen only).
import type { Statement, StatementOf } from '../../../../influxql/ast.ts';
import { goDurationString } from '../../../../influxql/duration.ts';
import type { Expr } from '../../../../influxql/ast.ts';
import { checkMeasurementCondition, hasTimeExpr, splitTimeRange } from '../../../../influxql/condition.ts';
import { MAX_TIME, MIN_TIME, StatementError } from '../../../../influxql/time-range.ts';
import { shardGroupDurationNs, shardIndex, shardStartNs } from '../field-types.ts';
import type { SeriesReader } from '../series-reader.ts';
import { byCodeUnit as byName } from '../../../../compare.ts';
import { seriesListKey } from './group-order.ts';
import { matchingSeries, measurementMatches, resolveMeasurements, seriesKey } from './catalog.ts';
import type { QueryContext, ResultSeries, StatementResult } from './types.ts';

/** LIMIT/OFFSET on rows, as influxd applies them (0 = none). */
export function page<T>(rows: T[], limit: number, offset: number): T[] {
  return rows.slice(offset, limit > 0 ? offset + limit : undefined);
}

export function databaseOf(stmt: { database?: string }, ctx: QueryContext): string {
  const db = stmt.database || ctx.db;
  if (!db) throw new StatementError('database name required');
  return db;
}

function readerOf(db: string, ctx: QueryContext): SeriesReader {
  const reader = ctx.storage.reader(db);
  if (!reader) throw new StatementError(`database not found: ${db}`);
  return reader;
}

export function showStatement(stmt: Statement, ctx: QueryContext, measurements: (db: string) => string[]): StatementResult {
  switch (stmt.kind) {
    case 'ShowDatabases': {
      const names = ctx.listDatabases().filter((d) => ctx.canRead(d) || ctx.canWrite?.(d) === true);
      return { series: [{ name: 'databases', columns: ['name'], values: names.map((n) => [n]) }] };
    }
    case 'ShowMeasurements':
      return showMeasurements(stmt, ctx, measurements);
    case 'ShowTagKeys':
    case 'ShowTagValues':
    case 'ShowFieldKeys':
    case 'ShowSeries':
      return showPerMeasurement(stmt, ctx, measurements);
    case 'ShowRetentionPolicies': {
      const db = databaseOf(stmt, ctx);
      readerOf(db, ctx);
      const retention = ctx.storage.retentionNs?.(db) ?? 0n;
      const row = ['autogen', goDurationString(retention), goDurationString(shardGroupDurationNs(retention)), 1n, true];
      return { series: [{ columns: ['name', 'duration', 'shardGroupDuration', 'replicaN', 'default'], values: [row] }] };
    }
    default:
      throw new StatementError(`${stmt.kind} is not handled here`);
  }
}

function showMeasurements(stmt: StatementOf<'ShowMeasurements'>, ctx: QueryContext, all: (db: string) => string[]): StatementResult {
  // influxd 1.6 refuses this while rewriting the statement, before it looks for the database.
  if (hasTimeExpr(stmt.condition)) throw new StatementError("SHOW MEASUREMENTS doesn't support time in WHERE clause");
  const db = databaseOf(stmt, ctx);
  const reader = ctx.storage.reader(db);
  // influxd answers an unknown database here with no rows, not an error.
  if (!reader) return {};
  if (stmt.condition) checkMeasurementCondition(stmt.condition);
  let refs = resolveMeasurements(reader, all(db), stmt.source ? [stmt.source] : undefined);
  const condition = stmt.condition;
  if (condition) refs = refs.filter((m) => measurementMatches(condition, m.name, reader.series(m.id)));
  const names = page(refs.map((m) => m.name), stmt.limit, stmt.offset);
  if (names.length === 0) return {};
  return { series: [{ name: 'measurements', columns: ['name'], values: names.map((n) => [n]) }] };
}

type PerMeasurement = StatementOf<'ShowTagKeys' | 'ShowTagValues' | 'ShowFieldKeys' | 'ShowSeries'>;

function showPerMeasurement(stmt: PerMeasurement, ctx: QueryContext, all: (db: string) => string[]): StatementResult {
  const db = databaseOf(stmt, ctx);
  const reader = readerOf(db, ctx);
  const refs = resolveMeasurements(reader, all(db), stmt.sources);
  const condition = stmt.kind === 'ShowFieldKeys' ? undefined : stmt.condition;
  const span = pointSpan(stmt.kind, condition, ctx.nowNs, shardGroupDurationNs(ctx.storage.retentionNs?.(db)));
  const out: ResultSeries[] = [];
  const seriesKeys: { order: string; key: string }[] = [];
  for (const m of refs) {
    if (stmt.kind === 'ShowFieldKeys') {
      const types = [...reader.fieldTypes(m.id)].sort(([a], [b]) => byName(a, b));
      const rows = page(types.map(([k, t]) => [k, t]), stmt.limit, stmt.offset);
      if (rows.length) out.push({ name: m.name, columns: ['fieldKey', 'fieldType'], values: rows });
      continue;
    }
    let series = matchingSeries(reader.series(m.id), condition, ctx.nowNs);
    if (span) series = series.filter((s) => reader.firstTime(m.id, span.min, span.max, s.id) !== undefined);
    if (stmt.kind === 'ShowSeries') {
      for (const s of series) seriesKeys.push({ order: seriesListKey(m.name, s.tags), key: seriesKey(m.name, s.tags) });
    } else if (stmt.kind === 'ShowTagKeys') {
      const keys = [...new Set(series.flatMap((s) => Object.keys(s.tags)))].sort(byName);
      const rows = page(keys.map((k) => [k]), stmt.limit, stmt.offset);
      if (rows.length) out.push({ name: m.name, columns: ['tagKey'], values: rows });
    } else {
      const wanted = tagKeyFilter(stmt);
      const pairs = new Set<string>();
      for (const s of series) for (const [k, v] of Object.entries(s.tags)) if (wanted(k)) pairs.add(JSON.stringify([k, v]));
      const rows = [...pairs].map((p) => JSON.parse(p) as [string, string]).sort(([a, x], [b, y]) => byName(a, b) || byName(x, y));
      const paged = page(rows, stmt.limit, stmt.offset);
      if (paged.length) out.push({ name: m.name, columns: ['key', 'value'], values: paged });
    }
  }
  if (stmt.kind === 'ShowSeries') {
    const keys = page(seriesKeys.sort((a, b) => byName(a.order, b.order)).map((k) => k.key), stmt.limit, stmt.offset);
    return keys.length ? { series: [{ columns: ['key'], values: keys.map((k) => [k]) }] } : {};
  }
  // SHOW TAG KEYS parses SLIMIT and SOFFSET, and influxd 1.6 ignores them (coordinator executeShowTagKeys).
  return out.length ? { series: out } : {};
}

/**
 * Where a series needs a point to be listed when WHERE bounds the time, as influxd 1.6 reads it: the series
 * of every shard group the range touches (whole groups: a point outside the range but in such a group counts).
 */
function pointSpan(kind: PerMeasurement['kind'], condition: Expr | undefined, nowNs: bigint, shardNs: bigint): { min: bigint; max: bigint } | undefined {
  if (!condition || kind === 'ShowFieldKeys') return undefined;
  const { range } = splitTimeRange(condition, nowNs);
  if (!range.hasMin && !range.hasMax) return undefined;
  const min = range.hasMin ? shardStartNs(shardIndex(range.min, shardNs), shardNs) : MIN_TIME;
  const max = range.hasMax ? shardStartNs(shardIndex(range.max, shardNs) + 1, shardNs) - 1n : MAX_TIME;
  return { min: min < MIN_TIME ? MIN_TIME : min, max: max > MAX_TIME ? MAX_TIME : max };
}

function tagKeyFilter(stmt: StatementOf<'ShowTagValues'>): (key: string) => boolean {
  const e = stmt.tagKeyExpr;
  switch (stmt.op) {
    case '=':
      return (k) => e.type === 'String' && k === e.val;
    case '!=':
      return (k) => e.type === 'String' && k !== e.val;
    case '=~':
      return (k) => e.type === 'Regex' && e.re.test(k);
    case '!~':
      return (k) => e.type === 'Regex' && !e.re.test(k);
    case 'IN':
      return (k) => e.type === 'List' && e.vals.includes(k);
  }
}
