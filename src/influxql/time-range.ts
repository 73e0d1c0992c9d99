// Times in a WHERE clause as influxd 1.x reads them: what `time` is compared with (now(), RFC3339 strings,
// epoch integers in ns, duration arithmetic) folded to nanoseconds; condition.ts takes the comparisons out
// into a TimeRange. Pure.
import type { Expr } from './ast.ts';

export const MIN_TIME = -9223372036854775806n;
export const MAX_TIME = 9223372036854775806n;

export class StatementError extends Error {}

export interface TimeRange {
  min: bigint;
  max: bigint;
  /** Whether the query gave a lower / upper bound (influxd fills GROUP BY time from the first point without one). */
  hasMin: boolean;
  hasMax: boolean;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Nanoseconds of an RFC3339 (or date-only) string, as influxd accepts in time comparisons. */
export function parseTimeString(s: string): bigint | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone = 'Z'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  // Go's time.Parse refuses a field out of range (2026-02-30, 24:00) where Date.UTC would roll over.
  const back = new Date(ms);
  if (Number.isNaN(ms) || back.getUTCDate() !== Number(d) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCHours() !== Number(h)) return undefined;
  if (Number(mi) > 59 || Number(sec) > 59) return undefined;
  let ns = BigInt(ms) * 1_000_000n + BigInt(frac.padEnd(9, '0') || '0');
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1n : 1n;
    const offsetMin = BigInt(Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    ns -= sign * offsetMin * 60_000_000_000n;
  }
  return ns;
}

/** Folds an expression on the other side of `time` to nanoseconds, or undefined when it is not a time. */
export function timeValue(e: Expr, nowNs: bigint): bigint | undefined {
  switch (e.type) {
    case 'Call':
      return e.name === 'now' && e.args.length === 0 ? nowNs : undefined;
    case 'String': {
      const t = parseTimeString(e.val);
      // influxd reads a string that starts like a date as a time and refuses it when it is not one.
      if (t === undefined && /^\d{4}-\d{2}-\d{2}/.test(e.val)) throw new StatementError('invalid timestamp string');
      if (t === undefined) throw new StatementError(`invalid operation: time and *influxql.StringLiteral are not compatible`);
      return t;
    }
    case 'Integer':
    case 'Duration':
      return e.val;
    case 'Number':
      // Go's int64(float) on amd64: a value out of range (or NaN) becomes the minimum int64.
      return Number.isFinite(e.val) && Math.abs(e.val) < 2 ** 63 ? BigInt(Math.trunc(e.val)) : -(2n ** 63n);
    case 'Paren':
      return timeValue(e.expr, nowNs);
    case 'Binary': {
      const l = timeValue(e.lhs, nowNs);
      const r = timeValue(e.rhs, nowNs);
      if (l === undefined || r === undefined) return undefined;
      if (e.op === '+') return l + r;
      if (e.op === '-') return l - r;
      return undefined;
    }
    default:
      return undefined;
  }
}
