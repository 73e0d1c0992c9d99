// Stand-in for InfluxDB 2.x: a pure line-protocol parser for POST /api/v2/write, with the escaping rules
// of the line-protocol reference (measurement: `\,` `\ `; tag keys/values and field keys: `\,` `\=` `\ `;
// string fields: `\"` `\\`). Errors carry the text the stand-in answers with (400 `invalid`).
export type LpField = number | bigint | boolean | string;

export interface LpPoint {
  measurement: string;
  tags: Record<string, string>;
  fields: Record<string, LpField>;
  /** Nanoseconds since the epoch. */
  timeNs: bigint;
}

const PRECISION_NS: Record<string, bigint> = { ns: 1n, us: 1000n, ms: 1_000_000n, s: 1_000_000_000n };

export function precisionFactor(precision: string | null): bigint | undefined {
  return PRECISION_NS[precision ?? 'ns'];
}

/** Reads up to an unescaped stop character; returns the unescaped text and the index of the stop. */
function readEscaped(line: string, from: number, stops: string, escapable: string): [string, number] {
  let out = '';
  let i = from;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length && escapable.includes(line[i + 1]!)) {
      out += line[i + 1];
      i += 2;
      continue;
    }
    if (stops.includes(c)) break;
    out += c;
    i++;
  }
  return [out, i];
}

function parseFieldValue(raw: string): LpField {
  if (/^[-+]?\d+i$/.test(raw)) return BigInt(raw.slice(0, -1));
  if (/^\d+u$/.test(raw)) return BigInt(raw.slice(0, -1));
  if (/^(t|T|true|True|TRUE)$/.test(raw)) return true;
  if (/^(f|F|false|False|FALSE)$/.test(raw)) return false;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) return Number(raw);
  throw new Error(`invalid field value ${JSON.stringify(raw)}`);
}

function parseFields(line: string, from: number): [Record<string, LpField>, number] {
  const fields: Record<string, LpField> = {};
  let i = from;
  for (;;) {
    const [key, eq] = readEscaped(line, i, '= ,', ',= \\');
    if (line[eq] !== '=' || key === '') throw new Error('missing field key or value');
    i = eq + 1;
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) i++;
        value += line[i];
        i++;
      }
      if (line[i] !== '"') throw new Error('unterminated string field');
      fields[key] = value;
      i++;
    } else {
      let end = i;
      while (end < line.length && line[end] !== ',' && line[end] !== ' ') end++;
      fields[key] = parseFieldValue(line.slice(i, end));
      i = end;
    }
    if (line[i] !== ',') return [fields, i];
    i++;
  }
}

/** Parses one non-empty, non-comment line; `defaultNs` is the server time for lines without one. */
export function parseLine(line: string, factor: bigint, defaultNs: bigint): LpPoint {
  const [measurement, afterName] = readEscaped(line, 0, ', ', ', \\');
  if (measurement === '') throw new Error('missing measurement');
  const tags: Record<string, string> = {};
  let i = afterName;
  while (line[i] === ',') {
    const [key, eq] = readEscaped(line, i + 1, '=, ', ',= \\');
    if (line[eq] !== '=' || key === '') throw new Error('missing tag key');
    const [value, end] = readEscaped(line, eq + 1, ', ', ',= \\');
    if (value === '') throw new Error('missing tag value');
    tags[key] = value;
    i = end;
  }
  if (line[i] !== ' ') throw new Error('missing fields');
  const [fields, afterFields] = parseFields(line, i + 1);
  const rest = line.slice(afterFields).trim();
  let timeNs = defaultNs;
  if (rest !== '') {
    if (!/^-?\d+$/.test(rest)) throw new Error(`bad timestamp ${JSON.stringify(rest)}`);
    timeNs = BigInt(rest) * factor;
  }
  return { measurement, tags, fields, timeNs };
}

/** Parses a whole body; the first bad line fails the batch, as InfluxDB 2.x does (nothing is written). */
export function parseLineProtocol(body: string, factor: bigint, defaultNs: bigint): LpPoint[] {
  const points: LpPoint[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    try {
      points.push(parseLine(line, factor, defaultNs));
    } catch (err) {
      throw new Error(`unable to parse '${line}': ${(err as Error).message}`, { cause: err });
    }
  }
  return points;
}
