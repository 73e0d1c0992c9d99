// SLIMIT and SOFFSET against a real influxd 1.6.7: per measurement of FROM (named, several, regex) and per
// shard group, over the GROUP BY groups whose series pass the tag conditions (with or without points in the
// range or rows passing field conditions), chosen in ascending order under ORDER BY time DESC too; SOFFSET
// alone keeps nothing; SHOW TAG KEYS parses both and ignores them; no other SHOW takes them.
import { describe, it } from 'vitest';
import { differentialFile } from '../../../../../support/differential.ts';
import type { LinePoint } from '../../../../../src/tsdb/adapters/embedded/index.ts';

const R1H = "time >= '2026-03-06T00:00:00Z' AND time < '2026-03-06T01:00:00Z'";
const R4H = "time >= '2026-03-06T00:00:00Z' AND time < '2026-03-06T04:00:00Z'";
const R12H = "time >= '2026-03-06T00:00:00Z' AND time < '2026-03-06T12:00:00Z'";
const TWO_WEEKS = "time >= '2026-03-02T00:00:00Z' AND time < '2026-03-16T00:00:00Z'";

// `weekly` spans two of influxd's 7-day shard groups (2026-03-02..09 and 03-09..16): s=1 and s=4 write only
// into the first, s=2 only into the second, s=3 into both.
const at = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;
const point = (s: string, iso: string, v: number): LinePoint => ({ measurement: 'weekly', tags: { s }, fields: { v }, timeNs: at(iso) });
const SHARDS: LinePoint[] = [
  point('1', '2026-03-04T00:00:00Z', 1),
  point('3', '2026-03-04T00:00:00Z', 3),
  point('4', '2026-03-02T01:00:00Z', 4),
  point('2', '2026-03-10T00:00:00Z', 2),
  point('3', '2026-03-10T00:00:00Z', 30),
];

const { expectSame } = differentialFile({ extra: SHARDS });

