// Times in a WHERE clause as influxd 1.x reads them: what `time` is compared with (now(), RFC3339 strings,
// epoch integers in ns, duration arithmetic) folded to nanoseconds; condition.ts takes the comparisons out
// into a TimeRange. Pure.
import type { Expr } from './ast.ts';
import { ZoneOffsets } from './tz.ts';

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

// influxql's three layouts: a date, Go's "2006-01-02 15:04:05.999999" (space, no zone) and RFC3339Nano (T and
// a zone). The first two are read in the tz() zone; anything else starting like a date is refused.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Nanoseconds of a time string as influxd reads one in a time comparison (`zone`: the query's tz()). */
export function parseTimeString(s: string, zone?: string): bigint | undefined {
  const m = DATE.exec(s) ?? DATE_TIME.exec(s) ?? RFC3339.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', offset] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(sec));
  // Go's time.Parse refuses a field out of range (2026-02-30, 24:00) where Date would roll over.
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCHours() !== Number(h)) return undefined;
  if (Number(mi) > 59 || Number(sec) > 59) return undefined;
  const local = BigInt(date.getTime()) * 1_000_000n + BigInt(frac.padEnd(9, '0') || '0');
  if (offset === undefined) {
    if (!zone || zone === 'UTC') return local;
    // A wall-clock time of the zone: its offset at (about) that instant, as Go's ParseInLocation resolves it.
    const offsets = new ZoneOffsets(zone);
    const at = (ns: bigint) => BigInt(offsets.offsetSeconds(Number(ns / 1_000_000_000n))) * 1_000_000_000n;
    return local - at(local - at(local));
  }
  if (offset === 'Z') return local;
  const sign = offset.startsWith('-') ? -1n : 1n;
  return local - sign * BigInt(Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000_000_000n;
}

/** Folds an expression on the other side of `time` to nanoseconds, or undefined when it is not a time. */
export function timeValue(e: Expr, nowNs: bigint, zone?: string): bigint | undefined {
  switch (e.type) {
    case 'Call':
      return e.name === 'now' && e.args.length === 0 ? nowNs : undefined;
    case 'String': {
      const t = parseTimeString(e.val, zone);
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
      return timeValue(e.expr, nowNs, zone);
    case 'Binary': {
      const l = timeValue(e.lhs, nowNs, zone);
      const r = timeValue(e.rhs, nowNs, zone);
      if (l === undefined || r === undefined) return undefined;
      if (e.op === '+') return l + r;
      if (e.op === '-') return l - r;
      return undefined;
    }
    default:
      return undefined;
  }
}
