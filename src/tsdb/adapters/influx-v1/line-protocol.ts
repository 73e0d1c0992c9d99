// Points to InfluxDB 1.x line protocol (ms precision), pure. 1.x escapes `,` `=` ` ` (and unescapes `\"`
// in measurements) but has no escape for a backslash itself: checked live on 1.6.7, a `\` right before one of
// `,= "` or at the end is lost or breaks the line, so such a name is refused rather than stored mangled.
import { badRequest } from '../../../errors.ts';
import type { FieldValue, Point } from '../../adapter.ts';

const MEASUREMENT_SPECIALS = /[, ]/g;
const KEY_SPECIALS = /[,= ]/g;

function checkName(kind: string, s: string): void {
  if (s === '' || /[\n\r]|\\(?=[,= "]|$)/.test(s)) {
    throw badRequest(
      `${kind} ${JSON.stringify(s)} cannot be written to InfluxDB 1.x line protocol (empty, a newline, or a backslash before , = space " or at the end)`,
    );
  }
}

export function escapeMeasurement(s: string): string {
  checkName('measurement', s);
  // A line starting with # is a comment to the 1.x parser, and # has no escape.
  if (s.startsWith('#')) throw badRequest(`measurement ${JSON.stringify(s)} cannot start with # in InfluxDB 1.x`);
  return s.replace(MEASUREMENT_SPECIALS, '\\$&');
}

export function escapeKey(kind: string, s: string): string {
  checkName(kind, s);
  return s.replace(KEY_SPECIALS, '\\$&');
}

/**
 * Numbers are always written as floats: a JS number does not say whether it is an integer, and a sensor
 * that reads 20 and then 20.5 would otherwise hit InfluxDB's "field type conflict" on the second write.
 * Non-finite numbers have no line-protocol form; the field is left out (undefined when nothing is left).
 */
export function formatFieldValue(v: FieldValue): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/**
 * Serializer with memoized escaping: a data-plane batch repeats the same few measurements, tag keys, tag
 * values and field keys thousands of times, and checking plus escaping each was most of the cost of a write.
 * One per adapter (no module state); the caches are bounded and simply start over when full.
 */
export class LineEncoder {
  readonly #measurements = new Map<string, string>();
  readonly #keys = new Map<string, string>();
  static readonly MAX_CACHED = 10_000;

  measurement(s: string): string {
    let e = this.#measurements.get(s);
    if (e === undefined) {
      e = escapeMeasurement(s);
      if (this.#measurements.size >= LineEncoder.MAX_CACHED) this.#measurements.clear();
      this.#measurements.set(s, e);
    }
    return e;
  }

  key(kind: string, s: string): string {
    let e = this.#keys.get(s);
    if (e === undefined) {
      e = escapeKey(kind, s);
      if (this.#keys.size >= LineEncoder.MAX_CACHED) this.#keys.clear();
      this.#keys.set(s, e);
    }
    return e;
  }

  /**
   * Throws the 400 for the first name that cannot be written, without building anything: run over a whole
   * call before its first request, so a bad point fails the call before any I/O.
   */
  check(points: readonly Point[]): void {
    for (const p of points) {
      // Exactly what line() looks at: a point left without a writable field is skipped, never refused.
      let writable = false;
      for (const k in p.fields) {
        const v = p.fields[k];
        if (typeof v === 'number' && !Number.isFinite(v)) continue;
        this.#name('field key', k);
        writable = true;
      }
      if (!writable) continue;
      this.#measurementText(p.measurement);
      for (const k in p.tags) {
        const v = p.tags[k];
        if (v === undefined || v === '') continue;
        this.#name('tag key', k);
        this.#name('tag value', v);
      }
    }
  }

  /** Lines of points[start, end) as one body; '' when none of them has a writable field. */
  body(points: readonly Point[], start: number, end: number): string {
    // One join per body: measured faster than growing a string with += (fewer intermediate ropes to flatten).
    const lines: string[] = [];
    for (let i = start; i < end; i++) {
      const line = this.line(points[i] as Point);
      if (line !== undefined) lines.push(line);
    }
    return lines.join('\n');
  }

  /** One line, or undefined when the point has no writable field (InfluxDB requires at least one). */
  line(p: Point): string | undefined {
    let fields = '';
    for (const k in p.fields) {
      const value = formatFieldValue(p.fields[k] as FieldValue);
      if (value === undefined) continue;
      fields += (fields === '' ? '' : ',') + this.#name('field key', k) + '=' + value;
    }
    if (fields === '') return undefined;
    let line = this.#measurementText(p.measurement);
    const tags = p.tags;
    // InfluxDB stores tags sorted and sorts them itself when they are not: sort here, without allocating
    // when they already are (a sorted key list per point was a visible share of a write's cost).
    let prev = '';
    let sorted = true;
    for (const k in tags) {
      if (k < prev) {
        sorted = false;
        break;
      }
      prev = k;
    }
    if (sorted) for (const k in tags) line += this.#tag(k, tags[k]);
    else for (const k of sortedKeys(tags)) line += this.#tag(k, tags[k]);
    return line + ' ' + fields + ' ' + Math.trunc(p.timestampMs);
  }

  #tag(k: string, v: string | undefined): string {
    // An empty tag value is invalid line protocol and means "no tag" in InfluxDB's model.
    if (v === undefined || v === '') return '';
    return ',' + this.#name('tag key', k) + '=' + this.#name('tag value', v);
  }

  /**
   * Most names need no escaping: one scan for the characters that matter (cheaper than hashing the string
   * for a cache lookup) returns them as they are; the rest go through the checked, cached path.
   */
  #name(kind: string, s: string): string {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 44 || c === 61 || c === 32 || c === 92 || c === 10 || c === 13) return this.key(kind, s);
    }
    return s.length === 0 ? this.key(kind, s) : s;
  }

  #measurementText(s: string): string {
    if (s.length === 0 || s.charCodeAt(0) === 35) return this.measurement(s);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 44 || c === 32 || c === 92 || c === 10 || c === 13) return this.measurement(s);
    }
    return s;
  }
}

/** Insertion sort by code unit (the order of Array#sort without a comparator): tag lists are short. */
function sortedKeys(tags: Record<string, string>): string[] {
  const keys = Object.keys(tags);
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/** One line, or undefined when the point has no writable field (InfluxDB requires at least one). */
export function toLine(p: Point): string | undefined {
  return new LineEncoder().line(p);
}

/** Line-protocol bodies of at most `maxLines` lines each. */
export function toBatches(points: readonly Point[], maxLines: number, encoder = new LineEncoder()): string[] {
  const bodies: string[] = [];
  // One join per body: measured faster than growing a string with += (fewer intermediate ropes to flatten).
  let lines: string[] = [];
  for (const p of points) {
    const line = encoder.line(p);
    if (line === undefined) continue;
    lines.push(line);
    if (lines.length >= maxLines) {
      bodies.push(lines.join('\n'));
      lines = [];
    }
  }
  if (lines.length > 0) bodies.push(lines.join('\n'));
  return bodies;
}
