// The aggregate path of SELECT: points of each group bucketed into GROUP BY time windows (windows.ts; one
// bucket without it), each call reduced per window (aggregates.ts), empty windows filled as influxd 1.x
// fills them (fill.ts), then the column expressions evaluated over the call results. Simple numeric calls
// on a plain UTC grid go to SQLite (pushdown.ts).
import { reduce, reduceMany, type Point } from '../../../../influxql/aggregates.ts';
import type { CallSpec, SelectPlan } from '../../../../influxql/select-plan.ts';
import { StatementError } from '../../../../influxql/time-range.ts';
import { callKey, evaluate, type RowContext } from '../../../../influxql/values.ts';
import { TimeGrid } from '../../../../influxql/windows.ts';
import { fill } from './fill.ts';
import { multiRows } from './multi-row.ts';
import { pushdownBuckets } from './pushdown.ts';
import { pointContext } from './rows.ts';
import { groupRows, type Group, type OutColumn, type Scan } from './select.ts';
import { firstPerShard } from './top-limit.ts';
import { auxNames, auxValues, mergeOrder } from './raw-rows.ts';

const MAX_BUCKETS = 1_000_000n;

const floorDiv = (a: bigint, b: bigint) => {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};

/** Per call, per bucket key: the values seen (or the SQLite-computed result, pushdown.ts). */
export type BucketEntry = Point[] | { reduced: Point | null };
export type BucketValues = Map<string, Map<bigint, BucketEntry>>;

/**
 * A percentile() window with too few points gives influxd's reduce iterator nothing to return, which its fill
 * iterator reads as the end of input. Inside a group it just fills that window; at a group's first window with
 * points it ends the call for that group and every group read after it. Shared across the measurements of a
 * statement, which must be passed in the order influxd reads them (reversed under ORDER BY time DESC).
 */
export type EndedCalls = Set<string>;

export function aggregateGroups(plan: SelectPlan, columns: OutColumn[], groups: Group[], scan: Scan, ended: EndedCalls = new Set()): unknown[][][] {
  const interval = plan.interval;
  const grid = interval === undefined ? undefined : new TimeGrid(interval, plan.offset, plan.location);
  const rangeStart = scan.range.hasMin ? scan.range.min : 0n;
  const last = grid ? grid.start(scan.range.max) : rangeStart;
  // Without a lower time bound influxd starts each group's windows at its first point.
  const first = grid && scan.range.hasMin ? grid.start(scan.range.min) : undefined;
  const order = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0) * (plan.descending ? -1 : 1);
  // Rows come in the statement's time order: under ORDER BY time DESC influxd forms windows and fills from the end.
  const valuesOf: BucketValues[] = [];
  for (const i of plan.descending ? [...groups.keys()].reverse() : groups.keys()) {
    const g = groups[i] as Group;
    const values = pushed(plan, g, scan) ?? collect(plan, columns, g, scan, grid, rangeStart);
    endPercentiles(plan, values, ended, order);
    valuesOf[i] = values;
  }
  return groups.map((_, i) => {
    const values = valuesOf[i] as BucketValues;
    const present = [...new Set([...values.values()].flatMap((m) => [...m.keys()]))].sort(order);
    const head = present[0];
    if (head === undefined) return [];
    if (plan.multiRow) {
      const byWindow = values.get(plan.multiRow.key) ?? new Map<bigint, BucketEntry>();
      const windows = present.map((k): [bigint, Point[]] => [k, byWindow.get(k) as Point[]]).filter(([, p]) => Array.isArray(p));
      return multiRows(plan.multiRow, columns, windows, plan.descending);
    }
    let times = [rangeStart];
    if (grid && interval !== undefined) {
      const from = first ?? (plan.descending ? (present[present.length - 1] ?? head) : head);
      if ((last - from) / interval + 1n > MAX_BUCKETS) {
        throw new StatementError(`max-select-buckets limit exceeded: (${(last - from) / interval + 1n}/${MAX_BUCKETS})`);
      }
      if (plan.fill === 'none') times = present;
      else times = plan.descending ? grid.sequence(last, first, present, true) : grid.sequence(from, last, present);
    }
    return windowRows(plan, columns, values, times);
  });
}

/** Drops what influxd never emits once a percentile() came out empty at a group's first window (EndedCalls). */
function endPercentiles(plan: SelectPlan, values: BucketValues, ended: EndedCalls, order: (a: bigint, b: bigint) => number): void {
  for (const call of plan.calls) {
    if (call.name !== 'percentile') continue;
    const byWindow = values.get(call.key);
    if (!byWindow || byWindow.size === 0) continue;
    const first = [...byWindow.keys()].sort(order)[0] as bigint;
    const e = byWindow.get(first) as BucketEntry;
    const reduced = Array.isArray(e) ? reduceCall(call, e) : e.reduced;
    byWindow.set(first, { reduced });
    if (reduced === null) ended.add(call.key);
    if (ended.has(call.key)) byWindow.clear();
  }
}

