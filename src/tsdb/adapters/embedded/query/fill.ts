// fill() of GROUP BY time as influxd 1.6's fill iterator fills an empty window: null (count: 0), a
// number, the previous value, or a point on the line between its neighbours (query/linear.go). Pure.
import type { Point } from '../../../../influxql/aggregates.ts';
import type { CallSpec, SelectPlan } from '../../../../influxql/select-plan.ts';
import type { Value } from '../../../../influxql/values.ts';

/** `series[i]` is the call's result in the window starting at `times[i]`, null where the window is empty. */
export function fill(plan: SelectPlan, call: CallSpec, series: (Point | null)[], times: bigint[]): (Point | null)[] {
  const out = [...series];
  if (plan.interval === undefined) return out;
  switch (plan.fill) {
    case 'null':
      if (call.name === 'count') for (let i = 0; i < out.length; i++) out[i] ??= { time: 0n, value: 0n };
      return out;
    case 'none':
      return out;
    case 'number': {
      // An integer result (count, or a call on an integer field) takes the fill value cut to an integer;
      // a string or boolean result takes influxd's failed cast of a number: '' or false.
      const integer = call.name === 'count' || out.some((p) => typeof p?.value === 'bigint');
      const kind = call.name === 'count' ? undefined : out.find((p) => typeof p?.value === 'string' || typeof p?.value === 'boolean');
      const v = plan.fillValue ?? null;
      let value: Value = integer && v !== null ? BigInt(Math.trunc(Number(v))) : typeof v === 'bigint' ? Number(v) : v;
      if (kind) value = typeof kind.value === 'string' ? '' : false;
      for (let i = 0; i < out.length; i++) out[i] ??= { time: 0n, value };
      return out;
    }
    case 'previous': {
      let prev: Point | null = null;
      for (let i = 0; i < out.length; i++) {
        if (out[i]) prev = out[i] as Point;
        // The previous point is copied whole: the tags and fields beside a selector repeat too.
        else if (prev) out[i] = prev.row ? { time: 0n, value: prev.value, row: prev.row } : { time: 0n, value: prev.value };
      }
      return out;
    }
    case 'linear':
      return linear(out, times, plan.interval);
  }
}

/** influxd's linearFloat/linearInteger: x in whole intervals (window time / interval, Go's integer division). */
function linear(out: (Point | null)[], times: bigint[], interval: bigint): (Point | null)[] {
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    const p = out[i];
    if (!p) continue;
    if (last >= 0 && i - last > 1) {
      const a = (out[last] as Point).value;
      const b = p.value;
      if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
        const x0 = (times[last] as bigint) / interval;
        const m = (Number(b) - Number(a)) / Number((times[i] as bigint) / interval - x0);
        for (let j = last + 1; j < i; j++) {
          const v = m * Number((times[j] as bigint) / interval - x0) + Number(a);
          out[j] = { time: 0n, value: typeof a === 'bigint' && typeof b === 'bigint' ? BigInt(Math.trunc(v)) : v };
        }
      }
    }
    last = i;
  }
  return out;
}
