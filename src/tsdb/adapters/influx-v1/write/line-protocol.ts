// Names in InfluxDB 1.x line protocol (ms precision), pure. 1.x escapes `,` `=` ` ` (and unescapes `\"`
// in measurements); what it cannot carry at all is refused by the rules in tsdb/names.ts.
import { badRequest } from '../../../../errors.ts';
import { checkMeasurement, unwritableNameReason } from '../../../names.ts';

const MEASUREMENT_SPECIALS = /[, ]/g;
const KEY_SPECIALS = /[,= ]/g;

function checkName(kind: string, s: string): void {
  const reason = unwritableNameReason(s);
  if (reason) throw badRequest(`${kind} ${JSON.stringify(s)} cannot be written to InfluxDB 1.x line protocol: ${reason}`);
}

export function escapeMeasurement(s: string): string {
  checkMeasurement(s);
  return s.replace(MEASUREMENT_SPECIALS, '\\$&');
}

export function escapeKey(kind: string, s: string): string {
  checkName(kind, s);
  return s.replace(KEY_SPECIALS, '\\$&');
}
