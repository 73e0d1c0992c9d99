// What a statement's sources name in one database: measurements (by name or regex, sorted) and the
// series of each with their tags, filtered by a tag-only condition as influxd filters series.
import type { Expr, Measurement, Source } from '../../../../influxql/ast.ts';
import { splitTimeRange } from '../../../../influxql/condition.ts';
import { evaluate, truthy, type RowContext } from '../../../../influxql/values.ts';
import { arithmeticLeaf, type IsField } from '../../../../influxql/where-eval.ts';
import { byCodeUnit as byName } from '../../../../compare.ts';
import type { SeriesInfo, SeriesReader } from '../series-reader.ts';

export interface MeasurementRef {
  name: string;
  id: number;
}

/** Measurements of `sources` (all when undefined) that exist in the database, sorted, without repeats. */
export function resolveMeasurements(reader: SeriesReader, all: readonly string[], sources: Source[] | undefined): MeasurementRef[] {
  const names = new Set<string>();
  const everything: Measurement = { type: 'Measurement', database: '', retentionPolicy: '', name: '' };
  for (const s of sources ?? [everything]) {
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

// influxql's IsSystemName: keys the index answers with no measurement.
const SYSTEM_NAMES = new Set(['_fieldKeys', '_measurements', '_series', '_tagKey', '_tagKeys', '_tags']);

/**
 * SHOW MEASUREMENTS ... WHERE as influxd 1.6's index answers it (inmem measurementNamesByTagFilters), per
 * measurement and not per series: `k = v` when some series has that value, `k != v` when none has, and in
 * both cases only a measurement that has the key at all; `_name` compares the name. The condition is
 * checked beforehand (condition.ts checkMeasurementCondition).
 */
export function measurementMatches(e: Expr, name: string, series: SeriesInfo[]): boolean {
  if (e.type === 'Paren') return measurementMatches(e.expr, name, series);
  if (e.type !== 'Binary') return false;
  if (e.op === 'AND') return measurementMatches(e.lhs, name, series) && measurementMatches(e.rhs, name, series);
  if (e.op === 'OR') return measurementMatches(e.lhs, name, series) || measurementMatches(e.rhs, name, series);
  if (e.lhs.type !== 'VarRef') return false;
  const { rhs } = e;
  const equal = (v: string) => (rhs.type === 'Regex' ? rhs.re.test(v) : rhs.type === 'String' && v === rhs.val);
  const positive = e.op === '=' || e.op === '=~';
  const key = e.lhs.val;
  if (key === '_name') return equal(name) === positive;
  if (SYSTEM_NAMES.has(key)) return false;
  const values = series.flatMap((s) => (key in s.tags ? [s.tags[key] as string] : []));
  return values.length > 0 && values.some(equal) === positive;
}

/**
 * Whether a series may satisfy `condition`, judged as influxd's index judges it: a comparison that reads a
 * field (`isField`) is unknown until rows are read, so only the tag parts can rule a series out.
 */
export function seriesMayMatch(condition: Expr, tags: RowContext, isField: IsField): boolean {
  return verdict(condition, tags, isField) !== false;
}

function verdict(e: Expr, tags: RowContext, isField: IsField): boolean | undefined {
  if (e.type === 'Paren') return verdict(e.expr, tags, isField);
  if (e.type === 'Binary' && (e.op === 'AND' || e.op === 'OR')) {
    const l = verdict(e.lhs, tags, isField);
    const r = verdict(e.rhs, tags, isField);
    if (e.op === 'AND') return l === false || r === false ? false : l && r ? true : undefined;
    return l === true || r === true ? true : l === false && r === false ? false : undefined;
  }
  const leaf = arithmeticLeaf(e, isField);
  if (leaf !== undefined) return leaf;
  if (readsField(e, isField)) return undefined;
  return truthy(evaluate(e, tags));
}

function readsField(e: Expr, isField: IsField): boolean {
  switch (e.type) {
    case 'VarRef':
      return isField(e);
    case 'Binary':
      return readsField(e.lhs, isField) || readsField(e.rhs, isField);
    case 'Paren':
      return readsField(e.expr, isField);
    case 'Call':
      return e.args.some((a) => readsField(a, isField));
    default:
      return false;
  }
}

/** A series key as SHOW SERIES prints it: line-protocol escaping of the measurement, keys and values. */
export function seriesKey(measurement: string, tags: Record<string, string>): string {
  const m = measurement.replace(/[, ]/g, (c) => `\\${c}`);
  const t = (s: string) => s.replace(/[,= ]/g, (c) => `\\${c}`);
  const keys = Object.keys(tags).sort(byName);
  return [m, ...keys.map((k) => `${t(k)}=${t(tags[k] as string)}`)].join(',');
}
