// Name rules for databases and users, after InfluxDB 1.x meta.ValidName: printable characters only,
// not empty, not `.` or `..`, no `/` or `\`. Pure; the adapter turns a failure into a 400.

/** Longest name we accept, in UTF-16 code units; InfluxDB has no limit, we keep one so keys stay bounded. */
export const MAX_NAME_LENGTH = 255;

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space only.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]*$/u;

/** Why `name` is not a valid database or user name, or undefined when it is. */
export function invalidNameReason(kind: 'database' | 'user', name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return `${kind} name is required`;
  if (name.length > MAX_NAME_LENGTH) return `${kind} name is longer than ${MAX_NAME_LENGTH} characters`;
  if (name === '.' || name === '..') return `invalid ${kind} name: "." and ".." are reserved`;
  if (/[/\\]/.test(name)) return `invalid ${kind} name: "/" and "\\" are not allowed`;
  if (!PRINTABLE.test(name)) return `invalid ${kind} name: only printable characters are allowed`;
  return undefined;
}

/** Measurements are never file or path names, so only emptiness and length are checked. */
export function invalidMeasurementReason(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'measurement name is required';
  if (name.length > MAX_NAME_LENGTH) return `measurement name is longer than ${MAX_NAME_LENGTH} characters`;
  return undefined;
}
