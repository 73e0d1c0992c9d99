// The InfluxQL functions over one group of points, with influxd 1.x's types and tie rules: aggregates
// give one value, selectors one point (its time kept), distinct/top/bottom several points. Pure.
import { goSort } from './go-sort.ts';
import type { Value } from './values.ts';

export interface Point {
  time: bigint;
  value: Value;
  /** The row the value came from (tags and fields), kept when other columns read the selected point. */
  row?: { tags: Record<string, string>; fields: Record<string, Value> };
}

export const AGGREGATES = new Set(['count', 'sum', 'mean', 'median', 'mode', 'spread', 'stddev', 'distinct']);
export const SELECTORS = new Set(['first', 'last', 'min', 'max', 'percentile', 'top', 'bottom']);
export const MULTI_ROW = new Set(['distinct', 'top', 'bottom']);

const num = (v: Value) => (typeof v === 'bigint' ? Number(v) : (v as number));
const numeric = (ps: Point[]) => ps.filter((p) => typeof p.value === 'number' || typeof p.value === 'bigint');

const greater = (x: Value, y: Value) => (x as number | string) > (y as number | string);

function byValue(a: Point, b: Point): number {
  const x = a.value as number | bigint;
  const y = b.value as number | bigint;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** One value (and, for selectors, the chosen point's time). Empty input gives null. */
export function reduce(name: string, points: Point[], arg?: number): Point | null {
  const ps = points.filter((p) => p.value !== null);
  if (ps.length === 0) return null;
  switch (name) {
    case 'count':
      return { time: 0n, value: BigInt(ps.length) };
    // influxd breaks a tie in time by the greater value.
    case 'first':
      return ps.reduce((a, b) => (b.time < a.time || (b.time === a.time && greater(b.value, a.value)) ? b : a));
    case 'last':
      return ps.reduce((a, b) => (b.time > a.time || (b.time === a.time && greater(b.value, a.value)) ? b : a));
    case 'min':
    case 'max': {
      // Booleans order false < true; a tie keeps the earliest point, as for numbers.
      if (ps.every((p) => typeof p.value === 'boolean')) {
        return ps.reduce((a, b) => (b.value !== a.value && (name === 'max') === b.value ? b : a));
      }
      const ns = numeric(ps);
      if (ns.length === 0) return null;
      return ns.reduce((a, b) => {
        const c = byValue(b, a);
        if (name === 'min' ? c < 0 : c > 0) return b;
        return c === 0 && b.time < a.time ? b : a;
      });
    }
    case 'sum': {
      const ns = numeric(ps);
      if (ns.length === 0) return null;
      if (ns.every((p) => typeof p.value === 'bigint')) {
        return { time: 0n, value: BigInt.asIntN(64, ns.reduce((s, p) => s + (p.value as bigint), 0n)) };
      }
      return { time: 0n, value: ns.reduce((s, p) => s + num(p.value), 0) };
    }
    case 'mean': {
      const ns = numeric(ps);
      if (ns.length === 0) return null;
      return { time: 0n, value: ns.reduce((s, p) => s + num(p.value), 0) / ns.length };
    }
    case 'median': {
      const ns = numeric(ps).sort(byValue);
      if (ns.length === 0) return null;
      const mid = Math.floor(ns.length / 2);
      if (ns.length % 2 === 1) return { time: 0n, value: num((ns[mid] as Point).value) };
      return { time: 0n, value: num((ns[mid - 1] as Point).value) + (num((ns[mid] as Point).value) - num((ns[mid - 1] as Point).value)) / 2 };
    }
    case 'mode': {
      // influxd's rule: values sorted, the longest run wins; a run only counts from its second point,
      // and a tie goes to the run that started earlier in time.
      if (ps.length === 1) return { time: 0n, value: (ps[0] as Point).value };
      // Go's unstable sort by value decides which of equal values comes first (go-sort.ts).
      const sorted = [...ps];
      goSort(sorted, (a, b) => (a.value as number | string) < (b.value as number | string));
      const head = sorted[0] as Point;
      let [mostFreq, currFreq, currMode, mostMode, mostTime, currTime] = [0, 0, head.value, head.value, head.time, head.time];
      for (const p of sorted) {
        if (p.value !== currMode) {
          [currFreq, currMode, currTime] = [1, p.value, p.time];
          continue;
        }
        currFreq++;
        if (mostFreq > currFreq || (mostFreq === currFreq && currTime > mostTime)) continue;
        [mostFreq, mostMode, mostTime] = [currFreq, p.value, p.time];
      }
      return { time: 0n, value: mostMode };
    }
    case 'spread': {
      const ns = numeric(ps);
      if (ns.length === 0) return null;
      const sorted = ns.sort(byValue);
      const lo = (sorted[0] as Point).value as number | bigint;
      const hi = (sorted[sorted.length - 1] as Point).value as number | bigint;
      return { time: 0n, value: typeof lo === 'bigint' && typeof hi === 'bigint' ? hi - lo : num(hi) - num(lo) };
    }
    case 'stddev': {
      const ns = numeric(ps);
      if (ns.length === 0) return null;
      // One point: influxd emits a nil point, a row whose value is null that fill() leaves alone.
      if (ns.length === 1) return { time: 0n, value: null };
      const mean = ns.reduce((s, p) => s + num(p.value), 0) / ns.length;
      const variance = ns.reduce((s, p) => s + (num(p.value) - mean) ** 2, 0) / (ns.length - 1);
      return { time: 0n, value: Math.sqrt(variance) };
    }
    case 'percentile': {
      // Which of several equal values is picked (its time, its tags) follows Go's unstable sort (go-sort.ts).
      const ns = numeric(ps);
      goSort(ns, (a, b) => byValue(a, b) < 0);
      const i = Math.floor((ns.length * (arg ?? 0)) / 100 + 0.5) - 1;
      if (i < 0 || i >= ns.length) return null;
      return ns[i] as Point;
    }
  }
  return null;
}

/** distinct, top and bottom: several points, in the order influxd returns them. */
export function reduceMany(name: string, points: Point[], n = 0): Point[] {
  const ps = points.filter((p) => p.value !== null);
  if (name === 'distinct') return distinctPoints(ps, false);
  const ns = numeric(ps);
  const dir = name === 'top' ? -1 : 1;
  const picked = ns
    .sort((a, b) => dir * byValue(a, b) || (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))
    .slice(0, n);
  return picked.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

/** Go's order of two values of one field type: numbers and strings by value, false before true. */
function valueLess(x: Value, y: Value): boolean {
  if (typeof x === 'boolean') return !x && y === true;
  return (x as number | bigint | string) < (y as number | bigint | string);
}

/**
 * distinct(): each value once, in influxd 1.6's order (query/functions.go DistinctReducer): a value keeps the
 * time it was first read at (the latest under ORDER BY time DESC, `latest`), and values are listed by that
 * time, then by value; the reduce iterator hands them out oldest first in both directions.
 */
export function distinctPoints(points: Point[], latest: boolean): Point[] {
  const first = new Map<string, Point>();
  for (const p of points) {
    if (p.value === null) continue;
    const key = `${typeof p.value}:${String(p.value)}`;
    const seen = first.get(key);
    if (!seen || (latest ? p.time > seen.time : p.time < seen.time)) first.set(key, p);
  }
  return [...first.values()]
    .sort((a, b) => (a.time !== b.time ? (a.time < b.time ? -1 : 1) : valueLess(a.value, b.value) ? -1 : valueLess(b.value, a.value) ? 1 : 0))
    .map((p) => ({ time: 0n, value: p.value }));
}
