// The series key of a line: measurement and tags, with influxd's escapes and error texts.
import { BACKSLASH, COMMA, EQUALS, SPACE, fail } from './chars.ts';

/** Where the key ends: the first space not after a backslash (as scanKey finds it on a valid key). */
export function keyEnd(buf: string): number {
  let i = buf.indexOf(' ', 1);
  while (i > 0 && buf.charCodeAt(i - 1) === BACKSLASH) i = buf.indexOf(' ', i + 1);
  return i < 0 ? buf.length : i;
}

export interface Key {
  measurement: string;
  tags: Record<string, string>;
  /** Index just past the key (at the space before the fields). */
  end: number;
}

export function scanKey(buf: string): Key {
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

function unescapeMeasurement(s: string): string {
  return s.includes('\\') ? s.replace(/\\([, ])/g, '$1') : s;
}

function unescapeTag(s: string): string {
  return s.includes('\\') ? s.replace(/\\([, =])/g, '$1') : s;
}
