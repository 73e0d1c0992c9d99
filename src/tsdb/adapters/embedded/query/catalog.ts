// What a statement's sources name in one database: measurements (by name or regex, sorted) and the
// series of each with their tags, filtered by a tag-only condition as influxd filters series.
import type { Expr, Source } from '../../../../influxql/ast.ts';
import { splitTimeRange } from '../../../../influxql/time-range.ts';
import { evaluate, truthy } from '../../../../influxql/values.ts';
import { compare as byName } from '../series-store.ts';
import type { SeriesInfo, SeriesReader } from '../series-reader.ts';

export interface MeasurementRef {
  name: string;
  id: number;
}

/** Measurements of `sources` (all when undefined) that exist in the database, sorted, without repeats. */
export function resolveMeasurements(reader: SeriesReader, all: readonly string[], sources: Source[] | undefined): MeasurementRef[] {
  const names = new Set<string>();
  for (const s of sources ?? [{ type: 'Measurement', database: '', retentionPolicy: '', name: '' }]) {
    if (s.type !== 'Measurement') continue;
    if (s.regex) {
      for (const n of all) if (s.regex.re.test(n)) names.add(n);
    } else if (s.name === '') {
      for (const n of all) names.add(n);
    } else if (all.includes(s.name)) {
      names.add(s.name);
    }
  }
  const out: MeasurementRef[] = [];
  for (const name of [...names].sort(byName)) {
    const id = reader.measurementId(name);
    if (id !== undefined) out.push({ name, id });
  }
  return out;
}

/** Series whose tags satisfy a tag-only condition (time comparisons ignored); a missing tag reads as ''. */
export function matchingSeries(series: SeriesInfo[], condition: Expr | undefined, nowNs: bigint): SeriesInfo[] {
  const { rest } = splitTimeRange(condition, nowNs);
  if (!rest) return series;
  return series.filter((s) =>
    truthy(evaluate(rest, { tag: (k) => s.tags[k] ?? '', field: () => null, time: 0n })),
  );
}

/** A series key as SHOW SERIES prints it: line-protocol escaping of the measurement, keys and values. */
export function seriesKey(measurement: string, tags: Record<string, string>): string {
  const m = measurement.replace(/[, ]/g, (c) => `\\${c}`);
  const t = (s: string) => s.replace(/[,= ]/g, (c) => `\\${c}`);
  const keys = Object.keys(tags).sort(byName);
  return [m, ...keys.map((k) => `${t(k)}=${t(tags[k] as string)}`)].join(',');
}
