// The rows of a raw SELECT in influxd 1.6's order. Its series iterators are merged per shard with a sorted
// merge heap (query/iterator.gen.go) over the group's series in series-key order (reversed under ORDER BY
// time DESC): after the time it compares the auxiliary values (the names the fields read, sorted) one by one
// while both are strings, and calls points equal at a number, a boolean or a null; equal points come out as
// Go's heap gives them (go-heap.ts). A LIMIT cuts between such points, so the order is what clients see.
import type { Expr } from '../../../../influxql/ast.ts';
import { evaluate, type Value } from '../../../../influxql/values.ts';
import { byCodeUnit } from '../../../../compare.ts';
import { shardIndex, shardStartNs } from '../field-types.ts';
import type { SeriesInfo } from '../series-reader.ts';
import { seriesKey } from './catalog.ts';
import { goHeapMerge } from './go-heap.ts';
import { selectContext } from './rows.ts';
import { groupRows, type Group, type OutColumn, type Scan } from './select.ts';

interface Row {
  time: bigint;
  aux: Value[];
  row: unknown[];
}

function refs(e: Expr, out: Set<string>): void {
  if (e.type === 'VarRef') {
    if (e.val !== 'time') out.add(e.val);
  } else if (e.type === 'Binary') {
    refs(e.lhs, out);
    refs(e.rhs, out);
  } else if (e.type === 'Paren') refs(e.expr, out);
}

/** The auxiliary names of the columns, sorted as influxd sorts its VarRefs. */
function auxNames(columns: { expr: Expr }[]): string[] {
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
 * A group's rows in the statement's order; with `keepPerShard`, only the first that many of each shard
 * (influxd's storage limit check for OFFSET without LIMIT, top-limit.ts).
 */
export function rawRows(columns: OutColumn[], g: Group, scan: Scan, descending: boolean, keepPerShard = 0): unknown[][] {
  const several = g.series.length > 1;
  const names = several ? auxNames(columns) : [];
  const types = scan.reader.fieldTypes(g.measurement.id);
  // Per shard, per series: the points each series iterator yields.
  const shards = new Map<number, Map<number, Row[]>>();
  let [shard, shardFrom, shardTo] = [0, 0n, -1n];
  for (const { series, time, fields } of groupRows(g, scan)) {
    const ctx = selectContext(series, fields, time);
    const values = columns.map((c) => evaluate(c.expr, ctx));
    if (!columns.some((c, i) => c.isField && (c.reads ? c.reads.some((r) => evaluate(r, ctx) !== null) : values[i] !== null))) continue;
    const aux = several ? names.map((n) => (types.has(n) ? (fields[n] ?? null) : series.tags[n] || null)) : [];
    // Rows come in time order: the shard is computed again only when a row leaves the last one.
    if (time < shardFrom || time >= shardTo) {
      shard = shardIndex(time, scan.shardNs);
      shardFrom = shardStartNs(shard, scan.shardNs);
      shardTo = shardStartNs(shard + 1, scan.shardNs);
    }
    let bySeries = shards.get(shard);
    if (!bySeries) shards.set(shard, (bySeries = new Map<number, Row[]>()));
    let list = bySeries.get(series.id);
    if (!list) bySeries.set(series.id, (list = []));
    list.push({ time, aux, row: [time, ...values] });
  }
  const order = [...g.series].sort((a: SeriesInfo, b: SeriesInfo) => byCodeUnit(seriesKey(g.measurement.name, a.tags), seriesKey(g.measurement.name, b.tags)));
  if (descending) order.reverse();
  const less = descending
    ? (a: Row, b: Row) => (a.time !== b.time ? a.time > b.time : compareAux(a.aux, b.aux) > 0)
    : (a: Row, b: Row) => (a.time !== b.time ? a.time < b.time : compareAux(a.aux, b.aux) < 0);
  const shardOrder = [...shards.keys()].sort((a, b) => (descending ? b - a : a - b));
  const out: unknown[][] = [];
  for (const s of shardOrder) {
    const bySeries = shards.get(s) as Map<number, Row[]>;
    const streams = order.flatMap((x) => {
      const list = bySeries.get(x.id);
      return list ? [descending ? list.reverse() : list] : [];
    });
    const merged = goHeapMerge(streams, less);
    for (const r of keepPerShard ? merged.slice(0, keepPerShard) : merged) out.push(r.row);
  }
  return out;
}
