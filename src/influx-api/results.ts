// /query's response bodies as influxd 1.6 builds them: Result and Row objects in Go's field order with its
// omitempty rules, times formatted per `epoch`/tz(), the statement loop's "not executed" results, and the
// split of a statement into chunks for `chunked=true`. Pure.
import type { StatementResult, ResultSeries } from './engine.ts';
import { ZoneOffsets } from '../influxql/tz.ts';
import { formatTime } from './time-format.ts';

export const DEFAULT_CHUNK_SIZE = 10_000;

/** A statement's result with the id influxd gives it (see statementResults for why ids can repeat). */
export interface NumberedResult {
  id: number;
  result: StatementResult;
}

/**
 * Runs statements in order and yields their results as influxd 1.6.7 does: after the first error it stops
 * and sends one "not executed" per remaining statement, every one with the failing statement's id (so a
 * buffered answer shows the failing statement as "not executed" and nothing after it). Clients see that.
 */
export async function* statementResults<S>(
  statements: readonly S[],
  run: (stmt: S) => StatementResult | Promise<StatementResult>,
): AsyncGenerator<NumberedResult> {
  for (let i = 0; i < statements.length; i++) {
    const result = await run(statements[i]!);
    yield { id: i, result };
    if (result.error !== undefined) {
      for (let j = i + 1; j < statements.length; j++) yield { id: i, result: { error: 'not executed' } };
      return;
    }
  }
}

/** Non-chunked answers buffer the results; a later error for the same id replaces the earlier result. */
export function mergeResults(all: readonly NumberedResult[]): NumberedResult[] {
  const merged: NumberedResult[] = [];
  for (const r of all) {
    const last = merged.at(-1);
    if (last && last.id === r.id) {
      if (r.result.error !== undefined) merged[merged.length - 1] = r;
      else last.result = { ...last.result, series: [...(last.result.series ?? []), ...(r.result.series ?? [])] };
    } else merged.push(r);
  }
  return merged;
}

/**
 * The pieces `chunked=true` sends for one result: every series on its own, cut into `chunkSize` rows when
 * `splitRows` (a continued series is `partial`), and every piece but the statement's last `partial`.
 */
export function chunkResult(result: StatementResult, chunkSize: number, splitRows: boolean): StatementResult[] {
  const series = result.series ?? [];
  if (result.error !== undefined || series.length === 0) return [result];
  const pieces: StatementResult[] = [];
  for (const s of series) {
    const size = splitRows ? chunkSize : Math.max(s.values.length, 1);
    for (let from = 0; from === 0 || from < s.values.length; from += size) {
      const values = s.values.slice(from, from + size);
      const more = from + size < s.values.length;
      pieces.push({ series: [{ ...s, values, ...(more ? { partial: true } : {}) }], partial: true });
    }
  }
  const last = pieces.at(-1)!;
  pieces[pieces.length - 1] = { ...last, partial: result.partial };
  return pieces;
}

export interface TimeOptions {
  /** The `epoch` parameter, trimmed; '' = RFC3339. */
  epoch: string;
  /** tz() of the statement, if any. */
  timeZone?: string | undefined;
}

/** One Result as influxd's JSON has it: statement_id, series, partial, error (omitempty each). */
export function resultObject(id: number, r: StatementResult, options: TimeOptions): object {
  const zone = r.timeZone ?? options.timeZone;
  const offsets = zone && zone !== 'UTC' ? new ZoneOffsets(zone) : undefined;
  return {
    statement_id: id,
    series: r.series?.length ? r.series.map((s) => seriesObject(s, options.epoch, offsets)) : undefined,
    partial: r.partial ? true : undefined,
    error: r.error ? r.error : undefined,
  };
}

function seriesObject(s: ResultSeries, epoch: string, zone: ZoneOffsets | undefined): object {
  const tagKeys = s.tags ? Object.keys(s.tags).sort() : [];
  // A SELECT's first column is its time, named `time` or the alias of `time` (no SHOW result starts with an integer).
  const timed = s.columns[0] === 'time' || typeof s.values[0]?.[0] === 'bigint';
  return {
    name: s.name ? s.name : undefined,
    tags: tagKeys.length ? Object.fromEntries(tagKeys.map((k) => [k, s.tags![k]])) : undefined,
    columns: s.columns.length ? s.columns : undefined,
    values: s.values.length
      ? timed
        ? s.values.map((row) => {
            if (typeof row[0] !== 'bigint') return row;
            const out = row.slice();
            out[0] = formatTime(row[0], epoch, zone);
            return out;
          })
        : s.values
      : undefined,
    partial: s.partial ? true : undefined,
  };
}
