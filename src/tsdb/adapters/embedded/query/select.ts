// SELECT on the embedded engine: resolves sources, splits WHERE into the scan's time range, a
// per-series tag filter and a per-row filter, groups series by GROUP BY tags, and hands each group's
// rows to the raw or the aggregate path (aggregate.ts). Output follows influxd 1.x's ordering rules.
import type { Expr, SelectStatement } from '../../../../influxql/ast.ts';
import { planSelect, type SelectPlan } from '../../../../influxql/select-plan.ts';
import { splitTimeRange, validateCondition } from '../../../../influxql/condition.ts';
import { StatementError, type TimeRange } from '../../../../influxql/time-range.ts';
import type { Value } from '../../../../influxql/values.ts';
import { conditionRefs, readingOnly, rowPasses, type IsField } from '../../../../influxql/where-eval.ts';
import { byCodeUnit as byName } from '../../../../compare.ts';
import { shardGroupDurationNs, shardIndex } from '../field-types.ts';
import type { SeriesInfo, SeriesReader } from '../series-reader.ts';
import { aggregateGroups, type EndedCalls } from './aggregate.ts';
import { checkCallTypes } from './call-types.ts';
import { shardTypeMapper } from './type-map.ts';
import { rawRows } from './raw-rows.ts';
import { checkFieldTypes, mayFailTypeCheck } from '../../../../influxql/type-check.ts';
import { resolveMeasurements, seriesMayMatch, type MeasurementRef } from './catalog.ts';
import { parseFields, whereContext } from './rows.ts';
import { limitSeries } from './series-limit.ts';
import { groupOutputKey, tagSetKey } from './group-order.ts';
import { page } from './show.ts';
import type { QueryContext, ResultSeries, StatementResult } from './types.ts';

/** One output group: a measurement and the values of its GROUP BY tags. */
export interface Group {
  measurement: MeasurementRef;
  tags: Record<string, string>;
  series: SeriesInfo[];
  /** Under SLIMIT/SOFFSET: the only shard groups to read, when not all that hold the group's series (series-limit.ts). */
  shards?: Set<number>;
}

export interface Scan {
  reader: SeriesReader;
  range: TimeRange;
  /** Row-level condition (fields involved); undefined when series filtering sufficed. */
  rowCondition: Expr | undefined;
  /** The fields a row test reads (where-eval.ts conditionRefs), and which condition names are fields. */
  conditionRefs: Set<string>;
  isField: IsField;
  /** Whether a WHERE name reads a tag of the measurement (rows.ts whereContext). */
  isTag: (name: string) => boolean;
  integers: boolean;
  nowNs: bigint;
  /** The database's shard group duration (influxd's per-shard quirks, top-limit.ts). */
  shardNs: bigint;
}

function names(e: Expr, out: Set<string>): Set<string> {
  if (e.type === 'VarRef') out.add(e.val);
  else if (e.type === 'Binary') {
    names(e.lhs, out);
    names(e.rhs, out);
  } else if (e.type === 'Paren') names(e.expr, out);
  else if (e.type === 'Call') for (const a of e.args) names(a, out);
  return out;
}

type VarRef = Extract<Expr, { type: 'VarRef' }>;

function varRefs(e: Expr, out: VarRef[]): VarRef[] {
  if (e.type === 'VarRef') out.push(e);
  else if (e.type === 'Binary') {
    varRefs(e.lhs, out);
    varRefs(e.rhs, out);
  } else if (e.type === 'Paren') varRefs(e.expr, out);
  return out;
}

export function databaseOfSelect(stmt: SelectStatement, ctx: QueryContext): string {
  for (const s of stmt.sources) if (s.type === 'Measurement' && s.database) return s.database;
  if (!ctx.db) throw new StatementError('database name required');
  return ctx.db;
}

