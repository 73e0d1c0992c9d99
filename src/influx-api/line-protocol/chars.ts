// What every part of the line-protocol parser shares: character codes, the error a rejected line throws
// (its message is influxd's reason text), and Go's strconv.ParseInt with its error texts.

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const MAX_KEY_LENGTH = 65535;

export class LineError extends Error {}
export const fail = (reason: string): never => {
  throw new LineError(reason);
};

export const BACKSLASH = 92, COMMA = 44, SPACE = 32, EQUALS = 61, QUOTE = 34, NEWLINE = 10, TAB = 9, HASH = 35;
export const isDigit = (c: number) => c >= 48 && c <= 57;
export const isNumeric = (c: number) => isDigit(c) || c === 46;

export function isWhitespace(c: number): boolean {
  return c === SPACE || c === TAB || c === 0;
}

export function skipWhitespace(buf: string, i: number): number {
  while (i < buf.length && isWhitespace(buf.charCodeAt(i))) i++;
  return i;
}

/** strconv.ParseInt(text, 10, 64) with Go's error texts. */
export function parseInt64(text: string): bigint {
  const digits = text.charCodeAt(0) === 45 ? text.slice(1) : text;
  if (digits.length === 0 || !/^[0-9]+$/.test(digits)) fail(`strconv.ParseInt: parsing ${goQuote(text)}: invalid syntax`);
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) fail(`strconv.ParseInt: parsing ${goQuote(text)}: value out of range`);
  return value;
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}
