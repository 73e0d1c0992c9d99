// The rules for every name the DataHub API stores or looks up (databases, users, measurements), for DB-user
// passwords, and for what InfluxDB line protocol cannot carry, each with its reason. The route schemas, the
// DeviceHub message parser and every adapter use this module, so a name gets the same answer (400 or not)
// whichever source is active. The `check*` forms throw the 400 AppError; the `*Reason` forms are pure.
import { badRequest } from '../errors.ts';

/**
 * Bounds in UTF-8 bytes, because InfluxDB counts bytes (Go's len): influxd 1.6.7 answers `name too long` to
 * a 256-byte database name, also when it is 128 × "ü" (128 characters).
 */
export const MAX_BYTES = {
  /** influxd's own bound on database names (its `name too long`, checked live on 1.6.7). */
  database: 255,
  /** influxd has none for users; ours matches databases, the other name kind users pick and URLs carry. */
  user: 255,
  /**
   * influxd only bounds a whole series key (64 KiB), and DeviceHub's `<DeviceName>.<DeviceID>` names run
   * longer than database names; 1024 keeps names (and the data plane's series keys) bounded all the same.
   */
  measurement: 1024,
  /** No source bounds passwords; ours bounds the request and the hashing work (scrypt on the embedded engine). */
  password: 1024,
} as const;

export type NameKind = 'database' | 'user';

/** UTF-8 length of `s` past `max`, without encoding it when its UTF-16 length already decides. */
export function longerThanBytes(s: string, max: number): boolean {
  // One UTF-16 code unit is 1 to 3 UTF-8 bytes (a surrogate pair, two units, is 4).
  if (s.length > max) return true;
  if (s.length * 3 <= max) return false;
  return Buffer.byteLength(s, 'utf8') > max;
}

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space only.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]*$/u;

/**
 * Why `name` is not a valid database or user name, or undefined when it is. Both are printable (influxd's
 * meta.ValidName for databases; users get it too, as names shown in listings and logs) and never `.` or `..`,
 * which clients resolve away as URL path segments before a request is sent. Database names also hold no `/`
 * or `\` (meta.ValidName: they become directory names); influxd takes any user name, and so do we there.
 */
export function invalidNameReason(kind: NameKind, name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return `${kind} name is required`;
  if (longerThanBytes(name, MAX_BYTES[kind])) return `${kind} name is longer than ${MAX_BYTES[kind]} bytes (UTF-8)`;
  if (name === '.' || name === '..') return `invalid ${kind} name: "." and ".." are reserved`;
  if (kind === 'database' && /[/\\]/.test(name)) return `invalid ${kind} name: "/" and "\\" are not allowed`;
  if (!PRINTABLE.test(name)) return `invalid ${kind} name: only printable characters are allowed`;
  return undefined;
}

/**
 * Why `name` is not a valid measurement name, or undefined when it is. Measurements may hold `.`, `/` and
 * backslashes (they are never file names), but no control character: line protocol cannot carry `\n` or
 * `\r`, the 2.x client sends `\t` `\n` `\r` as escapes 2.x stores literally, and InfluxQL (DROP MEASUREMENT on
 * 1.x) cannot carry NUL; the other control characters go with them, so a measurement name is printable too.
 */
export function invalidMeasurementReason(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'measurement name is required';
  if (longerThanBytes(name, MAX_BYTES.measurement)) {
    return `measurement name is longer than ${MAX_BYTES.measurement} bytes (UTF-8)`;
  }
  if (/\p{Cc}/u.test(name)) return 'invalid measurement name: control characters are not allowed';
  const unwritable = unwritableNameReason(name, true);
  return unwritable && `invalid measurement name: line protocol cannot carry it (${unwritable})`;
}

/** Why `password` cannot be a DB user's password, or undefined when it can. */
export function invalidPasswordReason(password: unknown): string | undefined {
  // InfluxDB takes an empty one; the document says the password is required.
  if (typeof password !== 'string' || password === '') return 'password is required';
  if (longerThanBytes(password, MAX_BYTES.password)) return `password is longer than ${MAX_BYTES.password} bytes (UTF-8)`;
  // A 1.x source sets it through an InfluxQL string literal, which has no form for NUL (the scanner ends there).
  if (password.includes('\u0000')) return 'password cannot contain a NUL character';
  return undefined;
}

/**
 * Why line protocol cannot carry `s` as a measurement (`measurement`) or a tag or field name or tag value,
 * or undefined when it can. 1.x has no escape for a backslash itself: checked live on 1.6.7, a `\` right
 * before one of `,= "` or at the end is lost or breaks the line, so such a name is refused, never stored mangled.
 */
export function unwritableNameReason(s: string, measurement = false): string | undefined {
  if (s === '') return 'empty';
  // A line starting with # is a comment to the 1.x parser, and # has no escape.
  if (measurement && s.startsWith('#')) return 'starts with #';
  // One scan answers for nearly every name; the data plane asks this for every message.
  if (!/[\t\n\r\\]/.test(s)) return undefined;
  if (/[\n\r]/.test(s)) return 'contains a newline';
  // The 2.x client writes a tab as the two characters `\t`, which 2.x stores as they are.
  if (s.includes('\t')) return 'contains a tab';
  if (/\\(?=[,= "]|$)/.test(s)) return 'has a backslash before , = space " or at the end';
  return undefined;
}

export function checkName(kind: NameKind, name: unknown): asserts name is string {
  const reason = invalidNameReason(kind, name);
  if (reason) throw badRequest(reason);
}

export function checkMeasurement(name: unknown): asserts name is string {
  const reason = invalidMeasurementReason(name);
  if (reason) throw badRequest(reason);
}

export function checkPassword(password: unknown): asserts password is string {
  const reason = invalidPasswordReason(password);
  if (reason) throw badRequest(reason);
}
