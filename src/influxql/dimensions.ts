// GROUP BY of a SELECT as influxd 1.6 reads it (query/compile.go compileDimensions, influxql GroupByInterval
// and GroupByOffset): time(interval[, offset]) with a duration, now() or (refused later) a time string as
// the offset, tag keys, `*` and /regex/. Pure.
import type { Expr } from './ast.ts';
import { exprString } from './format.ts';
import { reduceLiterals } from './reduce.ts';
import { parseTimeString, StatementError } from './time-range.ts';

export interface Dimensions {
  /** The window length; undefined without time() or with a zero or negative one (influxd then makes one window). */
  interval?: bigint;
  /** The offset influxd uses: a duration's remainder by the interval (sign kept), or now()'s phase. */
  offset: bigint;
  /** Whether a time() dimension with a non-zero interval was given (raw queries may not have one). */
  timeGiven: boolean;
  tags: string[] | '*';
  regexes: RegExp[];
  /** An error influxd raises only after checking the fields (a time string as the offset). */
  deferredError?: string;
}

// Go's zero time (0001-01-01T00:00:00Z) in Unix nanoseconds: time.Truncate counts from it, not from 1970.
const GO_ZERO_TIME_NS = -62_135_596_800_000_000_000n;

/** `t.Sub(t.Truncate(d))` of Go: how far `t` lies past a multiple of `d` counted from Go's zero time. */
export function goTruncateRemainder(t: bigint, d: bigint): bigint {
  if (d <= 0n) return 0n;
  const r = (t - GO_ZERO_TIME_NS) % d;
  return r < 0n ? r + d : r;
}

export function planDimensions(dims: Expr[], nowNs: bigint): Dimensions {
  const out: Dimensions = { offset: 0n, timeGiven: false, tags: [], regexes: [] };
  // influxd's compiler refuses a second time() only after a non-zero first; execution reads the first.
  let compiled = 0n;
  let first = true;
  for (const dim of dims) {
    const d = reduceLiterals(dim);
    switch (d.type) {
      case 'VarRef':
        if (d.val.toLowerCase() === 'time') throw new StatementError('time() is a function and expects at least one argument');
        if (out.tags !== '*') out.tags.push(d.val);
        break;
      case 'Wildcard':
        out.tags = '*';
        break;
      case 'Regex':
        out.regexes.push(d.re);
        break;
      case 'Call': {
        const t = timeDimension(d, nowNs, compiled);
        compiled = t.interval;
        if (first) {
          first = false;
          if (t.interval > 0n) out.interval = t.interval;
          out.offset = t.offset;
          if (t.deferredError) out.deferredError = t.deferredError;
        }
        break;
      }
      default:
        throw new StatementError('only time and tag dimensions allowed');
    }
  }
  out.timeGiven = compiled !== 0n;
  return out;
}

function timeDimension(
  d: Extract<Expr, { type: 'Call' }>,
  nowNs: bigint,
  earlier: bigint,
): { interval: bigint; offset: bigint; deferredError?: string } {
  if (d.name !== 'time') throw new StatementError('only time() calls allowed in dimensions');
  if (d.args.length < 1 || d.args.length > 2) throw new StatementError('time dimension expected 1 or 2 arguments');
  const [i, o] = d.args as [Expr, Expr | undefined];
  if (i.type !== 'Duration') throw new StatementError('time dimension must have duration argument');
  if (earlier !== 0n) throw new StatementError('multiple time dimensions not allowed');
  const interval = i.val;
  if (!o) return { interval, offset: 0n };
  if (o.type === 'Duration') {
    // influxd 1.6.7 answers time(0s, 1m) with "[panic:runtime error: integer divide by zero]" (statement_id -1).
    if (interval === 0n) throw new StatementError('time dimension offset needs a non-zero interval (influxd 1.6.7 fails on it: integer divide by zero)');
    return { interval, offset: o.val % interval };
  }
  if (o.type === 'Call') {
    if (o.name !== 'now') throw new StatementError('time dimension offset function must be now()');
    if (o.args.length !== 0) throw new StatementError('time dimension offset now() function requires no arguments');
    return { interval, offset: goTruncateRemainder(nowNs, interval) };
  }
  if (o.type === 'String' && /^\d{4}-\d{2}-\d{2}/.test(o.val)) {
    if (parseTimeString(o.val) === undefined) throw new StatementError('invalid timestamp string');
    // influxd's compiler accepts it, then its GroupByOffset() finds no duration there.
    return { interval, offset: 0n, deferredError: `invalid time dimension offset: ${exprString(o)}` };
  }
  throw new StatementError('time dimension offset must be duration or now()');
}
