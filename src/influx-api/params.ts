// The `params` parameter of /query: a JSON object of bound `$name` values, decoded as influxd does (Go's
// json.Decoder with UseNumber: whole numbers become int64 (bigint here), others float64; what follows the
// first JSON value is ignored; `null` binds nothing). Error texts follow Go's for the common mistakes. Pure.

export type ParamsResult = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

const NOT_AN_OBJECT: Record<string, string> = {
  '[': 'array',
  '"': 'string',
  t: 'bool',
  f: 'bool',
};

export function parseParams(text: string): ParamsResult {
  if (text.trim() === '') return { ok: true, value: {} };
  const parsed = parseFirstValue(text);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  if (value === null) return { ok: true, value: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    const first = text.trim()[0]!;
    const kind = NOT_AN_OBJECT[first] ?? 'number';
    return { ok: false, error: `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function parseFirstValue(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text, reviveNumbers) };
  } catch (err) {
    const at = errorPosition(err as Error, text);
    // Go's Decoder reads one value and leaves the rest: retry with what came before the complaint.
    if (at > 0) {
      try {
        return { ok: true, value: JSON.parse(text.slice(0, at), reviveNumbers) };
      } catch {
        // the prefix is not a whole value either: report the first complaint
      }
    }
    if (at >= text.length) return { ok: false, error: 'unexpected EOF' };
    return { ok: false, error: `invalid character ${goChar(text[at]!)} ${context(text, at)}` };
  }
}

/** Whole numbers as bigint when they fit int64 (Go's json.Number.Int64), others as numbers. */
function reviveNumbers(this: unknown, _key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value !== 'number' || !context?.source || !/^-?\d+$/.test(context.source)) return value;
  const n = BigInt(context.source);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : value;
}

function errorPosition(err: Error, text: string): number {
  if (/end of JSON input|Unterminated/i.test(err.message)) return text.length;
  const m = /position (\d+)/.exec(err.message);
  if (m) return Number(m[1]);
  const token = /Unexpected token '(.)'/.exec(err.message);
  return token ? Math.max(text.indexOf(token[1]!), 0) : 0;
}

function goChar(c: string): string {
  return c === "'" ? `'\\''` : `'${c}'`;
}

/** What Go's scanner was looking for at `at`, judged from the previous significant character. */
function context(text: string, at: number): string {
  const before = text.slice(0, at).trimEnd();
  const prev = before.at(-1);
  if (prev === undefined || prev === ':' || prev === '[') return 'looking for beginning of value';
  if (prev === '{') return 'looking for beginning of object key string';
  if (prev === ',') return /\{[^}]*$/.test(before) && !/\[[^\]]*$/.test(before) ? 'looking for beginning of object key string' : 'looking for beginning of value';
  if (prev === '"' && /\{\s*"[^"]*"$|,\s*"[^"]*"$/.test(before) && before.lastIndexOf(':') < before.lastIndexOf('{')) return 'after object key';
  return 'after object key:value pair';
}
