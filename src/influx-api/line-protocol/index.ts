// InfluxDB 1.x line protocol, parsed as influxd 1.6 parses it (models/points.go): the same grammar, the
// same quirks (an escaped character is any one after a backslash, `\r` is not a line end) and the same
// error texts, so /write answers what influxd answers. Pure; one pass per line over the string.
// This file splits a body into lines and points; key.ts and fields.ts parse the parts of a line.
import { isAscii } from 'node:buffer';
import type { LinePoint } from '../engine.ts';
import { BACKSLASH, COMMA, EQUALS, HASH, LineError, MAX_KEY_LENGTH, NEWLINE, QUOTE, SPACE, fail, isDigit, isWhitespace, parseInt64, skipWhitespace } from './chars.ts';
import { LineCache } from './cache.ts';
import { parseFields, scanFields } from './fields.ts';
import { keyEnd, scanKey } from './key.ts';

export { LineCache } from './cache.ts';

export interface ParsedBody {
  points: LinePoint[];
  /** One `unable to parse '<line>': <reason>` per rejected line, in order. */
  failed: string[];
}

/** influxd's valid time range (models.MinNanoTime / MaxNanoTime): int64's ends minus the sentinels. */
export const MIN_NANO = -(2n ** 63n) + 2n;
export const MAX_NANO = 2n ** 63n - 2n;
const TIME_RANGE = `time outside range ${MIN_NANO} - ${MAX_NANO}`;

/** Nanoseconds per unit of the `precision` parameter; anything unknown is nanoseconds, as in influxd 1.6. */
export function precisionMultiplier(precision: string): bigint {
  switch (precision) {
    case 'u': return 1_000n;
    case 'ms': return 1_000_000n;
    case 's': return 1_000_000_000n;
    case 'm': return 60_000_000_000n;
    case 'h': return 3_600_000_000_000n;
    default: return 1n;
  }
}

/**
 * Parses a whole body, text or bytes (UTF-8). `nowNs` is the time of points without a timestamp (truncated
 * to the precision, as influxd does); one value per request. `cache` carries parsed keys to later bodies
 * (its points then share tags objects with theirs, so nothing downstream may mutate them).
 */
export function parseLineProtocol(body: string | Uint8Array, precision: string, nowNs: bigint, cache = new LineCache()): ParsedBody {
  const mult = precisionMultiplier(precision);
  const state = new BodyState(mult, (nowNs / mult) * mult, cache);
  if (typeof body === 'string') {
    parseLines(body, state, true);
    return { points: state.points, failed: state.failed };
  }
  // Decoded piece by piece: V8 puts a string over 128 KiB in its large-object space, and making one of a
  // 700 KB body cost 4.7 ms against 0.5 ms in 64 KiB pieces (measured), a sixth of the whole write.
  // A piece ends after a newline byte (never inside a UTF-8 sequence); a line it cuts (a newline
  // inside a quoted string) is carried into the next piece.
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
  let carry = '';
  for (let from = 0; from < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, from + PIECE_BYTES - 1);
    const to = newline < 0 ? bytes.length : newline + 1;
    const text = carry + bytes.toString(encoding, from, to);
    carry = text.slice(parseLines(text, state, to === bytes.length));
    from = to;
  }
  return { points: state.points, failed: state.failed };
}

const PIECE_BYTES = 64 * 1024;

/**
 * Parses the lines of `text` into `state`; returns where an unfinished last line begins (text.length when
 * none). With `last` false, text ends with a newline and a line running past it continues in the next piece.
 */
function parseLines(text: string, state: BodyState, last: boolean): number {
  let pos = 0;
  // Only a quote or a backslash makes a line end anywhere but at its first newline: where the next of
  // each lies past that newline, indexOf (memchr) finds the end instead of scanLine's loop over the line.
  // Each is searched again only once passed, so the searches cover the text once.
  let quote = -1, backslash = -1;
  while (pos < text.length) {
    if (quote < pos) quote = indexAfter(text, '"', pos);
    if (backslash < pos) backslash = indexAfter(text, '\\', pos);
    const newline = indexAfter(text, '\n', pos);
    const end = quote > newline && backslash > newline ? Math.min(newline, text.length) : scanLine(text, pos);
    if (end === text.length && !last) return pos;
    let start = pos;
    pos = end + 1;
    while (start < end && isWhitespace(text.charCodeAt(start))) start++;
    if (start >= end || text.charCodeAt(start) === HASH) continue;
    const line = text.slice(start, end);
    try {
      state.points.push(parsePoint(line, state));
    } catch (err) {
      if (!(err instanceof LineError)) throw err;
      state.failed.push(`unable to parse '${line}': ${err.message}`);
    }
  }
  return text.length;
}