export function runSelect(stmt: SelectStatement, ctx: QueryContext, all: (db: string) => string[]): StatementResult {
  const db = databaseOfSelect(stmt, ctx);
  const reader = ctx.storage.reader(db);
  if (!reader) throw new StatementError(`database not found: ${db}`);
  // influxd's compiler reads the condition before the fields and dimensions.
  const { range, rest } = splitTimeRange(stmt.condition, ctx.nowNs, stmt.location);
  validateCondition(rest);
  const plan = planSelect(stmt, ctx.nowNs);
  // influxd ends GROUP BY time queries without an upper bound at now().
  if (plan.interval !== undefined && !range.hasMax) range.max = ctx.nowNs;
  const refs = resolveMeasurements(reader, all(db), stmt.sources);
  const shardNs = shardGroupDurationNs(ctx.storage.retentionNs?.(db));
  // GROUP BY * and /regex/ expand to the (matching) tag keys of all sources together, as influxd's
  // RewriteFields expands them: a series lacking one of another measurement's keys groups under ''.
  const allTagKeys = plan.tagDims === '*' || plan.tagRegexes.length ? sourceTagKeys(reader, refs) : [];
  const regexDims = allTagKeys.filter((k) => plan.tagRegexes.some((re) => re.test(k)));
  const columns = expandColumns(plan, reader, refs, stmt);
  // influxd type-checks the fields once names have their shards' types, before it builds any iterator.
  const fieldExprs = stmt.fields.map((f) => f.expr).filter((e) => e.type !== 'VarRef' || e.val !== 'time');
  if (mayFailTypeCheck(fieldExprs)) checkFieldTypes(fieldExprs, shardTypeMapper(reader, refs, range, shardNs));
  const out: ResultSeries[] = [];
  const groupsByM: { ref: MeasurementRef; scan: Scan; groups: Group[] }[] = [];
  for (const ref of refs) {
    const series = reader.series(ref.id);
    const tagKeys = new Set(series.flatMap((s) => Object.keys(s.tags)));
    const types = reader.fieldTypes(ref.id);
    const isTag = (k: string) => tagKeys.has(k) || !types.has(k);
    // Series are kept as influxd's index keeps them (tag parts decide); rows check what reads a field.
    const isField: IsField = (r) => (r.dataType ? r.dataType !== 'tag' : types.has(r.val));
    const kept = rest ? series.filter((s) => seriesMayMatch(rest, whereContext(s, isTag, {}, 0n), isField)) : series;
    const rowCondition = rest && [...names(rest, new Set())].some((n) => types.has(n)) ? rest : undefined;
    const dims = plan.tagDims === '*' ? allTagKeys : [...plan.tagDims, ...regexDims];
    const byKey = new Map<string, Group>();
    for (const s of kept) {
      const tags: Record<string, string> = {};
      for (const d of dims) tags[d] = s.tags[d] ?? '';
      const key = groupOutputKey(tags);
      let g = byKey.get(key);
      if (!g) byKey.set(key, (g = { measurement: ref, tags, series: [] }));
      g.series.push(s);
    }
    // SLIMIT picks groups in the index's order; they come out in the merge's (group-order.ts).
    const sorted = [...byKey.values()].sort((a, b) => byName(tagSetKey(dims, a.tags), tagSetKey(dims, b.tags)));
    const scan: Scan = { reader, range, rowCondition, conditionRefs: conditionRefs(rowCondition), isField, isTag, integers: [...types.values()].includes('integer'), nowNs: ctx.nowNs, shardNs };
    groupsByM.push({ ref, scan, groups: limitSeries(sorted, scan, stmt.slimit, stmt.soffset).sort((a, b) => byName(groupOutputKey(a.tags), groupOutputKey(b.tags))) });
  }
  // influxd builds no iterator for a measurement whose series SLIMIT/SOFFSET left out, so no type refusal either.
  checkCallTypes(plan.calls, reader, groupsByM.filter((m) => m.groups.length > 0).map((m) => m.ref), range);
  const grouped = stmt.dimensions.some((d) => d.type !== 'Call');
  // OFFSET without LIMIT: influxd's storage limit check passes OFFSET+1 points per shard and group (top-limit.ts).
  const rawKeep = stmt.limit === 0 && stmt.offset > 0 ? stmt.offset + 1 : 0;
  // Measurements in the order influxd reads them (aggregate.ts EndedCalls), listed in the original order below.
  const ended: EndedCalls = new Set();
  const resultsOf = new Map<object, unknown[][][]>();
  for (const m of plan.descending ? [...groupsByM].reverse() : groupsByM) {
    resultsOf.set(m, plan.aggregate ? aggregateGroups(plan, columns, m.groups, m.scan, ended) : m.groups.map((g) => rawRows(columns, g, m.scan, plan.descending, rawKeep)));
  }
  for (const m of groupsByM) {
    const { groups } = m;
    const results = resultsOf.get(m) as unknown[][][];
    groups.forEach((g, i) => {
      // Rows come in their final order (aggregate.ts, raw-rows.ts).
      let rows = results[i] as unknown[][];
      if (rows.length === 0) return;
      rows = page(rows, stmt.limit, stmt.offset);
      if (rows.length === 0) return;
      const series: ResultSeries = { name: g.measurement.name, columns: [plan.timeName, ...columns.map((c) => c.name)], values: rows };
      if (grouped) series.tags = g.tags;
      out.push(series);
    });
  }
  // ORDER BY time DESC lists the series in reverse too (influxd reverses its tag sets); SLIMIT chose them before.
  const paged = plan.descending ? out.reverse() : out;
  const result: StatementResult = paged.length ? { series: paged } : {};
  if (stmt.location) result.timeZone = stmt.location;
  return result;
}

