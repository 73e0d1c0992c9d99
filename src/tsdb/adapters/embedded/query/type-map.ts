// The types influxd 1.6 gives names before its type check (influxql/type-check.ts): a field's type from the
// shard groups the time range maps to (the highest-precedence one where they differ), else `tag` for a tag
// key of the measurement, else unknown; across several measurements the highest precedence wins. Without
// any shard group in the range nothing is known (influxd maps no shard), so nothing can fail.
import { lessThan, type FieldDataType } from '../../../../influxql/type-check.ts';
import type { TimeRange } from '../../../../influxql/time-range.ts';
import { shardIndex } from '../field-types.ts';
import type { SeriesReader } from '../series-reader.ts';
import type { MeasurementRef } from './catalog.ts';

export function shardTypeMapper(
  reader: SeriesReader,
  refs: MeasurementRef[],
  range: TimeRange,
  shardNs: bigint,
): (name: string) => FieldDataType | undefined {
  const first = shardIndex(range.min, shardNs);
  const last = shardIndex(range.max, shardNs);
  if (!reader.hasShards(first, last)) return () => undefined;
  const perMeasurement = refs.map((ref) => {
    const fields = new Map<string, FieldDataType>();
    for (const { name, type } of reader.shardFieldTypes(ref.id, first, last)) {
      if (lessThan(fields.get(name), type)) fields.set(name, type);
    }
    const tags = new Set(reader.series(ref.id).flatMap((s) => Object.keys(s.tags)));
    return { fields, tags };
  });
  return (name) => {
    let t: FieldDataType | undefined;
    for (const m of perMeasurement) {
      const x = m.fields.get(name) ?? (m.tags.has(name) ? 'tag' : undefined);
      if (lessThan(t, x)) t = x;
    }
    return t;
  };
}
