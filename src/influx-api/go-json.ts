// JSON text byte-for-byte as Go's encoding/json writes it (influxd's responses): `<`, `>`, `&`, U+2028 and
// U+2029 escaped as \u003c..., control characters other than \n \r \t as \u00XX, `-0` kept, bigints as
// plain digits, and json.MarshalIndent's layout for `pretty=true`. Keys keep insertion order; callers
// build objects in Go's field order (and sort map keys, as Go does). Pure.

function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 34 || c === 92 || c === 60 || c === 62 || c === 38 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

export function goString(s: string): string {
  if (!needsEscape(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) out += '\\"';
    else if (c === 92) out += '\\\\';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c < 0x20 || c === 60 || c === 62 || c === 38 || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += s[i];
  }
  return out + '"';
}

/** Go formats float64 as JavaScript does (exponent below 1e-6 and from 1e21, shortest digits), except -0. */
function goNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`json: unsupported value: ${n}`);
  return Object.is(n, -0) ? '-0' : String(n);
}

/** Encodes `value`; `indent` is MarshalIndent's per-level indent ('' = compact, as json.Marshal). */
export function goJson(value: unknown, indent = ''): string {
  return encode(value, indent, '');
}

function encode(value: unknown, indent: string, prefix: string): string {
  switch (typeof value) {
    case 'string':
      return goString(value);
    case 'number':
      return goNumber(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object':
      break;
    default:
      throw new TypeError(`json: unsupported type: ${typeof value}`);
  }
  if (value === null) return 'null';
  const inner = prefix + indent;
  const nl = indent === '' ? '' : '\n';
  // Concatenated in place rather than mapped and joined: a day of minutes is 1,441 rows of small arrays.
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + nl + inner + encode(value[i], indent, inner);
    return out + nl + prefix + ']';
  }
  const sep = indent === '' ? ':' : ': ';
  let out = '';
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    out += (out === '' ? '{' : ',') + nl + inner + goString(k) + sep + encode(v, indent, inner);
  }
  return out === '' ? '{}' : out + nl + prefix + '}';
}
