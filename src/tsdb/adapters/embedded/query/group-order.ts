// The orders influxd 1.6 lists groups and series in, which differ once tag values hold ' ', ',', '=' or
// '|' (checked on influxd 1.6.7): SLIMIT picks tag sets by the index's key (tsdb MakeTagsKey), the
// output is merged by query.Tags' ID, and SHOW SERIES lists series by their tags, never by escaped keys.
import { byCodeUnit } from '../../../../compare.ts';

/** tsdb.MakeTagsKey: the dimensions the series has, then their values, all joined by '|' ('' for none). */
export function tagSetKey(dims: readonly string[], tags: Record<string, string | undefined>): string {
  const present = [...dims].sort(byCodeUnit).filter((k) => tags[k] !== undefined && tags[k] !== '');
  return present.length ? [...present, ...present.map((k) => tags[k])].join('|') : '';
}

/** query.Tags' ID: every dimension's value ('' when absent) by sorted key, joined by NUL; groups merge in its order. */
export function groupOutputKey(tags: Record<string, string>): string {
  return Object.keys(tags).sort(byCodeUnit).map((k) => tags[k]).join('\0');
}

/** The order SHOW SERIES lists series in: measurement name, then the tags pair by pair (NUL sorts first, as a shorter list does). */
export function seriesListKey(measurement: string, tags: Record<string, string>): string {
  return [measurement, ...Object.keys(tags).sort(byCodeUnit).flatMap((k) => [k, tags[k]])].join('\0');
}
