// The aggregate path of SELECT: points of each group bucketed by GROUP BY time (one bucket without it),
// each call reduced per bucket (aggregates.ts), empty buckets filled as influxd 1.x fills them, then the
// column expressions evaluated over the call results. Simple numeric calls go to SQLite (pushdown.ts).
import { reduce, reduceMany, type Point } from '../../../../influxql/aggregates.ts';
import type { CallSpec, SelectPlan } from '../../../../influxql/select-plan.ts';
import { StatementError } from '../../../../influxql/time-range.ts';
import { zoneOffsetNs } from '../../../../influxql/tz.ts';
import { evaluate, type RowContext, type Value } from '../../../../influxql/values.ts';
import { pushdownBuckets } from './pushdown.ts';
import { firstPerShard } from './top-limit.ts';
import { groupRows, type Group, type OutColumn, type Scan } from './select.ts';

const MAX_BUCKETS = 1_000_000n;

const floorDiv = (a: bigint, b: bigint) => {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};

/** Per call, per bucket index: the values seen (or the SQLite-computed result, pushdown.ts). */
export type BucketEntry = Point[] | { reduced: Point | null };
export type BucketValues = Map<string, Map<bigint, BucketEntry>>;

export function aggregateGroups(plan: SelectPlan, columns: OutColumn[], groups: Group[], scan: Scan): unknown[][][] {
  const interval = plan.interval;
  // tz(): a bucket starts where local time is a multiple of the interval, so the zone's offset shifts the grid.
  const zone = zoneOffsetNs(plan.location, scan.range.hasMin ? scan.range.min : 0n);
  const offset = interval !== undefined ? (((plan.offset - zone) % interval) + interval) % interval : 0n;
  const bucketOf = (t: bigint) => (interval === undefined ? 0n : floorDiv(t - offset, interval));
  const collected: BucketValues[] = groups.map((g) => pushdownBuckets(plan, g, scan, bucketOf, offset) ?? collect(plan, g, scan, bucketOf));
  // Without a lower time bound influxd starts the buckets at the first point found.
  let first: bigint | undefined;
  if (interval !== undefined && !scan.range.hasMin) {
    for (const c of collected) for (const m of c.values()) for (const b of m.keys()) if (first === undefined || b < first) first = b;
  }
  const startBucket = interval === undefined ? 0n : scan.range.hasMin ? bucketOf(scan.range.min) : first;
  const endBucket = interval === undefined ? 0n : bucketOf(scan.range.max);
  if (startBucket !== undefined && endBucket - startBucket + 1n > MAX_BUCKETS) {
    throw new StatementError(`max-select-buckets limit exceeded: (${endBucket - startBucket + 1n}/${MAX_BUCKETS})`);
  }
  const rangeStart = scan.range.hasMin ? scan.range.min : 0n;
  return collected.map((values) => {
    const hasPoints = [...values.values()].some((m) => m.size > 0);
    if (!hasPoints || startBucket === undefined) return [];
    if (plan.multiRow) return multiRows(plan, plan.multiRow, columns, values, [startBucket, endBucket, offset], rangeStart);
    const perCall = new Map<string, (Point | null)[]>();
    for (const call of plan.calls) {
      const byBucket = values.get(call.key) ?? new Map<bigint, BucketEntry>();
      const series: (Point | null)[] = [];
      for (let b = startBucket; b <= endBucket; b++) {
        const got = byBucket.get(b);
        series.push(got === undefined ? null : Array.isArray(got) ? reduceCall(call, got) : got.reduced);
      }
      perCall.set(call.key, fill(plan, call, series));
    }
    const rows: unknown[][] = [];
    const count = Number(endBucket - startBucket) + 1;
    for (let i = 0; i < count; i++) {
      const results = new Map<string, Point | null>();
      let any = false;
      for (const call of plan.calls) {
        const p = (perCall.get(call.key) as (Point | null)[])[i] ?? null;
        results.set(call.key, p);
        if (p !== null) any = true;
      }
      if (!any && plan.fill === 'none') continue;
      if (!any && interval === undefined) continue;
      let time = interval === undefined ? rangeStart : (startBucket + BigInt(i)) * interval + offset;
      if (plan.selectorTime) {
        const p = results.get((plan.calls[0] as CallSpec).key);
        if (p) time = p.time;
      }
      const picked = plan.aux ? results.get((plan.calls[0] as CallSpec).key) : undefined;
      rows.push([time, ...columns.map((c) => evaluate(c.expr, pointContext(picked?.row, time, (k) => results.get(k)?.value ?? null)))]);
    }
    return rows;
  });
}

function reduceCall(call: CallSpec, points: Point[]): Point | null {
  if (call.countDistinct) {
    const unique = reduceMany('distinct', points);
    return unique.length ? { time: 0n, value: BigInt(unique.length) } : null;
  }
  return reduce(call.name, points, call.arg);
}

