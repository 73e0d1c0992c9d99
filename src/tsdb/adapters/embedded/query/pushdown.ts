// The fast path of GROUP BY time: count, sum, mean, min and max of float fields computed per bucket
// inside SQLite (no row reaches JavaScript), when no row-level condition needs the fields in JS.
import type { Point } from '../../../../influxql/aggregates.ts';
import type { SelectPlan } from '../../../../influxql/select-plan.ts';
import type { BucketValues } from './aggregate.ts';
import type { Group, Scan } from './select.ts';

const PUSHABLE = new Set(['count', 'sum', 'mean', 'min', 'max']);
// Past this many buckets one range query per bucket costs more than SQLite's single sorted GROUP BY.
const MAX_LOOP_BUCKETS = 20_000n;

export function pushdownBuckets(
  plan: SelectPlan,
  g: Group,
  scan: Scan,
  bucketOf: (t: bigint) => bigint,
  offset: bigint,
): BucketValues | undefined {
  const interval = plan.interval;
  // A group limited to some shards (series-limit.ts) is read row by row.
  if (interval === undefined || !scan.range.hasMin || scan.rowCondition || g.shards || plan.multiRow || plan.aux) return undefined;
  if (!plan.calls.every((c) => PUSHABLE.has(c.name) && !c.countDistinct)) return undefined;
  const types = scan.reader.fieldTypes(g.measurement.id);
  if (!plan.calls.every((c) => types.get(c.field) === 'float' || !types.has(c.field))) return undefined;
  // Buckets counted from the first one of the range keep SQLite's integer division on non-negative numbers.
  const first = bucketOf(scan.range.min);
  const origin = first * interval + offset;
  const values: BucketValues = new Map();
  const byField = new Map<string, Map<bigint, { n: number; total: number; lo: number; hi: number }>>();
  for (const field of new Set(plan.calls.map((c) => c.field))) {
    const names = new Set(plan.calls.filter((c) => c.field === field).map((c) => c.name));
    const needs = { sum: names.has('sum') || names.has('mean'), min: names.has('min'), max: names.has('max') };
    const buckets = new Map<bigint, { n: number; total: number; lo: number; hi: number }>();
    // A group holding every series of the measurement needs no series filter.
    const ids = g.series.length === scan.reader.series(g.measurement.id).length ? undefined : g.series.map((s) => s.id);
    const count = bucketOf(scan.range.max) - first + 1n;
    if (field === 'value' && count <= MAX_LOOP_BUCKETS) {
      for (const r of scan.reader.valueBuckets(g.measurement.id, scan.range.min, scan.range.max, origin, interval, Number(count), ids, needs)) {
        buckets.set(first + r.b, r);
      }
    } else if (types.has(field)) {
      for (const r of scan.reader.bucketAggregates(g.measurement.id, field, scan.range.min, scan.range.max, origin, interval, ids, needs)) {
        const b = first + r.b;
        const agg = { n: Number(r.n), total: Number(r.total), lo: Number(r.lo), hi: Number(r.hi) };
        const cur = buckets.get(b);
        if (!cur) buckets.set(b, agg);
        else buckets.set(b, { n: cur.n + agg.n, total: cur.total + agg.total, lo: Math.min(cur.lo, agg.lo), hi: Math.max(cur.hi, agg.hi) });
      }
    }
    byField.set(field, buckets);
  }
  for (const c of plan.calls) {
    const m = new Map<bigint, { reduced: Point | null }>();
    for (const [b, a] of byField.get(c.field) ?? []) {
      const value = c.name === 'count' ? BigInt(a.n) : c.name === 'sum' ? a.total : c.name === 'mean' ? a.total / a.n : c.name === 'min' ? a.lo : a.hi;
      m.set(b, { reduced: { time: 0n, value } });
    }
    values.set(c.key, m);
  }
  return values;
}
