// Reading samples for the executor: stored field JSON back to typed values (integers as bigint, told
// apart by the number text, see field-types.ts), and the row contexts that WHERE and SELECT see.
import type { Point } from '../../../../influxql/aggregates.ts';
import type { Value, RowContext } from '../../../../influxql/values.ts';
import type { SeriesInfo } from '../series-reader.ts';

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

// JSON.parse's third reviver argument (source text access) tells 3 from 3.0.
const keepIntegers: Reviver = (_key, value, context) => {
  if (typeof value === 'number' && context?.source !== undefined && !/[.eE]/.test(context.source)) {
    return BigInt(context.source);
  }
  return value;
};

/** Parses a sample's fields; `integers` is false when the measurement has no integer field (faster path). */
export function parseFields(json: string, integers: boolean): Record<string, Value> {
  return (integers ? JSON.parse(json, keepIntegers as never) : JSON.parse(json)) as Record<string, Value>;
}

/**
 * The WHERE view: a name the measurement has no field of is a tag, '' where the series lacks it (influxd
 * matches `dc != 'y'` on a measurement without dc); other names are fields.
 */
export function whereContext(series: SeriesInfo, isTag: (name: string) => boolean, fields: Record<string, Value>, time: bigint): RowContext {
  return {
    tag: (k) => (isTag(k) ? (series.tags[k] ?? '') : undefined),
    field: (k) => fields[k] ?? null,
    time,
  };
}

/** The SELECT view: a tag the series lacks is null, as influxd prints it. */
export function selectContext(series: SeriesInfo, fields: Record<string, Value>, time: bigint): RowContext {
  return { tag: (k) => series.tags[k], field: (k) => fields[k] ?? null, time };
}

/**
 * What a column reads in an aggregate row: call results, and the tags and fields of the point a selector picked;
 * a name the point lacks reads `missing` (null, or fill(number)'s value).
 */
export function pointContext(row: Point['row'], time: bigint, call: (key: string) => Value, missing: Value = null): RowContext {
  return { tag: (k) => row?.tags[k], field: (k) => row?.fields[k] ?? missing, time, call };
}
