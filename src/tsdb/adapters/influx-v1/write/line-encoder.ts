// Points to line-protocol bytes, fast: a data-plane call is thousands of points over a few hundred series,
// and the serializer sits on the write path's critical section (influxd waits for the first body). Names are
// checked and escaped once per series (series-cache.ts), numbers formatted by one call per body, and lines
// written straight into a reused byte buffer, so a body costs no per-line strings and no long-lived large
// string (which would land in V8's old generation).
import { badRequest } from '../../../../errors.ts';
import type { FieldValue, Point } from '../../../adapter.ts';
import { escapeKey } from './line-protocol.ts';
import { MAX_CACHED, SeriesCache } from './series-cache.ts';

/** One encoder per adapter (no module state); its caches are bounded and start over when full. */
export class LineEncoder {
  readonly #seriesCache = new SeriesCache();
  readonly #fieldKeys = new Map<string, Buffer>();
  /** Scratch of one encode() call (synchronous, so never shared): each point's series bytes, its numbers. */
  readonly #series: (Buffer | undefined)[] = [];
  readonly #numbers: number[] = [];
  #numberText = Buffer.allocUnsafeSlow(16 * 1024);
  static readonly MAX_CACHED = MAX_CACHED;
  static readonly MAX_NUMBER_TEXT = 1024 * 1024;

