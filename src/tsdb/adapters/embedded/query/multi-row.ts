// distinct(), top() and bottom(): several rows per window, each column read from the point a row stands for.
import { distinctPoints, reduce, reduceMany, type Point } from '../../../../influxql/aggregates.ts';
import type { CallSpec } from '../../../../influxql/select-plan.ts';
import { evaluate } from '../../../../influxql/values.ts';
import { pointContext } from './rows.ts';
import type { OutColumn } from './select.ts';

/** `windows` in the statement's time order: each window's start (or the range start without GROUP BY time) and its points. */
export function multiRows(call: CallSpec, columns: OutColumn[], windows: [bigint, Point[]][], descending: boolean): unknown[][] {
  // Under ORDER BY time DESC the windows come reversed, but influxd keeps each window's rows in time order.
  return windows.flatMap(([start, got]) => {
    const points = call.tags ? perTagValues(call, got) : got;
    const picked = call.name === 'distinct' ? distinctPoints(points, descending) : reduceMany(call.name, points, call.arg);
    return picked.map((p) => {
      const time = call.name === 'distinct' ? start : p.time;
      return [time, ...columns.map((c) => evaluate(c.expr, pointContext(p.row, time, () => p.value)))];
    });
  });
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
