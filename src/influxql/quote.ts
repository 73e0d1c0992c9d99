// InfluxQL quoting: the only way names and passwords enter a statement, for the InfluxDB 1.x adapter, the
// 2.x delete predicate (read by the same scanner) and the InfluxQL package. It follows the influxql scanner,
// which accepts exactly the escapes \\ \" \' \n inside quotes (notes §1.2); doubling a quote is a parse error
// there, so it is never used.
import { badRequest } from '../errors.ts';

/** A double-quoted identifier: database, user or measurement name. */
export function qIdent(s: string): string {
  refuseNul(s);
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

/** A single-quoted string literal (passwords). */
export function qStr(s: string): string {
  refuseNul(s);
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
}

/** The scanner reads NUL as end of input and has no escape for it, so no statement could carry it. */
function refuseNul(s: string): void {
  if (s.includes('\u0000')) throw badRequest('names and passwords cannot contain a NUL character');
}
