// Stand-in for InfluxDB 2.x: the two tiny languages the adapter speaks, parsed strictly and purely.
// Flux: only `import "influxdata/influxdb/schema"` + `schema.measurements(bucket: "...", start: ...)`.
// Delete predicates: `key="value"` terms joined by `and` (2.x predicate/parser.go; `or` is refused).

export interface MeasurementsQuery {
  bucket: string;
  /** Nanoseconds; absent means the function's default, `-30d`. */
  startNs?: bigint;
}

const NS_PER: Record<string, bigint> = {
  ns: 1n, us: 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
  d: 86_400_000_000_000n, w: 604_800_000_000_000n,
};

/** Reads a Flux string literal starting at the opening quote; returns [value, index after it]. */
function readFluxString(src: string, at: number): [string, number] {
  let out = '';
  let i = at + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"') return [out, i + 1];
    if (c === '$' && src[i + 1] === '{') throw new Error('string interpolation is not supported here');
    if (c === '\\') {
      const n = src[i + 1];
      const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$' };
      if (n === undefined || map[n] === undefined) throw new Error(`invalid escape sequence \\${n ?? ''}`);
      out += map[n];
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  throw new Error('unterminated string literal');
}

/** RFC3339 time or a negative duration relative to `nowNs`. */
export function parseFluxTime(text: string, nowNs: bigint): bigint {
  const dur = /^-(\d+)(ns|us|ms|s|m|h|d|w)$/.exec(text);
  if (dur) return nowNs - BigInt(dur[1]!) * NS_PER[dur[2]!]!;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new Error(`invalid time literal ${text}`);
  }
  return rfc3339ToNs(text);
}

/** RFC3339(Nano) to nanoseconds, keeping sub-millisecond digits that Date would drop. */
export function rfc3339ToNs(text: string): bigint {
  const m = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) throw new Error(`invalid RFC3339 time ${JSON.stringify(text)}`);
  const ms = Date.parse(m[1]! + m[3]!);
  if (Number.isNaN(ms)) throw new Error(`invalid RFC3339 time ${JSON.stringify(text)}`);
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0') || '0');
}

export function parseMeasurementsQuery(src: string, nowNs: bigint): MeasurementsQuery {
  const text = src.trim();
  const imp = /^import\s+"influxdata\/influxdb\/schema"\s*/.exec(text);
  if (!imp) throw new Error('unsupported query: only schema.measurements() is implemented by the stand-in');
  let rest = text.slice(imp[0].length);
  const call = /^schema\.measurements\s*\(\s*/.exec(rest);
  if (!call) throw new Error('unsupported query: only schema.measurements() is implemented by the stand-in');
  rest = rest.slice(call[0].length);
  const q: Partial<MeasurementsQuery> = {};
  while (!rest.startsWith(')')) {
    const key = /^(bucket|start)\s*:\s*/.exec(rest);
    if (!key) throw new Error(`unexpected argument at ${JSON.stringify(rest.slice(0, 20))}`);
    rest = rest.slice(key[0].length);
    if (key[1] === 'bucket') {
      if (!rest.startsWith('"')) throw new Error('bucket must be a string literal');
      const [value, end] = readFluxString(rest, 0);
      q.bucket = value;
      rest = rest.slice(end);
    } else if (/^time\s*\(\s*v\s*:\s*"/.test(rest)) {
      // time(v: "<RFC3339>"), as the client's fluxDateTime() writes it.
      const open = rest.indexOf('"');
      const [value, end] = readFluxString(rest, open);
      const close = /^\s*\)/.exec(rest.slice(end));
      if (!close) throw new Error('unterminated time() call');
      q.startNs = parseFluxTime(value, nowNs);
      rest = rest.slice(end + close[0].length);
    } else {
      const lit = /^[^\s,)]+/.exec(rest);
      if (!lit) throw new Error('missing start');
      q.startNs = parseFluxTime(lit[0], nowNs);
      rest = rest.slice(lit[0].length);
    }
    rest = rest.replace(/^\s*,?\s*/, '');
  }
  if (rest.slice(1).trim() !== '') throw new Error('unexpected text after schema.measurements()');
  if (q.bucket === undefined) throw new Error('missing required argument bucket');
  return q as MeasurementsQuery;
}

/** The tag/measurement equalities of a delete predicate; empty = everything in the time range. */
export function parseDeletePredicate(src: string): Record<string, string> {
  const terms: Record<string, string> = {};
  let rest = src.trim();
  if (rest === '') return terms;
  for (;;) {
    const key = /^([A-Za-z_][\w.-]*|"(?:[^"\\]|\\.)*")\s*=\s*/.exec(rest);
    if (!key) throw new Error(`invalid predicate near ${JSON.stringify(rest.slice(0, 20))}`);
    rest = rest.slice(key[0].length);
    if (!rest.startsWith('"')) throw new Error('bad tag value: values must be double-quoted');
    // InfluxQL ScanString: `\"`, `\\` and `\n` are escapes; a raw newline ends the token badly.
    let value = '';
    let i = 1;
    for (; i < rest.length && rest[i] !== '"'; i++) {
      const c = rest[i]!;
      if (c === '\n') throw new Error('bad string');
      if (c === '\\') {
        const n = rest[++i];
        if (n === 'n') value += '\n';
        else if (n === '\\' || n === '"') value += n;
        else throw new Error(`bad escape \\${n ?? ''}`);
      } else value += c;
    }
    if (rest[i] !== '"') throw new Error('bad string: unterminated');
    const k = key[1]!.startsWith('"') ? key[1]!.slice(1, -1) : key[1]!;
    terms[k] = value;
    rest = rest.slice(i + 1).trim();
    if (rest === '') return terms;
    const op = /^(and|AND|or|OR)\s+/.exec(rest);
    if (!op) throw new Error(`invalid predicate near ${JSON.stringify(rest.slice(0, 20))}`);
    if (op[1]!.toLowerCase() === 'or') throw new Error('the logical operator OR is not supported yet');
    rest = rest.slice(op[0].length);
  }
}