describe('SLIMIT and SOFFSET answer as influxd 1.6.7 does', () => {
  it.each([
    // Per measurement: each FROM measurement keeps its own first groups.
    [`SELECT count(value) FROM mixed, "Boiler.dev02" WHERE ${R4H} GROUP BY * SLIMIT 1`, 'rows'],
    [`SELECT count(value) FROM mixed, "Boiler.dev02" WHERE ${R4H} GROUP BY * SLIMIT 2 SOFFSET 3`, 'rows'],
    [`SELECT count(value) FROM mixed, "Boiler.dev02" WHERE ${R4H} GROUP BY * SLIMIT 2 SOFFSET 5`, 'empty'],
    [`SELECT count(value) FROM mixed, "Boiler.dev02" WHERE ${R4H} SLIMIT 1`, 'rows'],
    [`SELECT count(value) FROM mixed, "Boiler.dev02" WHERE ${R4H} SLIMIT 1 SOFFSET 1`, 'empty'],
    [`SELECT count(value) FROM /dev0[12]/ WHERE ${R4H} GROUP BY tagName SLIMIT 1 SOFFSET 2`, 'rows'],
    [`SELECT count(value) FROM /dev0[12]/ WHERE ${R4H} GROUP BY time(1h) fill(-1) SLIMIT 1 SOFFSET 1`, 'empty'],
    [`SELECT mean(value) FROM /dev0[12]/ WHERE ${R4H} GROUP BY time(1h), tagName fill(0) SLIMIT 2 SOFFSET 1`, 'rows'],
    [`SELECT count(value) FROM mixed, "Boiler.dev02" WHERE ${R12H} GROUP BY time(30m), /^tag/ fill(-1) OFFSET 1 SLIMIT 3 SOFFSET 0`, 'rows'],
    [`SELECT value, host FROM mixed, "Boiler.dev02" WHERE ${R12H} SLIMIT 1 SOFFSET 1`, 'empty'],
    [`SELECT value FROM mixed, "Boiler.dev02" WHERE ${R12H} GROUP BY /^tag/ SLIMIT 1 SOFFSET 0`, 'rows'],
    [`SELECT value FROM /dev0[12]/ WHERE ${R1H} GROUP BY tagName LIMIT 3 SLIMIT 2 SOFFSET 1`, 'rows'],
    [`SELECT value * 2 AS doubled FROM /dev0[12]/ WHERE ${R12H} AND tagName !~ /x/ GROUP BY registerId SLIMIT 2 SOFFSET 1`, 'rows'],
    [`SELECT count(value) FROM mixed WHERE ${R12H} GROUP BY time(1h), host LIMIT 2 OFFSET 1 SLIMIT 1 SOFFSET 1`, 'rows'],
    [`SELECT max(value), tagName FROM /dev0[12]/ WHERE ${R12H} GROUP BY time(2h), registerId SLIMIT 1`, 'rows'],
    // SOFFSET without SLIMIT keeps no group (influxql's LimitTagSets).
    [`SELECT count(value) FROM mixed, "Boiler.dev02" WHERE ${R4H} GROUP BY * SOFFSET 1`, 'empty'],
    [`SELECT value FROM mixed WHERE ${R4H} SOFFSET 1`, 'empty'],
    // ORDER BY time DESC: the first groups are chosen, then listed in reverse.
    [`SELECT value FROM mixed WHERE ${R4H} GROUP BY host, dc ORDER BY time DESC SLIMIT 2`, 'rows'],
    [`SELECT count(value) FROM mixed WHERE ${R4H} GROUP BY host, dc ORDER BY time DESC SLIMIT 2 SOFFSET 1`, 'rows'],
    // A group counts whether or not it has points in the range or rows that pass a field condition.
    [`SELECT count(value) FROM mixed WHERE ${R1H} GROUP BY host, dc SLIMIT 1 SOFFSET 1`, 'empty'],
    [`SELECT value FROM mixed WHERE ${R1H} GROUP BY host, dc SLIMIT 1 SOFFSET 1`, 'empty'],
    [`SELECT count(value) FROM mixed WHERE ${R4H} AND value > 10 GROUP BY host, dc SLIMIT 1`, 'empty'],
    [`SELECT count(value) FROM mixed WHERE ${R4H} AND (value > 10 OR host = 'b') GROUP BY host, dc SLIMIT 1`, 'empty'],
    // Tag conditions remove series (and their groups) before the limit.
    [`SELECT count(value) FROM mixed WHERE ${R4H} AND value > 10 AND host = 'b' GROUP BY host, dc SLIMIT 1`, 'rows'],
    [`SELECT count(value) FROM mixed WHERE ${R4H} AND host = 'b' GROUP BY host, dc SLIMIT 1 SOFFSET 1`, 'rows'],
    // Per shard group: each shard chooses among the series written into it.
    ['SELECT count(v) FROM weekly GROUP BY s SLIMIT 1', 'rows'],
    ['SELECT count(v) FROM weekly GROUP BY s SLIMIT 1 SOFFSET 1', 'rows'],
    ['SELECT count(v) FROM weekly GROUP BY s SLIMIT 1 SOFFSET 2', 'rows'],
    ["SELECT count(v) FROM weekly WHERE s != '2' GROUP BY s SLIMIT 1", 'rows'],
    ['SELECT v FROM weekly GROUP BY s SLIMIT 1', 'rows'],
    ['SELECT v FROM weekly GROUP BY s ORDER BY time DESC SLIMIT 2', 'rows'],
    ['SELECT count(v) FROM weekly SLIMIT 1', 'rows'],
    [`SELECT sum(v) FROM weekly WHERE ${TWO_WEEKS} GROUP BY time(1d), s fill(none) SLIMIT 1 SOFFSET 1`, 'rows'],
    [`SELECT sum(v) FROM weekly WHERE ${TWO_WEEKS} GROUP BY time(7d), s SLIMIT 1`, 'rows'],
    ["SELECT count(v) FROM weekly WHERE time > '2026-03-05T00:00:00Z' GROUP BY s SLIMIT 1", 'rows'],
    ["SELECT count(v) FROM weekly WHERE time > '2026-03-05T00:00:00Z' AND time < '2026-03-09T00:00:00Z' GROUP BY s SLIMIT 1", 'empty'],
    ["SELECT count(v) FROM weekly WHERE time > '2026-03-03T00:00:00Z' GROUP BY s SLIMIT 2", 'rows'],
    // A function refused on a string field is refused only where SLIMIT/SOFFSET leave a series to read.
    ['SELECT min(value_string) FROM "PLC-Line1.dev01" WHERE time >= 1772755200000000000 AND time < 1772798400000000000 GROUP BY time(30m) SLIMIT 1 SOFFSET 1', 'empty'],
    ['SELECT min(value_string) FROM "PLC-Line1.dev01" WHERE time >= 1772755200000000000 AND time < 1772798400000000000 GROUP BY time(30m) SLIMIT 1', 'error'],
    // SHOW TAG KEYS parses SLIMIT and SOFFSET and ignores them; the other SHOW statements refuse them.
    ['SHOW TAG KEYS SLIMIT 1', 'rows'],
    ['SHOW TAG KEYS SOFFSET 1', 'rows'],
    ['SHOW TAG KEYS FROM mixed LIMIT 1 SLIMIT 1 SOFFSET 2', 'rows'],
    ['SHOW TAG KEYS SOFFSET 1 SLIMIT 1', 'error'],
    ['SHOW SERIES SLIMIT 1', 'error'],
    ['SHOW TAG VALUES WITH KEY = host SLIMIT 1', 'error'],
    ['SHOW MEASUREMENTS SLIMIT 1', 'error'],
    ['SELECT value FROM mixed SOFFSET 1 SLIMIT 1', 'error'],
  ])('%s', async (q, expected) => {
    await expectSame(q, expected);
  });
});