function collect(plan: SelectPlan, g: Group, scan: Scan, bucketOf: (t: bigint) => bigint): BucketValues {
  const values: BucketValues = new Map(plan.calls.map((c) => [c.key, new Map<bigint, BucketEntry>()]));
  const rows = plan.pushedLimit ? firstPerShard(groupRows(g, scan), plan.pushedLimit, scan.shardNs, plan.descending) : groupRows(g, scan);
  for (const { series, time, fields } of rows) {
    const b = bucketOf(time);
    for (const call of plan.calls) {
      const v = fields[call.field];
      if (v === undefined || v === null) continue;
      const m = values.get(call.key) as Map<bigint, Point[] | { reduced: Point | null }>;
      let list = m.get(b);
      if (!list) m.set(b, (list = []));
      (list as Point[]).push(plan.aux ? { time, value: v, row: { tags: series.tags, fields } } : { time, value: v });
    }
  }
  return values;
}

/** influxd's fill for one call's bucket results: empty buckets become null (count: 0), a number, the previous value or a line. */
function fill(plan: SelectPlan, call: CallSpec, series: (Point | null)[]): (Point | null)[] {
  const out = [...series];
  if (plan.interval === undefined) return out;
  switch (plan.fill) {
    case 'null':
      if (call.name === 'count') for (let i = 0; i < out.length; i++) out[i] ??= { time: 0n, value: 0n };
      return out;
    case 'none':
      return out;
    case 'number': {
      // An integer result (count, or a call on an integer field) takes the fill value cut to an integer.
      const integer = call.name === 'count' || out.some((p) => typeof p?.value === 'bigint');
      const v = plan.fillValue ?? null;
      const value = integer && v !== null ? BigInt(Math.trunc(Number(v))) : typeof v === 'bigint' ? Number(v) : v;
      for (let i = 0; i < out.length; i++) out[i] ??= { time: 0n, value };
      return out;
    }
    case 'previous': {
      let prev: Point | null = null;
      for (let i = 0; i < out.length; i++) {
        if (out[i]) prev = out[i] as Point;
        else if (prev) out[i] = { time: 0n, value: prev.value };
      }
      return out;
    }
    case 'linear': {
      let last = -1;
      for (let i = 0; i < out.length; i++) {
        const p = out[i];
        if (!p) continue;
        if (last >= 0 && i - last > 1) {
          const a = (out[last] as Point).value;
          const b = p.value;
          if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
            for (let j = last + 1; j < i; j++) {
              const v = Number(a) + ((Number(b) - Number(a)) * (j - last)) / (i - last);
              out[j] = { time: 0n, value: typeof a === 'bigint' && typeof b === 'bigint' ? BigInt(Math.trunc(v)) : v };
            }
          }
        }
        last = i;
      }
      return out;
    }
  }
}

function multiRows(
  plan: SelectPlan,
  call: CallSpec,
  columns: OutColumn[],
  values: BucketValues,
  [start, end, offset]: [bigint, bigint, bigint],
  rangeStart: bigint,
): unknown[][] {
  const buckets: unknown[][][] = [];
  const byBucket = values.get(call.key) ?? new Map<bigint, BucketEntry>();
  for (let b = start; b <= end; b++) {
    const got = byBucket.get(b);
    if (!Array.isArray(got)) continue;
    const bucketTime = plan.interval === undefined ? rangeStart : b * plan.interval + offset;
    const points = call.tags ? perTagValues(call, got) : got;
    buckets.push(
      reduceMany(call.name, points, call.arg).map((p) => {
        const time = call.name === 'distinct' ? bucketTime : p.time;
        return [time, ...columns.map((c) => evaluate(c.expr, pointContext(p.row, time, () => p.value)))];
      }),
    );
  }
  // ORDER BY time DESC reverses the buckets; influxd keeps each bucket's rows in time order.
  return (plan.descending ? buckets.reverse() : buckets).flat();
}

/**
 * top(field, tag, ..., N): influxd first takes the max (bottom: min) per distinct combination of the tag
 * arguments' values, and only those points compete (query/select.go builds a max iterator grouped by them).
 */
function perTagValues(call: CallSpec, points: Point[]): Point[] {
  const best = new Map<string, Point[]>();
  for (const p of points) {
    const key = JSON.stringify((call.tags as string[]).map((t) => p.row?.tags[t] ?? ''));
    let list = best.get(key);
    if (!list) best.set(key, (list = []));
    list.push(p);
  }
  const out: Point[] = [];
  for (const list of best.values()) {
    const p = reduce(call.name === 'top' ? 'max' : 'min', list);
    if (p) out.push(p);
  }
  return out;
}

/** What a column reads in an aggregate row: call results, and the tags and fields of the point a selector picked. */
function pointContext(row: Point['row'], time: bigint, call: (key: string) => Value): RowContext {
  return {
    tag: (k) => row?.tags[k],
    field: (k) => row?.fields[k] ?? null,
    time,
    call,
  };
}
