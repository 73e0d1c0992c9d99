// InfluxQL duration literals as influxd 1.x reads and prints them: units ns, u/µ, ms, s, m, h, d, w,
// several segments (`1h30m`), int64 nanoseconds (wrapping as Go's do). Pure.

export const NS = { ns: 1n, u: 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n } as const;
const DAY = 24n * NS.h;
const WEEK = 7n * DAY;
const INT64_MAX = 2n ** 63n - 1n;

export class DurationError extends Error {}

/** Nanoseconds of a duration literal; throws DurationError with influxd's text. */
export function parseDuration(s: string): bigint {
  const a = Array.from(s);
  if (a.length < 2) throw new DurationError('invalid duration');
  let i = 0;
  const negative = a[0] === '-';
  if (negative) i++;
  let d = 0n;
  while (i < a.length) {
    const start = i;
    while (i < a.length && (a[i] as string) >= '0' && (a[i] as string) <= '9') i++;
    if (i >= a.length || i === start) throw new DurationError('invalid duration');
    const n = BigInt(a.slice(start, i).join(''));
    if (n > INT64_MAX) throw new DurationError('invalid duration');
    let unit = a[i] as string;
    let mult: bigint;
    if (unit === 'n' || unit === 'm') {
      if (a[i + 1] === 's') {
        unit += 's';
        mult = unit === 'ns' ? NS.ns : NS.ms;
        i++;
      } else if (unit === 'n') {
        throw new DurationError('invalid duration');
      } else {
        mult = NS.m;
      }
    } else if (unit === 'u' || unit === 'µ') mult = NS.u;
    else if (unit === 's') mult = NS.s;
    else if (unit === 'h') mult = NS.h;
    else if (unit === 'd') mult = DAY;
    else if (unit === 'w') mult = WEEK;
    else throw new DurationError('invalid duration');
    i++;
    // influxql 1.6 adds in Go's int64, which wraps, and calls it an overflow only when the sum turns
    // negative: 100000000d is accepted as the wrapped ~218 years (checked on influxd 1.6.7).
    d = BigInt.asIntN(64, d + n * mult);
    if (d < 0n && !negative) {
      throw new DurationError(`overflowed duration ${n}${unit}: choose a smaller duration or INF`);
    }
  }
  return negative ? BigInt.asIntN(64, -d) : d;
}

/** influxd's FormatDuration: the largest unit that divides the value exactly. */
export function formatDuration(d: bigint): string {
  if (d === 0n) return '0s';
  for (const [unit, n] of [['w', WEEK], ['d', DAY], ['h', NS.h], ['m', NS.m], ['s', NS.s], ['ms', NS.ms]] as const) {
    if (d % n === 0n) return `${d / n}${unit}`;
  }
  return `${d / NS.u}u`;
}

/** Go's time.Duration.String(), which influxd prints for CREATE DATABASE ... WITH DURATION. */
export function goDurationString(d: bigint): string {
  if (d === 0n) return '0s';
  const sign = d < 0n ? '-' : '';
  let v = d < 0n ? -d : d;
  if (v < NS.s) {
    if (v < NS.u) return `${sign}${v}ns`;
    if (v < NS.ms) return `${sign}${trimFraction(v, NS.u)}µs`;
    return `${sign}${trimFraction(v, NS.ms)}ms`;
  }
  const h = v / NS.h;
  v %= NS.h;
  const m = v / NS.m;
  v %= NS.m;
  const s = trimFraction(v, NS.s);
  if (h > 0n) return `${sign}${h}h${m}m${s}s`;
  if (m > 0n) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

function trimFraction(v: bigint, unit: bigint): string {
  const whole = v / unit;
  const frac = v % unit;
  if (frac === 0n) return `${whole}`;
  const digits = String(unit).length - 1;
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}
