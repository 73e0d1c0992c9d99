// GROUP BY of a SELECT as influxd 1.6 reads it (query/compile.go compileDimensions): time(interval[, offset])
// with a duration, now() or (refused later) a time string as the offset, tag keys, `*` and /regex/. Pure.
import type { Expr } from './ast.ts';
import { exprString } from './format.ts';
import { parseTimeString, StatementError } from './time-range.ts';

export interface Dimensions {
  interval?: bigint;
  /** The offset influxd uses: a duration's remainder by the interval (sign kept), or now()'s phase. */
  offset: bigint;
  tags: string[] | '*';
  regexes: RegExp[];
  /** An error influxd raises only after checking the fields (a time string as the offset). */
  deferredError?: string;
}

// Go's zero time (0001-01-01T00:00:00Z) in Unix nanoseconds: time.Truncate counts from it, not from 1970.
const GO_ZERO_TIME_NS = -62_135_596_800_000_000_000n;

/** `t.Sub(t.Truncate(d))` of Go: how far `t` lies past a multiple of `d` counted from Go's zero time. */
export function goTruncateRemainder(t: bigint, d: bigint): bigint {
  const r = (t - GO_ZERO_TIME_NS) % d;
  return r < 0n ? r + d : r;
}

export function planDimensions(dims: Expr[], nowNs: bigint): Dimensions {
  const out: Dimensions = { offset: 0n, tags: [], regexes: [] };
  for (const d of dims) {
    switch (d.type) {
      case 'VarRef':
        if (d.val.toLowerCase() === 'time') throw new StatementError('time() is a function and expects at least one argument');
        if (out.tags !== '*') out.tags.push(d.val);
        break;
      case 'Wildcard':
        out.tags = '*';
        break;
      case 'Regex':
        throw new StatementError('GROUP BY /regex/ is not supported by the embedded engine');
      case 'Call':
        timeDimension(d, out, nowNs);
        break;
      default:
        throw new StatementError('only time and tag dimensions allowed');
    }
  }
  return out;
}

function timeDimension(d: Extract<Expr, { type: 'Call' }>, out: Dimensions, _nowNs: bigint): void {
  if (d.name !== 'time') throw new StatementError('only time() calls allowed in dimensions');
  if (d.args.length < 1 || d.args.length > 2) throw new StatementError('time dimension expected 1 or 2 arguments');
  const [i, o] = d.args as [Expr, Expr | undefined];
  if (i.type !== 'Duration') throw new StatementError('time dimension must have duration argument');
  if (out.interval !== undefined) throw new StatementError('multiple time dimensions not allowed');
  // influxd 1.6 takes time(0s) and then fails on it as "time dimension must be greater than zero" is not
  // checked; a zero or negative interval cannot bucket anything, so it is refused here.
  if (i.val <= 0n) throw new StatementError('time dimension must be greater than zero');
  out.interval = i.val;
  if (!o) return;
  if (o.type === 'Duration') {
    out.offset = o.val % i.val;
  } else if (o.type === 'Call') {
    if (o.name !== 'now') throw new StatementError('time dimension offset function must be now()');
    if (o.args.length !== 0) throw new StatementError('time dimension offset now() function requires no arguments');
    throw new StatementError('GROUP BY time(..., now()) is not supported by the embedded engine');
  } else if (o.type === 'String' && /^\d{4}-\d{2}-\d{2}/.test(o.val)) {
    if (parseTimeString(o.val) === undefined) throw new StatementError('invalid timestamp string');
    // influxd's compiler accepts it, then its GroupByOffset() finds no duration there.
    out.deferredError = `invalid time dimension offset: ${exprString(o)}`;
  } else {
    throw new StatementError('time dimension offset must be duration or now()');
  }
}
