// The fields block of a line: validated as influxd scans it (same error texts), then split into typed
// values and the engine's stored JSON of them.
import { valueJson, type LinePoint } from '../engine.ts';
import { BACKSLASH, COMMA, EQUALS, MAX_KEY_LENGTH, QUOTE, SPACE, fail, isNumeric, parseInt64, skipWhitespace } from './chars.ts';

/** What parseFields needs of the body: field names as JSON (cached), where the JSON goes, a scratch array. */
export interface FieldsSink {
  keyJson(name: string): string;
  json: string | undefined;
  /** The JSON's parts, reused from point to point (no array per point). */
  readonly jsonParts: string[];
}

/** Validates the fields block starting after the key; returns its end (a space or the line's end). */
export function scanFields(buf: string, from: number): number {
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
export function parseFields(buf: string, start: number, end: number, keyEnd: number, body: FieldsSink): LinePoint['fields'] {
  const fields: LinePoint['fields'] = {};
  // The JSON is joined from its parts at the end: one flat string, where concatenation would keep a
  // chain of string pieces (and the 64 KiB piece of body the literal is sliced from) alive as long as the
  // point, and the engine's binding would flatten it again. Every point survives a young-generation GC or
  // two before it is written, so its size is copied over and over (a quarter of the CPU went to GC).
  const parts = body.jsonParts;
  parts.length = 0;
  let json = true;
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
    if (json) {
      if (Object.hasOwn(fields, key) || key === '__proto__') json = false;
      else parts.push(parts.length === 0 ? '{' : ',', body.keyJson(key), ':', valueJson(value, typeof value === 'object' ? literal.slice(0, -1) : literal) as string);
    }
    fields[key] = value;
    i++;
  }
  if (json) parts.push('}');
  body.json = json ? parts.join('') : undefined;
  parts.length = 0;
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

function unescapeFieldKey(s: string): string {
  return s.includes('\\') ? s.replace(/\\([, ="])/g, '$1') : s;
}