export interface OutColumn {
  name: string;
  expr: Expr;
  /** Whether the column reads a field (rows where every such column is null are left out). */
  isField: boolean;
  /** The fields an expression column reads: a row counts as present when one of them has a value, whatever the expression gives. */
  reads?: VarRef[];
}

/** Output columns; `*` and /regex/ expand to the sorted field and tag keys of all sources together. */
function expandColumns(plan: SelectPlan, reader: SeriesReader, refs: MeasurementRef[], stmt: SelectStatement): OutColumn[] {
  const fields = new Set<string>();
  const tags = new Set<string>();
  for (const r of refs) {
    for (const k of reader.fieldTypes(r.id).keys()) fields.add(k);
    for (const s of reader.series(r.id)) for (const k of Object.keys(s.tags)) tags.add(k);
  }
  const grouped = new Set(plan.dimensionWildcard || plan.tagDims === '*' ? tags : plan.tagDims);
  const out: OutColumn[] = [];
  plan.columns.forEach((c) => {
    if (c.expr.type === 'Wildcard' || c.expr.type === 'Regex') {
      const wanted = (k: string) => c.expr.type !== 'Regex' || c.expr.re.test(k);
      const keys: [string, boolean][] = [];
      if (c.expr.type === 'Regex' || c.expr.kind !== 'TAG') for (const f of fields) if (wanted(f)) keys.push([f, true]);
      if (c.expr.type === 'Regex' || c.expr.kind !== 'FIELD') {
        for (const t of tags) if (wanted(t) && !grouped.has(t) && !fields.has(t)) keys.push([t, false]);
      }
      keys.sort(([a], [b]) => byName(a, b));
      for (const [k, isField] of keys) out.push({ name: k, expr: { type: 'VarRef', val: k, ...(isField ? {} : { dataType: 'tag' as const }) }, isField });
      return;
    }
    const reads = varRefs(c.expr, []).filter((r) => r.val !== 'time' && (!tags.has(r.val) || fields.has(r.val)) && r.dataType !== 'tag');
    const column: OutColumn = { name: c.name, expr: c.expr, isField: plan.aggregate || reads.length > 0 };
    if (!plan.aggregate && c.expr.type !== 'VarRef') column.reads = reads;
    out.push(column);
  });
  // Names derived again after expansion: a wildcard next to a named column gets influxd's _1 suffix.
  const seen = new Map<string, number>();
  if (stmt.fields.some((f) => f.expr.type === 'Wildcard' || f.expr.type === 'Regex')) {
    for (const c of out) {
      const n = seen.get(c.name) ?? 0;
      seen.set(c.name, n + 1);
      if (n > 0) c.name = `${c.name}_${n}`;
    }
  }
  return out;
}

/** Iterates a group's samples in time order with the row filter applied. */
export function* groupRows(g: Group, scan: Scan): Generator<{ series: SeriesInfo; time: bigint; fields: Record<string, Value> }> {
  const byId = new Map(g.series.map((s) => [s.id, s]));
  const all = g.series.length === scan.reader.series(g.measurement.id).length;
  const ids = all ? undefined : g.series.map((s) => s.id);
  for (const row of scan.reader.scan(g.measurement.id, scan.range.min, scan.range.max, ids)) {
    const series = byId.get(Number(row.series_id));
    if (!series) continue;
    if (g.shards && !g.shards.has(shardIndex(row.ts, scan.shardNs))) continue;
    const fields = parseFields(row.fields, scan.integers);
    if (scan.rowCondition && !rowPasses(scan.rowCondition, readingOnly(whereContext(series, scan.isTag, fields, row.ts), scan.conditionRefs), scan.isField)) continue;
    yield { series, time: row.ts, fields };
  }
}

/** The tag keys of every series of the sources, sorted. */
function sourceTagKeys(reader: SeriesReader, refs: MeasurementRef[]): string[] {
  const keys = new Set<string>();
  for (const r of refs) for (const s of reader.series(r.id)) for (const k of Object.keys(s.tags)) keys.add(k);
  return [...keys].sort(byName);
}
