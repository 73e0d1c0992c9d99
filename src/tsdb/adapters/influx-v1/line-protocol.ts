// Points to InfluxDB 1.x line protocol (ms precision), pure. 1.x escapes `,` `=` ` ` (and unescapes `\"`
// in measurements) but has no escape for a backslash itself: checked live on 1.6.7, a `\` right before one of
// `,= "` or at the end is lost or breaks the line, so such a name is refused rather than stored mangled.
import { badRequest } from '../../../errors.ts';

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