/** The index of `c` at or after `from`, Infinity when there is none. */
function indexAfter(text: string, c: string, from: number): number {
  const i = text.indexOf(c, from);
  return i < 0 ? Infinity : i;
}

/** The end of the line starting at `i`: the first newline outside a quoted field value. */
function scanLine(buf: string, i: number): number {
  let quoted = false, fields = false, equals = 0, commas = 0;
  while (i < buf.length) {
    const c = buf.charCodeAt(i);
    if (c === BACKSLASH) {
      i += 2;
      continue;
    }
    if (c === SPACE) fields = true;
    if (fields) {
      if (!quoted && c === EQUALS) {
        i++;
        equals++;
        continue;
      } else if (!quoted && c === COMMA) {
        i++;
        commas++;
        continue;
      } else if (c === QUOTE && equals > commas) {
        i++;
        quoted = !quoted;
        continue;
      }
    }
    if (c === NEWLINE && !quoted) break;
    i++;
  }
  return Math.min(i, buf.length);
}

/** What the lines of one body share: the parser's cache, the precision, the last fields' JSON. */
class BodyState {
  readonly points: LinePoint[] = [];
  readonly failed: string[] = [];
  readonly cache: LineCache;
  json: string | undefined;
  readonly jsonParts: string[] = [];

  /** Nanoseconds per unit of the precision. */
  readonly mult: bigint;
  /** The time of points without one. */
  readonly defaultTime: bigint;

  constructor(mult: bigint, defaultTime: bigint, cache: LineCache) {
    this.mult = mult;
    this.defaultTime = defaultTime;
    this.cache = cache;
  }

  keyJson(name: string): string {
    return this.cache.nameJson(name);
  }
}

function parsePoint(buf: string, body: BodyState): LinePoint {
  const { mult, defaultTime } = body;
  const cache = body.cache;
  const keyText = buf.slice(0, keyEnd(buf));
  let key = cache.key(keyText);
  if (key === undefined) {
    key = scanKey(buf);
    if (key.end === keyText.length) key = cache.rememberKey(keyText, key);
  }
  if (key.end > MAX_KEY_LENGTH) fail(`max key length exceeded: ${key.end} > ${MAX_KEY_LENGTH}`);
  const fieldsEnd = scanFields(buf, key.end);
  const fieldsStart = skipWhitespace(buf, key.end);
  const fields = parseFields(buf, fieldsStart, fieldsEnd, key.end, body);
  const tsStart = skipWhitespace(buf, fieldsEnd);
  let i = tsStart;
  // Digits are summed as they are checked; up to 15 fit a double exactly (the common case skips BigInt's parser).
  let small = 0;
  while (i < buf.length) {
    const c = buf.charCodeAt(i);
    if (c === NEWLINE || c === SPACE) break;
    if (!(i === tsStart && c === 45) && !isDigit(c)) fail('bad timestamp');
    if (c !== 45) small = small * 10 + (c - 48);
    i++;
  }
  let timeNs = defaultTime;
  if (i > tsStart) {
    const negative = buf.charCodeAt(tsStart) === 45;
    const digits = i - tsStart - (negative ? 1 : 0);
    const ts = digits > 0 && digits <= 15 ? BigInt(negative ? -small : small) : parseInt64(buf.slice(tsStart, i));
    timeNs = ts * mult;
    if (timeNs < MIN_NANO || timeNs > MAX_NANO) fail(TIME_RANGE);
    for (; i < buf.length; i++) if (buf.charCodeAt(i) !== SPACE) fail('point is invalid');
  }
  return { measurement: key.measurement, tags: key.tags, fields, timeNs, fieldsJson: body.json };
}

