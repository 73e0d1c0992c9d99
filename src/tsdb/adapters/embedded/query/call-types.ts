// influxd's refusal of a function on a field type it has no iterator for ("unsupported mean iterator type:
// *query.stringInterruptIterator"), raised as influxd raises it: only where the field has that type in a
// source with points in the queried range (influxd builds no iterator over shards outside the range).
import type { CallSpec } from '../../../../influxql/select-plan.ts';
import { StatementError, type TimeRange } from '../../../../influxql/time-range.ts';
import type { SeriesReader } from '../series-reader.ts';
import type { MeasurementRef } from './catalog.ts';

// query/call_iterator.go (1.6): these take floats, integers and unsigned only; max and min also booleans.
const NUMERIC_ONLY = new Set(['mean', 'median', 'percentile', 'spread', 'stddev', 'sum', 'top', 'bottom']);
const NO_STRINGS = new Set(['max', 'min']);

export function checkCallTypes(calls: CallSpec[], reader: SeriesReader, refs: MeasurementRef[], range: TimeRange): void {
  for (const call of calls) {
    for (const ref of refs) {
      const type = reader.fieldTypes(ref.id).get(call.field);
      if (type !== 'string' && type !== 'boolean') continue;
      let name = call.name;
      let iterator = `${type}InterruptIterator`;
      // top/bottom with tag arguments read a max (min) iterator first, which takes booleans and not strings.
      if (call.tags) {
        if (type === 'string') name = call.name === 'top' ? 'max' : 'min';
        else iterator = 'booleanReduceBooleanIterator';
      }
      if (!NUMERIC_ONLY.has(name) && !(NO_STRINGS.has(name) && type === 'string')) continue;
      if (!hasPoints(reader, ref, range)) continue;
      throw new StatementError(`unsupported ${name} iterator type: *query.${iterator}`);
    }
  }
}

function hasPoints(reader: SeriesReader, ref: MeasurementRef, range: TimeRange): boolean {
  for (const _ of reader.scan(ref.id, range.min, range.max)) return true;
  return false;
}