function windowRows(plan: SelectPlan, columns: OutColumn[], values: BucketValues, times: bigint[]): unknown[][] {
  const perCall = new Map<string, (Point | null)[]>();
  for (const call of plan.calls) {
    const byWindow = values.get(call.key) ?? new Map<bigint, BucketEntry>();
    const series = times.map((t) => {
      const got = byWindow.get(t);
      return got === undefined ? null : Array.isArray(got) ? reduceCall(call, got) : got.reduced;
    });
    perCall.set(call.key, fill(plan, call, series, times));
  }
  const rows: unknown[][] = [];
  const results = plan.calls.map((call) => perCall.get(call.key) as (Point | null)[]);
  // A column that is one call (Grafana's `mean("value")`) reads that call's result directly; other
  // expressions are evaluated per row (1,441 rows for a day by minute), where callKey prints the call.
  const direct = plan.aux ? [] : columns.map((c) => (c.expr.type === 'Call' ? plan.calls.findIndex((call) => call.key === callKey(c.expr)) : -1));
  const byKey = new Map(plan.calls.map((call, k) => [call.key, k]));
  // fill(number) is also the value of every missing tag or field beside a selector (influxd's IteratorScanner default).
  const auxDefault = plan.aux && plan.fill === 'number' ? (plan.fillValue ?? null) : null;
  times.forEach((start, i) => {
    let any = false;
    for (const r of results) if ((r[i] ?? null) !== null) any = true;
    if (!any && (plan.fill === 'none' || plan.interval === undefined)) return;
    const selected = plan.selectorTime || plan.aux ? results[0]?.[i] ?? undefined : undefined;
    const time = plan.selectorTime && selected ? selected.time : start;
    const row: unknown[] = [time];
    let ctx: RowContext | undefined;
    for (let c = 0; c < columns.length; c++) {
      const k = direct[c] ?? -1;
      if (k >= 0) {
        row.push(results[k]?.[i]?.value ?? null);
        continue;
      }
      ctx ??= pointContext(plan.aux ? selected?.row : undefined, time, (key) => results[byKey.get(key) ?? -1]?.[i]?.value ?? null, auxDefault);
      row.push(evaluate((columns[c] as OutColumn).expr, ctx));
    }
    rows.push(row);
  });
  return rows;
}

/** The SQLite path, on a grid without time zone (its windows are all one interval long), keyed like collect(). */
function pushed(plan: SelectPlan, g: Group, scan: Scan): BucketValues | undefined {
  const interval = plan.interval;
  if (interval === undefined || (plan.location && plan.location !== 'UTC')) return undefined;
  const offset = ((plan.offset % interval) + interval) % interval;
  const byIndex = pushdownBuckets(plan, g, scan, (t) => floorDiv(t - offset, interval), offset);
  if (!byIndex) return undefined;
  const out: BucketValues = new Map();
  for (const [key, m] of byIndex) out.set(key, new Map([...m].map(([b, e]) => [b * interval + offset, e])));
  return out;
}

function reduceCall(call: CallSpec, points: Point[]): Point | null {
  if (call.countDistinct) {
    const unique = reduceMany('distinct', points);
    return unique.length ? { time: 0n, value: BigInt(unique.length) } : null;
  }
  return reduce(call.name, points, call.arg);
}

/** Points per call and window, keyed by the window's start; without GROUP BY time one window at `rangeStart`. */
function collect(plan: SelectPlan, columns: OutColumn[], g: Group, scan: Scan, grid: TimeGrid | undefined, rangeStart: bigint): BucketValues {
  const values: BucketValues = new Map(plan.calls.map((c) => [c.key, new Map<bigint, BucketEntry>()]));
  // Each call's iterator sees only its field's points, and a window takes points up to its end (windows.ts).
  const open = new Map<string, [bigint, bigint]>();
  let rows: Iterable<ReturnType<typeof groupRows> extends Iterable<infer R> ? R : never> = plan.pushedLimit
    ? firstPerShard(groupRows(g, scan), plan.pushedLimit, scan.shardNs, plan.descending)
    : groupRows(g, scan);
  // mode() and percentile() see their points' order through Go's unstable sort: influxd's merge order of the
  // group's series (raw-rows.ts), newest first under ORDER BY time DESC.
  if (g.series.length > 1 && plan.calls.some((c) => c.name === 'mode' || c.name === 'percentile')) {
    const names = auxNames(columns);
    const types = scan.reader.fieldTypes(g.measurement.id);
    rows = mergeOrder(rows, g, scan.shardNs, plan.descending, (r) => auxValues(names, (n) => types.has(n), r.series, r.fields));
  } else if (plan.descending) rows = [...rows].reverse();
  for (const { series, time, fields } of rows) {
    for (const call of plan.calls) {
      const v = fields[call.field];
      if (v === undefined || v === null) continue;
      let b = rangeStart;
      if (grid) {
        let w = open.get(call.key);
        if (!w || time < w[0] || time >= w[1]) open.set(call.key, (w = grid.window(time)));
        b = w[0];
      }
      const m = values.get(call.key) as Map<bigint, Point[] | { reduced: Point | null }>;
      let list = m.get(b);
      if (!list) m.set(b, (list = []));
      (list as Point[]).push(plan.aux ? { time, value: v, row: { tags: series.tags, fields } } : { time, value: v });
    }
  }
  return values;
}
