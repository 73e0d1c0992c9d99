// The rows of a raw SELECT in influxd 1.6's order. Its series iterators are merged per shard with a sorted
// merge heap (query/iterator.gen.go) over the group's series in series-key order (reversed under ORDER BY
// time DESC): after the time it compares the auxiliary values (the names the fields read, sorted) one by one
// while both are strings, and calls points equal at a number, a boolean or a null; equal points come out as
// Go's heap gives them (go-heap.ts). A LIMIT cuts between such points, and mode()/percentile() read them in
// that order through an unstable sort, so the order is what clients see.
import type { Expr } from '../../../../influxql/ast.ts';
import { evaluate, type Value } from '../../../../influxql/values.ts';
import { byCodeUnit } from '../../../../compare.ts';
import { shardIndex, shardStartNs } from '../field-types.ts';
import type { SeriesInfo } from '../series-reader.ts';
import { seriesKey } from './catalog.ts';
import { goHeapMerge } from './go-heap.ts';
import { selectContext } from './rows.ts';
import { groupRows, type Group, type OutColumn, type Scan } from './select.ts';

function refs(e: Expr, out: Set<string>): void {
  if (e.type === 'VarRef') {
    if (e.val !== 'time') out.add(e.val);
  } else if (e.type === 'Binary') {
    refs(e.lhs, out);
    refs(e.rhs, out);
  } else if (e.type === 'Paren') refs(e.expr, out);
}

/** The auxiliary names of the columns, sorted as influxd sorts its VarRefs. */
export function auxNames(columns: { expr: Expr }[]): string[] {
  const out = new Set<string>();
  for (const c of columns) refs(c.expr, out);
  return [...out].sort(byCodeUnit);
}

/** influxd's tie order of two points of one time: by the leading string auxiliary values; 0 where it stops. */
function compareAux(a: Value[], b: Value[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x !== 'string' || typeof y !== 'string') return 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * A group's points (in time order, as groupRows yields them) in the order influxd's sorted merge hands them
 * on: per shard, Go's heap over the series (series-key order, reversed under DESC) by time, then by `aux`.
 */
export function mergeOrder<T extends { series: SeriesInfo; time: bigint }>(
  points: Iterable<T>,
  g: Group,
  shardNs: bigint,
  descending: boolean,
  aux: (p: T) => Value[] = () => [],
): T[] {
  const shards = new Map<number, Map<SeriesInfo, { time: bigint; aux: Value[]; p: T }[]>>();
  let [shard, shardFrom, shardTo] = [0, 0n, -1n];
  for (const p of points) {
    // Points come in time order: the shard is computed again only when one leaves the last one.
    if (p.time < shardFrom || p.time >= shardTo) {
      shard = shardIndex(p.time, shardNs);
      shardFrom = shardStartNs(shard, shardNs);
      shardTo = shardStartNs(shard + 1, shardNs);
    }
    let bySeries = shards.get(shard);
    if (!bySeries) shards.set(shard, (bySeries = new Map<SeriesInfo, { time: bigint; aux: Value[]; p: T }[]>()));
    let list = bySeries.get(p.series);
    if (!list) bySeries.set(p.series, (list = []));
    list.push({ time: p.time, aux: aux(p), p });
  }
  const order = [...g.series].sort((a, b) => byCodeUnit(seriesKey(g.measurement.name, a.tags), seriesKey(g.measurement.name, b.tags)));
  if (descending) order.reverse();
  type Item = { time: bigint; aux: Value[]; p: T };
  const less = descending
    ? (a: Item, b: Item) => (a.time !== b.time ? a.time > b.time : compareAux(a.aux, b.aux) > 0)
    : (a: Item, b: Item) => (a.time !== b.time ? a.time < b.time : compareAux(a.aux, b.aux) < 0);
  const out: T[] = [];
  for (const s of [...shards.keys()].sort((a, b) => (descending ? b - a : a - b))) {
    const bySeries = shards.get(s) as Map<SeriesInfo, Item[]>;
    const streams = order.flatMap((x) => {
      const list = bySeries.get(x);
      return list ? [descending ? list.reverse() : list] : [];
    });
    for (const it of goHeapMerge(streams, less)) out.push(it.p);
  }
  return out;
}

/** The auxiliary values of a point: a field's value (null where the point has none), else the tag's (null for ''). */
export function auxValues(names: string[], isField: (name: string) => boolean, series: SeriesInfo, fields: Record<string, Value>): Value[] {
  return names.map((n) => (isField(n) ? (fields[n] ?? null) : series.tags[n] || null));
}

/**
 * A group's rows in the statement's order; with `keepPerShard`, only the first that many of each shard
 * (influxd's storage limit check for OFFSET without LIMIT, top-limit.ts).
 */
export function rawRows(columns: OutColumn[], g: Group, scan: Scan, descending: boolean, keepPerShard = 0): unknown[][] {
  const names = g.series.length > 1 ? auxNames(columns) : [];
  const types = scan.reader.fieldTypes(g.measurement.id);
  const rows: { series: SeriesInfo; time: bigint; aux: Value[]; row: unknown[] }[] = [];
  for (const { series, time, fields } of groupRows(g, scan)) {
    const ctx = selectContext(series, fields, time);
    const values = columns.map((c) => evaluate(c.expr, ctx));
    if (!columns.some((c, i) => c.isField && (c.reads ? c.reads.some((r) => evaluate(r, ctx) !== null) : values[i] !== null))) continue;
    rows.push({ series, time, aux: auxValues(names, (n) => types.has(n), series, fields), row: [time, ...values] });
  }
  const merged = mergeOrder(rows, g, scan.shardNs, descending, (r) => r.aux);
  if (!keepPerShard) return merged.map((r) => r.row);
  const taken = new Map<number, number>();
  const out: unknown[][] = [];
  for (const r of merged) {
    const s = shardIndex(r.time, scan.shardNs);
    const n = taken.get(s) ?? 0;
    if (n < keepPerShard) out.push(r.row);
    taken.set(s, n + 1);
  }
  return out;
}
