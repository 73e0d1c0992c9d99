// Names in InfluxDB 1.x line protocol (ms precision), pure. 1.x escapes `,` `=` ` ` (and unescapes `\"`
// in measurements) but has no escape for a backslash itself: checked live on 1.6.7, a `\` right before one of
// `,= "` or at the end is lost or breaks the line, so such a name is refused rather than stored mangled.
import { badRequest } from '../../../errors.ts';

const MEASUREMENT_SPECIALS = /[, ]/g;
const KEY_SPECIALS = /[,= ]/g;

/**
 * Why line protocol cannot carry `s` as a measurement (`measurement`) or a tag or field name or tag value,
 * or undefined when it can. Also used by the data plane, which stops such names before they reach a batch.
 */
export function unwritableNameReason(s: string, measurement = false): string | undefined {
  if (s === '') return 'empty';
  // A line starting with # is a comment to the 1.x parser, and # has no escape.
  if (measurement && s.startsWith('#')) return 'starts with #';
  // One scan answers for nearly every name; the data plane asks this for every message.
  if (!/[\n\r\\]/.test(s)) return undefined;
  if (/[\n\r]/.test(s)) return 'contains a newline';
  if (/\\(?=[,= "]|$)/.test(s)) return 'has a backslash before , = space " or at the end';
  return undefined;
}

function checkName(kind: string, s: string, measurement = false): void {
  const reason = unwritableNameReason(s, measurement);
  if (reason) throw badRequest(`${kind} ${JSON.stringify(s)} cannot be written to InfluxDB 1.x line protocol: ${reason}`);
}

export function escapeMeasurement(s: string): string {
  checkName('measurement', s, true);
  return s.replace(MEASUREMENT_SPECIALS, '\\$&');
}

export function escapeKey(kind: string, s: string): string {
  checkName(kind, s);
  return s.replace(KEY_SPECIALS, '\\$&');
}
