// Names in InfluxDB 1.x line protocol (ms precision), pure. 1.x escapes `,` `=` ` ` (and unescapes `\"`
// in measurements) but has no escape for a backslash itself: checked live on 1.6.7, a `\` right before one of
// `,= "` or at the end is lost or breaks the line, so such a name is refused rather than stored mangled.
import { badRequest } from '../../../errors.ts';
import { unwritableNameReason } from '../../line-protocol-names.ts';

const MEASUREMENT_SPECIALS = /[, ]/g;
const KEY_SPECIALS = /[,= ]/g;

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
