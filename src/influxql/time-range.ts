// The time part of a WHERE clause, as influxd 1.x reads it: comparisons of `time` with now(), RFC3339
// strings, epoch integers (ns) and duration arithmetic are folded to nanoseconds; the AND-ed bounds
// become the scan range and the rest of the condition is returned without them. Pure.
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
      return BigInt(Math.trunc(e.val));
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

const isTime = (e: Expr) => e.type === 'VarRef' && e.val.toLowerCase() === 'time';
const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' };

/**
 * Splits `condition` into the time range of its top-level AND-ed time comparisons and the rest.
 * A time comparison under OR cannot bound the scan; influxd then matches nothing, and so do we.
 */
export function splitTimeRange(condition: Expr | undefined, nowNs: bigint): { range: TimeRange; rest: Expr | undefined } {
  const range: TimeRange = { min: MIN_TIME, max: MAX_TIME, hasMin: false, hasMax: false };
  const rest = condition && strip(condition, range, nowNs);
  return { range, rest: rest === true ? undefined : rest === false ? { type: 'Boolean', val: false } : rest };
}

function strip(e: Expr, range: TimeRange, nowNs: bigint): Expr | boolean {
  if (e.type === 'Paren') {
    const inner = strip(e.expr, range, nowNs);
    return typeof inner === 'boolean' ? inner : inner === e.expr ? e : { type: 'Paren', expr: inner };
  }
  if (e.type !== 'Binary') return e;
  if (e.op === 'AND') {
    const l = strip(e.lhs, range, nowNs);
    const r = strip(e.rhs, range, nowNs);
    if (l === false || r === false) return false;
    if (l === true) return r;
    if (r === true) return l;
    return { type: 'Binary', op: 'AND', lhs: l, rhs: r };
  }
  if (e.op === 'OR') {
    if (mentionsTime(e)) return false;
    return e;
  }
  let op: string = e.op;
  let other: Expr;
  if (isTime(e.lhs)) other = e.rhs;
  else if (isTime(e.rhs)) {
    other = e.lhs;
    op = FLIP[op] ?? op;
  } else return e;
  const t = timeValue(other, nowNs);
  if (t === undefined) return e;
  switch (op) {
    case '>':
      bound(range, 'min', t + 1n);
      break;
    case '>=':
      bound(range, 'min', t);
      break;
    case '<':
      bound(range, 'max', t - 1n);
      break;
    case '<=':
      bound(range, 'max', t);
      break;
    case '=':
      bound(range, 'min', t);
      bound(range, 'max', t);
      break;
    default:
      return false;
  }
  return true;
}

function bound(range: TimeRange, side: 'min' | 'max', t: bigint): void {
  if (side === 'min') {
    if (!range.hasMin || t > range.min) range.min = t;
    range.hasMin = true;
  } else {
    if (!range.hasMax || t < range.max) range.max = t;
    range.hasMax = true;
  }
}

function mentionsTime(e: Expr): boolean {
  if (isTime(e)) return true;
  if (e.type === 'Binary') return mentionsTime(e.lhs) || mentionsTime(e.rhs);
  if (e.type === 'Paren') return mentionsTime(e.expr);
  return false;
}
