// Points to InfluxDB 1.x line protocol (ms precision), pure. 1.x escapes `,` `=` ` ` (and unescapes `\"`
// in measurements) but has no escape for a backslash itself: checked live on 1.6.7, a `\` right before one of
// `,= "` or at the end is lost or breaks the line, so such a name is refused rather than stored mangled.
import { badRequest } from '../../../errors.ts';
import type { FieldValue, Point } from '../../adapter.ts';

const MEASUREMENT_SPECIALS = /[, ]/g;
const KEY_SPECIALS = /[,= ]/g;

function checkName(kind: string, s: string): void {
  if (s === '' || /[\n\r]|\\(?=[,= "]|$)/.test(s)) {
    throw badRequest(
      `${kind} ${JSON.stringify(s)} cannot be written to InfluxDB 1.x line protocol (empty, a newline, or a backslash before , = space " or at the end)`,
    );
  }
}

export function escapeMeasurement(s: string): string {
  checkName('measurement', s);
  // A line starting with # is a comment to the 1.x parser, and # has no escape.
  if (s.startsWith('#')) throw badRequest(`measurement ${JSON.stringify(s)} cannot start with # in InfluxDB 1.x`);
  return s.replace(MEASUREMENT_SPECIALS, '\\$&');
}

export function escapeKey(kind: string, s: string): string {
  checkName(kind, s);
  return s.replace(KEY_SPECIALS, '\\$&');
}

/**
 * Numbers are always written as floats: a JS number does not say whether it is an integer, and a sensor
 * that reads 20 and then 20.5 would otherwise hit InfluxDB's "field type conflict" on the second write.
 * Non-finite numbers have no line-protocol form; the field is left out (undefined when nothing is left).
 */
export function formatFieldValue(v: FieldValue): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** One line, or undefined when the point has no writable field (InfluxDB requires at least one). */
export function toLine(p: Point): string | undefined {
  const fields: string[] = [];
  for (const [k, v] of Object.entries(p.fields)) {
    const value = formatFieldValue(v);
    if (value !== undefined) fields.push(`${escapeKey('field key', k)}=${value}`);
  }
  if (fields.length === 0) return undefined;
  let line = escapeMeasurement(p.measurement);
  // Sorted tags are what InfluxDB stores; sending them sorted saves it the work on every point.
  for (const k of Object.keys(p.tags).sort()) {
    const v = p.tags[k];
    // An empty tag value is invalid line protocol and means "no tag" in InfluxDB's model.
    if (v === undefined || v === '') continue;
    line += `,${escapeKey('tag key', k)}=${escapeKey('tag value', v)}`;
  }
  return `${line} ${fields.join(',')} ${Math.trunc(p.timestampMs)}`;
}

/** Line-protocol bodies of at most `maxLines` lines each. */
export function toBatches(points: readonly Point[], maxLines: number): string[] {
  const bodies: string[] = [];
  let lines: string[] = [];
  for (const p of points) {
    const line = toLine(p);
    if (line === undefined) continue;
    lines.push(line);
    if (lines.length >= maxLines) {
      bodies.push(lines.join('\n'));
      lines = [];
    }
  }
  if (lines.length > 0) bodies.push(lines.join('\n'));
  return bodies;
}
