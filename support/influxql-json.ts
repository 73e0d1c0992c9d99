// Formats executeStatement results the way influxd's /query prints them (RFC3339Nano UTC times, series
// objects with name/tags/columns/values), so tests can compare them with a real influxd's JSON.
import { ZoneOffsets } from '../src/influxql/tz.ts';
import { rfc3339Nano } from '../src/influx-api/time-format.ts';
import type { StatementResult } from '../src/tsdb/adapters/embedded/query/execute.ts';

/** One statement's result as influxd's JSON would parse (statement_id added by the caller). */
export function asInfluxJson(result: StatementResult): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (result.error !== undefined) out.error = result.error;
  if (result.series?.length) {
    // The server's own time format (src/influx-api/time-format.ts), so the comparison with influxd covers it.
    const zone = result.timeZone ? new ZoneOffsets(result.timeZone) : undefined;
    out.series = result.series.map((s) => {
      const o: Record<string, unknown> = {};
      if (s.name !== undefined) o.name = s.name;
      if (s.tags) o.tags = s.tags;
      o.columns = s.columns;
      o.values = s.values.map((row) =>
        row.map((v, i) =>
          i === 0 && s.columns[0] === 'time' && typeof v === 'bigint'
            ? rfc3339Nano(v, zone)
            : typeof v === 'bigint'
              ? Number(v)
              : typeof v === 'number' && !Number.isFinite(v)
                ? null
                : v,
        ),
      );
      if (s.partial) o.partial = true;
      return o;
    });
  }
  if (result.partial) out.partial = true;
  return out;
}
