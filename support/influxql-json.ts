// Formats executeStatement results the way influxd's /query prints them (RFC3339Nano UTC times, series
// objects with name/tags/columns/values), so tests can compare them with a real influxd's JSON.
import { rfc3339Nano } from '../src/influxql/tz.ts';
import type { StatementResult } from '../src/tsdb/adapters/embedded/query/execute.ts';

export { rfc3339Nano };

/** One statement's result as influxd's JSON would parse (statement_id added by the caller). */
export function asInfluxJson(result: StatementResult): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (result.error !== undefined) out.error = result.error;
  if (result.series?.length) {
    out.series = result.series.map((s) => {
      const o: Record<string, unknown> = {};
      if (s.name !== undefined) o.name = s.name;
      if (s.tags) o.tags = s.tags;
      o.columns = s.columns;
      o.values = s.values.map((row) =>
        row.map((v, i) =>
          i === 0 && s.columns[0] === 'time' && typeof v === 'bigint'
            ? rfc3339Nano(v, result.timeZone)
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
