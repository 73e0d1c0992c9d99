// InfluxDB 1.x line protocol, parsed as influxd 1.6 parses it (models/points.go): the same grammar, the
// same quirks (an escaped character is any one after a backslash, `\r` is not a line end) and the same
// error texts, so /write answers what influxd answers. Pure; one pass per line over the string.
import { isAscii } from 'node:buffer';
import { valueJson, type LinePoint } from './engine.ts';

export interface ParsedBody {
  points: LinePoint[];
  /** One `unable to parse '<line>': <reason>` per rejected line, in order. */
  failed: string[];
}

/** influxd's valid time range (models.MinNanoTime / MaxNanoTime): int64's ends minus the sentinels. */
export const MIN_NANO = -(2n ** 63n) + 2n;
export const MAX_NANO = 2n ** 63n - 2n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const MAX_KEY_LENGTH = 65535;
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

class LineError extends Error {}
const fail = (reason: string): never => {
  throw new LineError(reason);
};

const BACKSLASH = 92, COMMA = 44, SPACE = 32, EQUALS = 61, QUOTE = 34, NEWLINE = 10, TAB = 9, HASH = 35;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isNumeric = (c: number) => isDigit(c) || c === 46;

/**
 * Parses a whole body, text or bytes (UTF-8). `nowNs` is the time of points without a timestamp (truncated
 * to the precision, as influxd does); one value per request.
 */