  /**
   * Writes the lines of points[start, end) into `into`, or into a larger copy when it runs out of room, and
   * returns the bytes written: a view of whichever buffer holds them. A point without a writable field is
   * skipped, never refused. Throws the 400 for the first name that cannot be written, or the first timestamp
   * that is not a finite number, before writing anything.
   */
  encode(points: readonly Point[], start: number, end: number, into: Buffer): Buffer {
    const series = this.#series;
    const numbers = this.#numbers;
    series.length = 0;
    numbers.length = 0;
    // Points of one producer name the same field (DeviceHub: `value`), so the last key checked is remembered:
    // an identity comparison instead of a Map lookup per field, in both passes.
    let checked: string | undefined;
    for (let i = start; i < end; i++) {
      const p = points[i] as Point;
      if (!Number.isFinite(p.timestampMs)) throw badRequest(`point ${i}: timestampMs must be a finite number`);
      let writable = false;
      for (const k in p.fields) {
        const v = p.fields[k];
        if (typeof v === 'number') {
          // Non-finite numbers have no line-protocol form; the field is left out. The rest are written as
          // floats (no `i` suffix): a JS number does not say whether it is an integer, and a sensor that reads
          // 20 and then 20.5 would otherwise hit InfluxDB's "field type conflict" on the second write.
          if (!Number.isFinite(v)) continue;
          numbers.push(v);
        }
        if (k !== checked) {
          if (!this.#fieldKeys.has(k)) this.#fieldKey(k);
          checked = k;
        }
        writable = true;
      }
      series.push(writable ? this.#seriesCache.prefixOf(p) : undefined);
    }
    const digits = this.#formatNumbers();
    const digitsEnd = digits.length - 1; // the closing ']'
    let d = 1; // past the opening '['
    let buf = into;
    let off = 0;
    let lastKey: string | undefined;
    let lastKeyBytes: Buffer | undefined;
    for (let i = start; i < end; i++) {
      const prefix = series[i - start];
      if (prefix === undefined) continue;
      const p = points[i] as Point;
      // Room for the newline, the prefix, two spaces and a timestamp; fields are checked as they come.
      if (off + prefix.length + 32 > buf.length) buf = grow(buf, off, prefix.length + 32);
      if (off !== 0) buf[off++] = 0x0a;
      buf.set(prefix, off);
      off += prefix.length;
      buf[off++] = 0x20;
      let first = true;
      for (const k in p.fields) {
        const v = p.fields[k] as FieldValue;
        if (typeof v === 'number' && !Number.isFinite(v)) continue;
        let key = lastKeyBytes;
        if (k !== lastKey || key === undefined) {
          key = this.#fieldKeys.get(k) ?? this.#fieldKey(k);
          lastKey = k;
          lastKeyBytes = key;
        }
        // Room for the comma, the key, the value (a number is at most 24 bytes; a string's UTF-8 at most 3 per
        // code unit, an escaped one 2) and the space and timestamp that end the line.
        const room = 1 + key.length + (typeof v === 'string' ? v.length * 3 + 2 : 24) + 32;
        if (off + room > buf.length) buf = grow(buf, off, room);
        if (!first) buf[off++] = 0x2c;
        first = false;
        buf.set(key, off);
        off += key.length;
        if (typeof v === 'number') {
          // This number's digits run up to the next ',' (or the ']'); bounded by the text even if a field
          // object answered differently in the first pass (a getter), so it can never run away.
          while (d < digitsEnd) {
            const c = digits[d++] as number;
            if (c === 0x2c) break;
            buf[off++] = c;
          }
        } else if (typeof v === 'boolean') {
          off += buf.write(v ? 'true' : 'false', off, 'latin1');
        } else {
          off += buf.write('"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"', off, 'utf8');
        }
      }
      buf[off++] = 0x20;
      off = writeInteger(buf, off, Math.trunc(p.timestampMs));
    }
    return buf.subarray(0, off);
  }

  /** One line as text, or undefined when the point has no writable field (InfluxDB requires at least one). */
  line(p: Point): string | undefined {
    const bytes = this.encode([p], 0, 1, Buffer.allocUnsafe(256));
    return bytes.length > 0 ? bytes.toString('utf8') : undefined;
  }

  /**
   * The numbers collected by encode() as the ASCII of one JSON array: one call formats them all, each exactly
   * as String() would (JSON writes finite numbers with Number::toString), at under half the cost of a
   * String() per number, the largest single cost of a body.
   */
  #formatNumbers(): Buffer {
    const text = JSON.stringify(this.#numbers);
    let into = this.#numberText;
    if (text.length > into.length) {
      // Kept for the next call up to what a 5,000-line chunk of a few fields needs; a rarer, larger one gets
      // a buffer of its own, so one odd call does not pin megabytes for the adapter's lifetime.
      into = Buffer.allocUnsafeSlow(text.length * 2);
      if (into.length <= LineEncoder.MAX_NUMBER_TEXT) this.#numberText = into;
    }
    return into.subarray(0, into.write(text, 0, 'latin1'));
  }

  /** UTF-8 of the escaped field key and `=`, checked and cached. */
  #fieldKey(k: string): Buffer {
    const bytes = Buffer.from(escapeKey('field key', k) + '=', 'utf8');
    if (this.#fieldKeys.size >= MAX_CACHED) this.#fieldKeys.clear();
    this.#fieldKeys.set(k, bytes);
    return bytes;
  }
}

/**
 * The decimal digits of an integer, as String() would write them, without making the string: epoch
 * milliseconds are split into two parts below 10^8, whose digits come from int32 arithmetic.
 */
function writeInteger(buf: Buffer, off: number, n: number): number {
  if (n < 0 || n >= 1e16) {
    const text = String(n);
    for (let j = 0; j < text.length; j++) buf[off++] = text.charCodeAt(j);
    return off;
  }
  const hi = Math.floor(n / 1e8);
  let lo = n - hi * 1e8;
  if (hi > 0) {
    off = writeDigits(buf, off, hi);
    // lo with its leading zeros: exactly 8 digits
    for (let j = off + 7; j >= off; j--) {
      const q = (lo / 10) | 0;
      buf[j] = 0x30 + lo - q * 10;
      lo = q;
    }
    return off + 8;
  }
  return writeDigits(buf, off, lo);
}

/** Digits of 0 <= n < 10^8. */
function writeDigits(buf: Buffer, off: number, n: number): number {
  let len = 1;
  for (let x = n; x >= 10; x = (x / 10) | 0) len++;
  for (let j = off + len - 1; j >= off; j--) {
    const q = (n / 10) | 0;
    buf[j] = 0x30 + n - q * 10;
    n = q;
  }
  return off + len;
}

function grow(buf: Buffer, used: number, need: number): Buffer {
  const next = Buffer.allocUnsafeSlow(Math.max(buf.length * 2, used + need));
  buf.copy(next, 0, 0, used);
  return next;
}
