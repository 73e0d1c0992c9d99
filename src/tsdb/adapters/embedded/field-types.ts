// Field values as the embedded engine stores them: one JSON object per sample whose number text keeps
// InfluxDB's type (a float always has a `.` or an exponent, an integer never), so SQLite's json_type
// answers 'real' or 'integer' and 1i stays an integer. Shard groups follow influxd's: a field's type
// is fixed per (measurement, shard group), and a point that disagrees is a `field type conflict`. Pure.

export type FieldType = 'float' | 'integer' | 'string' | 'boolean';
export type LineFieldValue = number | boolean | string | { int: bigint };

/** One point of the line-protocol path: nanosecond time, integers kept apart from floats. */
export interface LinePoint {
  measurement: string;
  tags: Record<string, string>;
  fields: Record<string, LineFieldValue>;
  timeNs: bigint;
  /**
   * The stored JSON of `fields` when its producer already has it (the line-protocol parser builds it from the
   * literal number texts, see jsonNumberText); it must hold the same names, values and types as `fields`.
   */
  fieldsJson?: string | undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DAY_NS = 86_400_000_000_000n;

/**
 * influxd's default shard group duration for the autogen policy of a database with infinite retention
 * (meta.shardGroupDuration: 7 days for retention 0 or >= 6 months, 1 day from 2 days, else 1 hour).
 */
export function shardGroupDurationNs(retentionNs: bigint | undefined): bigint {
  if (!retentionNs || retentionNs >= 180n * DAY_NS) return 7n * DAY_NS;
  if (retentionNs >= 2n * DAY_NS) return DAY_NS;
  return 3_600_000_000_000n;
}

/**
 * The shard group a time falls in. Go truncates durations from its zero time (Jan 1 of year 1, a Monday),
 * which puts the Unix epoch 3 days past a 7-day boundary; 1-day and 1-hour groups align with the epoch.
 */
export function shardIndex(timeNs: bigint, durationNs: bigint): number {
  const shift = durationNs === 7n * DAY_NS ? 3n * DAY_NS : 0n;
  const t = timeNs + shift;
  let q = t / durationNs;
  if (t < 0n && q * durationNs !== t) q -= 1n;
  return Number(q);
}

/** The first nanosecond of shard group `index` (shardIndex's inverse). */
export function shardStartNs(index: number, durationNs: bigint): bigint {
  const shift = durationNs === 7n * DAY_NS ? 3n * DAY_NS : 0n;
  return BigInt(index) * durationNs - shift;
}

/** Same as shardIndex for epoch milliseconds (the data plane's path), without BigInt per point. */
export function shardIndexMs(timeMs: number, durationNs: bigint): number {
  const durationMs = Number(durationNs / 1_000_000n);
  const shift = durationNs === 7n * DAY_NS ? 3 * 86_400_000 : 0;
  return Math.floor((timeMs + shift) / durationMs);
}

export function fieldType(value: LineFieldValue): FieldType {
  if (typeof value === 'number') return 'float';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'integer';
}

/** A (finite) float's JSON text that SQLite reads back as a real: integral values get `.0`. */
export function floatText(v: number): string {
  // JSON.stringify writes a finite number exactly as String() does (ECMA-262 SerializeJSONProperty), but not
  // through V8's number-string cache, which allocates each new text in the old generation: with the data
  // plane's ever-changing values that was garbage an idle server kept until a rare full GC (+25 bytes a
  // point; 0 with JSON.stringify, measured; bench/README.md, "Memory over time").
  const s = JSON.stringify(v);
  // An exponent from 1e21 on, and a `.` for every other non-integer.
  return Number.isInteger(v) && Math.abs(v) < 1e21 ? `${s}.0` : s;
}

/** Why a value cannot be stored, or undefined. Non-finite floats are left out (as line protocol cannot carry them). */
export function invalidValueReason(name: string, value: unknown): string | undefined {
  if (name === '') return 'field keys must be non-empty';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return undefined;
  if (value && typeof value === 'object' && typeof (value as { int?: unknown }).int === 'bigint') {
    const i = (value as { int: bigint }).int;
    return i < INT64_MIN || i > INT64_MAX ? `field "${name}": integer out of range` : undefined;
  }
  return `field "${name}" must be a number, a boolean, a string or { int: bigint }`;
}

/** The stored JSON of a point's fields, or undefined when none is writable (all non-finite). */
export function encodeFields(fields: Record<string, LineFieldValue>): string | undefined {
  let out = '';
  for (const k in fields) {
    const text = valueJson(fields[k] as LineFieldValue);
    if (text === undefined) continue;
    out += `${out === '' ? '{' : ','}${JSON.stringify(k)}:${text}`;
  }
  return out === '' ? undefined : `${out}}`;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Whether `s` is a JSON number with a fraction or an exponent (one SQLite's json_type calls 'real'). */
function isJsonReal(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  if (s.charCodeAt(i) === 48) i++;
  else while (i < n && isDigit(s.charCodeAt(i))) i++;
  if (i === start) return false;
  let real = false;
  if (s.charCodeAt(i) === 46) {
    const from = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === from) return false;
    real = true;
  }
  const e = s.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) i++;
    const from = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === from) return false;
    real = true;
  }
  return real && i === n;
}

/** Whether `s` is an integer as BigInt's toString writes it (no sign on zero, no leading zeros). */
function isCanonicalInt(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n || s.charCodeAt(i) === 48) return n === 1;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  return i === n;
}

/**
 * A value's text in the stored JSON, undefined for a non-finite float. `literal` is the value's own text in
 * line protocol (without the `i` of an integer): a number is stored as written when that text already is
 * a JSON number of the same type, which spares formatting the double again (String() of a float cost
 * ~1.5 µs here, most of a point's write). Every JSON reader parses it to the same double, SQLite 3.53's
 * included (it rounds correctly, checked against JavaScript's parser on random texts of up to 25 digits).
 * Zero keeps floatText's form, so -0 stays stored as 0.0.
 */
export function valueJson(v: LineFieldValue, literal?: string): string | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    if (literal !== undefined && v !== 0 && isJsonReal(literal)) return literal;
    return floatText(v);
  }
  if (typeof v === 'object') return literal !== undefined && isCanonicalInt(literal) ? literal : v.int.toString();
  if (typeof v === 'string') return JSON.stringify(v);
  return v ? 'true' : 'false';
}

/** influxd's text for a point whose field disagrees with the type already fixed in its shard group. */
export function fieldTypeConflict(measurement: string, field: string, input: FieldType, existing: FieldType): string {
  return `field type conflict: input field "${field}" on measurement "${measurement}" is type ${input}, already exists as type ${existing}`;
}