export function parseLineProtocol(body: string | Uint8Array, precision: string, nowNs: bigint): ParsedBody {
  const mult = precisionMultiplier(precision);
  const state = new BodyState(mult, (nowNs / mult) * mult);
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

function isWhitespace(c: number): boolean {
  return c === SPACE || c === TAB || c === 0;
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

const MAX_CACHED_KEYS = 10_000;

/** What the lines of one body share: the series keys seen valid, field names as JSON, the last fields' JSON. */
class BodyState {
  readonly points: LinePoint[] = [];
  readonly failed: string[] = [];
  // Bodies repeat series keys (a batch is a few series over time): a key seen valid is not parsed again,
  // and its points share one tags object (never mutated downstream).
  readonly keys = new Map<string, Key>();
  readonly #names = new Map<string, string>();
  json: string | undefined;

  /** Nanoseconds per unit of the precision. */
  readonly mult: bigint;
  /** The time of points without one. */
  readonly defaultTime: bigint;

  constructor(mult: bigint, defaultTime: bigint) {
    this.mult = mult;
    this.defaultTime = defaultTime;
  }

  keyJson(name: string): string {
    let text = this.#names.get(name);
    if (text === undefined) {
      text = JSON.stringify(name);
      if (this.#names.size < MAX_CACHED_KEYS) this.#names.set(name, text);
    }
    return text;
  }
}

function parsePoint(buf: string, body: BodyState): LinePoint {
  const { mult, defaultTime } = body;
  const keys = body.keys;
  const keyText = buf.slice(0, keyEnd(buf));
  let key = keys.get(keyText);
  if (key === undefined) {
    key = scanKey(buf);
    if (keys.size < MAX_CACHED_KEYS && key.end === keyText.length) keys.set(keyText, key);
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

/** strconv.ParseInt(text, 10, 64) with Go's error texts. */
function parseInt64(text: string): bigint {
  const digits = text.charCodeAt(0) === 45 ? text.slice(1) : text;
  if (digits.length === 0 || !/^[0-9]+$/.test(digits)) fail(`strconv.ParseInt: parsing ${goQuote(text)}: invalid syntax`);
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) fail(`strconv.ParseInt: parsing ${goQuote(text)}: value out of range`);
  return value;
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

function skipWhitespace(buf: string, i: number): number {
  while (i < buf.length && isWhitespace(buf.charCodeAt(i))) i++;
  return i;
}

/** Where the key ends: the first space not after a backslash (as scanKey finds it on a valid key). */
function keyEnd(buf: string): number {
  let i = buf.indexOf(' ', 1);
  while (i > 0 && buf.charCodeAt(i - 1) === BACKSLASH) i = buf.indexOf(' ', i + 1);
  return i < 0 ? buf.length : i;
}

interface Key {
  measurement: string;
  tags: Record<string, string>;
  /** Index just past the key (at the space before the fields). */
  end: number;
}

function scanKey(buf: string): Key {
  let i = 0;
  const first = buf.charCodeAt(0);
  if (buf.length === 0 || first === COMMA) fail('missing measurement');
  let hasTags = false;
  for (;;) {
    i++;
    if (i >= buf.length) fail('missing fields');
    if (buf.charCodeAt(i - 1) === BACKSLASH) continue;
    const c = buf.charCodeAt(i);
    if (c === COMMA) {
      hasTags = true;
      break;
    }
    if (c === SPACE) break;
  }
  const measurement = unescapeMeasurement(buf.slice(0, i));
  const tags: Record<string, string> = {};
  if (!hasTags) return { measurement, tags, end: i };
  const rawKeys: string[] = [];
  i++;
  for (;;) {
    // tag key
    const keyStart = i;
    const k0 = buf.charCodeAt(i);
    if (i >= buf.length || k0 === SPACE || k0 === COMMA || k0 === EQUALS) fail('missing tag key');
    for (;;) {
      i++;
      const c = buf.charCodeAt(i);
      const escaped = buf.charCodeAt(i - 1) === BACKSLASH;
      if (i >= buf.length || ((c === SPACE || c === COMMA) && !escaped)) fail('missing tag value');
      if (c === EQUALS && !escaped) break;
    }
    const rawKey = buf.slice(keyStart, i);
    i++;
    // tag value
    const valueStart = i;
    const v0 = buf.charCodeAt(i);
    if (i >= buf.length || v0 === COMMA || v0 === SPACE) fail('missing tag value');
    let more = false;
    for (;;) {
      i++;
      if (i >= buf.length) fail('missing fields');
      const c = buf.charCodeAt(i);
      const escaped = buf.charCodeAt(i - 1) === BACKSLASH;
      if (c === EQUALS && !escaped) fail('invalid tag format');
      if (c === COMMA && !escaped) {
        more = true;
        break;
      }
      if (c === SPACE && !escaped) break;
    }
    rawKeys.push(rawKey);
    tags[unescapeTag(rawKey)] = unescapeTag(buf.slice(valueStart, i));
    if (!more) break;
    i++;
  }
  // influxd compares the escaped key bytes; two spellings of one key are not duplicates there either.
  for (let a = 1; a < rawKeys.length; a++) {
    for (let b = 0; b < a; b++) if (rawKeys[a] === rawKeys[b]) fail('duplicate tags');
  }
  return { measurement, tags, end: i };
}

/** Validates the fields block starting after the key; returns its end (a space or the line's end). */
function scanFields(buf: string, from: number): number {
  const start = skipWhitespace(buf, from);
  let i = start, quoted = false, equals = 0, commas = 0;
  while (i < buf.length) {
    const c = buf.charCodeAt(i);
    if (c === BACKSLASH && i + 1 < buf.length) {
      i += 2;
      continue;
    }
    if (c === QUOTE && equals > commas) {
      quoted = !quoted;
      i++;
      continue;
    }
    if (c === EQUALS && !quoted) {
      equals++;
      const before = buf.charCodeAt(i - 1);
      const escapedBefore = buf.charCodeAt(i - 2) === BACKSLASH;
      if ((before === SPACE || before === COMMA) && !escapedBefore) fail('missing field key');
      if (i + 1 >= buf.length) fail('missing field value');
      const next = buf.charCodeAt(i + 1);
      if (next === COMMA || next === SPACE) fail('missing field value');
      if (isNumeric(next) || next === 45 || next === 78 || next === 110) {
        i = scanNumber(buf, i + 1);
        continue;
      }
      if (next !== QUOTE) {
        i = scanBoolean(buf, i + 1);
        continue;
      }
    }
    if (c === COMMA && !quoted) commas++;
    if (c === SPACE && !quoted) break;
    i++;
  }
  if (quoted) fail('unbalanced quotes');
  if (equals === 0 || commas !== equals - 1) fail('invalid field format');
  return i;
}

function scanNumber(buf: string, i: number): number {
  const start = i;
  let isInt = false, decimal = false, scientific = false;
  if (buf.charCodeAt(i) === 45) {
    i++;
    if (i === buf.length) fail('invalid number');
  }
  while (i < buf.length) {
    const c = buf.charCodeAt(i);
    if (c === COMMA || c === SPACE) break;
    if (c === 105 && i > start && !isInt) {
      isInt = true;
      i++;
      continue;
    }
    // `u` (unsigned) is off in influxd 1.6 unless enabled at build time: an invalid number.
    if (c === 117 && i > start && !isInt) fail('invalid number');
    if (c === 46) {
      if (decimal) fail('invalid number');
      decimal = true;
    }
    if (i > start && (c === 101 || c === 69)) {
      scientific = true;
      i++;
      continue;
    }
    const prev = buf.charCodeAt(i - 1);
    if ((c === 43 || c === 45) && (prev === 101 || prev === 69)) {
      i++;
      continue;
    }
    if (i + 2 < buf.length && (c === 78 || c === 110)) fail('invalid number');
    if (!isNumeric(c)) fail('invalid number');
    i++;
  }
  if (isInt && (decimal || scientific)) fail('invalid number');
  let digits = i - start;
  if (isInt) digits--;
  if (decimal) digits--;
  if (buf.charCodeAt(start) === 45) digits--;
  if (digits === 0) fail('invalid number');
  if (isInt) {
    if (buf.charCodeAt(i - 1) !== 105) fail('invalid number');
    const text = buf.slice(start, i - 1);
    if (text.length >= 19) {
      try {
        parseInt64(text);
      } catch (err) {
        fail(`unable to parse integer ${text}: ${(err as Error).message}`);
      }
    }
  } else if (scientific || i - start >= 25) {
    if (!Number.isFinite(Number(buf.slice(start, i)))) fail('invalid float');
  }
  return i;
}

function scanBoolean(buf: string, i: number): number {
  const start = i;
  const c0 = buf.charCodeAt(i);
  if (i < buf.length && c0 !== 116 && c0 !== 102 && c0 !== 84 && c0 !== 70) fail('invalid boolean');
  i++;
  while (i < buf.length) {
    const c = buf.charCodeAt(i);
    if (c === COMMA || c === SPACE) break;
    i++;
  }
  if (i - start === 1) return i;
  const word = buf.slice(start, i);
  if (!BOOLEAN_WORDS.has(word)) fail('invalid boolean');
  return i;
}

const BOOLEAN_WORDS = new Map([
  ['true', true], ['TRUE', true], ['True', true],
  ['false', false], ['FALSE', false], ['False', false],
  ['t', true], ['T', true], ['f', false], ['F', false],
]);

/**
 * Splits the (already validated) fields block into typed values; a later duplicate key wins. Also builds the
 * engine's stored JSON of them from the literal texts (engine.ts valueJson), which `body.json` receives
 * (undefined where the block has a duplicate key: the engine then encodes the merged values itself).
 */
function parseFields(buf: string, start: number, end: number, keyEnd: number, body: BodyState): LinePoint['fields'] {
  const fields: LinePoint['fields'] = {};
  let json: string | undefined = '';
  let i = start;
  while (i < end) {
    const keyStart = i;
    while (i < end && !(buf.charCodeAt(i) === EQUALS && buf.charCodeAt(i - 1) !== BACKSLASH)) i++;
    const key = unescapeFieldKey(buf.slice(keyStart, i));
    if (keyEnd + 4 + (i - keyStart) > MAX_KEY_LENGTH) fail(`max key length exceeded: ${keyEnd + 4 + (i - keyStart)} > ${MAX_KEY_LENGTH}`);
    i++;
    const valueStart = i;
    let quoted = false;
    while (i < end) {
      const c = buf.charCodeAt(i);
      if (c === BACKSLASH && i + 1 < end) {
        const n = buf.charCodeAt(i + 1);
        if (n === QUOTE || n === BACKSLASH) {
          i += 2;
          continue;
        }
      }
      if (c === QUOTE) quoted = !quoted;
      else if (c === COMMA && !quoted) break;
      i++;
    }
    const literal = buf.slice(valueStart, i);
    const value = fieldValue(literal);
    if (json !== undefined) {
      if (Object.hasOwn(fields, key) || key === '__proto__') json = undefined;
      else json += `${json === '' ? '{' : ','}${body.keyJson(key)}:${valueJson(value, typeof value === 'object' ? literal.slice(0, -1) : literal)}`;
    }
    fields[key] = value;
    i++;
  }
  body.json = json === undefined ? undefined : `${json}}`;
  return fields;
}

function fieldValue(text: string): LinePoint['fields'][string] {
  const c = text.charCodeAt(0);
  if (c === QUOTE) return unescapeStringField(text.slice(1, -1));
  if (isNumeric(c) || c === 45) {
    if (text.charCodeAt(text.length - 1) === 105) return { int: BigInt(text.slice(0, -1)) };
    return Number(text);
  }
  return BOOLEAN_WORDS.get(text) ?? fail('invalid boolean');
}

function unescapeStringField(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\([\\"])/g, '$1');
}

function unescapeMeasurement(s: string): string {
  return s.includes('\\') ? s.replace(/\\([, ])/g, '$1') : s;
}

function unescapeTag(s: string): string {
  return s.includes('\\') ? s.replace(/\\([, =])/g, '$1') : s;
}

function unescapeFieldKey(s: string): string {
  return s.includes('\\') ? s.replace(/\\([, ="])/g, '$1') : s;
}
