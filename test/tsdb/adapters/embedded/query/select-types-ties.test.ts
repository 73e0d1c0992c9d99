// Against a real influxd 1.6.7: the type check of SELECT fields (`type error: ...` for arithmetic on strings,
// booleans and tags, only where the time range maps to shards), distinct()'s value order under LIMIT/OFFSET,
// and the order of ties clients see through LIMIT/OFFSET: raw points of one time from several series (also
// across a shard boundary and under ORDER BY time DESC), and mode()/percentile() over equal values.
import { describe, it } from 'vitest';
import { devicehubPoints } from '../../../../../support/devicehub-points.ts';
import { differentialFile } from '../../../../../support/differential.ts';
import { mixedPoints } from '../../../../../support/mixed-points.ts';
import type { LinePoint } from '../../../../../src/tsdb/adapters/embedded/index.ts';

const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;
const MINUTE = 60_000_000_000n;
const DAY = "time >= 1772755200000000000 AND time < 1772798400000000000";
const R12H = "time >= '2026-03-06T00:00:00Z' AND time < '2026-03-06T12:00:00Z'";
// 2026-03-09 (a Monday) starts a new 7-day shard group; the second DeviceHub day straddles it.
const ACROSS = "time >= '2026-03-08T23:57:00Z' AND time < '2026-03-09T00:03:00Z'";
const PLC = '"PLC-Line1.dev01"';

/**
 * 79 values whose sort takes Go's pattern-breaking path three times (found by search): which 0.5 comes
 * second after sorting depends on that path's xorshift (go1.19: shifts 13, 17, 5), so percentile(v, 2)
 * reports the 00:33 point only when the port follows it exactly.
 */
function patternPoints(): LinePoint[] {
  const digits = '0000000000000000000001000001000100000100111111111111111111111111111111221211111';
  return [...digits].map((c, t) => ({
    measurement: 'pd',
    tags: { s: 'a' },
    fields: { v: Number(c) + 0.5 },
    timeNs: ns('2026-03-06T00:00:00Z') + BigInt(t) * MINUTE,
  }));
}

/**
 * Three series of one minute-grid whose mode() is a tie (RUN and FAULT five times each) that only the order
 * of the points decides: influxd's merge order of the series at equal times, then Go's sort.
 */
function modePoints(): LinePoint[] {
  const runs = ['R.IFI', 'FRFRR', '.IFFR'];
  const word: Record<string, string> = { R: 'RUN', I: 'IDLE', F: 'FAULT' };
  return runs.flatMap((letters, s) =>
    [...letters].flatMap((c, t) => {
      const v = word[c];
      if (!v) return [];
      const fields = { v, n: { int: BigInt(v.length) } };
      return [{ measurement: 'modes', tags: { s: 'abc'[s] as string }, fields, timeNs: ns('2026-03-06T00:00:00Z') + BigInt(t) * MINUTE }];
    }),
  );
}

const { expectSame } = differentialFile({
  points: [
    ...devicehubPoints(ns('2026-03-07T00:00:00Z') - MINUTE, 1),
    ...devicehubPoints(ns('2026-03-09T06:00:00Z') - MINUTE, 1),
    ...mixedPoints(ns('2026-03-06T00:00:00Z'), 24 * 5),
    ...modePoints(),
    ...patternPoints(),
  ],
});

describe('the type check of SELECT fields answers as influxd 1.6.7 does', () => {
  it.each([
    'SELECT state * 2 FROM mixed',
    'SELECT state + state FROM mixed',
    "SELECT state + 'x' FROM mixed",
    'SELECT ok + ok FROM mixed',
    'SELECT value & 3 FROM mixed',
    'SELECT host * 2 FROM mixed',
    'SELECT value * 2, state * 2 FROM mixed',
    'SELECT (state * 2) + 1 FROM mixed',
    'SELECT 2 * (state) FROM mixed',
    'SELECT -state FROM mixed',
    'SELECT value * 2.5 + state FROM mixed',
    'SELECT value::string * 2 FROM mixed',
    'SELECT host::tag * 2 FROM mixed',
    'SELECT state * 2 FROM mixed, "Boiler.dev02"',
    `SELECT value_string * 2 AS doubled FROM ${PLC} WHERE ${DAY} GROUP BY /o/ LIMIT 1`,
    `SELECT value * 2 + tagName FROM ${PLC} WHERE ${DAY}`,
    `SELECT max(value), tagName * 2 FROM ${PLC} WHERE ${DAY}`,
    'SELECT first(state) * 2 FROM mixed',
    "SELECT first(state) + 'x' FROM mixed",
    'SELECT max(ok) * 2 FROM mixed',
    'SELECT mode(state) * 2 FROM mixed',
    'SELECT percentile(state, 50) * 2 FROM mixed',
    'SELECT distinct(state) * 2 FROM mixed',
    'SELECT spread(state) * 2 FROM mixed',
    'SELECT top(state, 2) * 2 FROM mixed',
    "SELECT count(value) * 'x' FROM mixed",
    'SELECT min(state) - mean(value) FROM mixed GROUP BY time(1h)',
    `SELECT mean(value) - min(value_string) FROM ${PLC} WHERE ${R12H} GROUP BY time(1d) fill(0)`,
    // No point of PLC in the range, but in its shard group (the second day reaches 2026-03-09T06:00): typed.
    `SELECT tagName * 2 FROM ${PLC} WHERE time >= '2026-03-10T00:00:00Z' AND time < '2026-03-11T00:00:00Z'`,
    `SELECT value_string * 2 FROM ${PLC} WHERE time >= '2026-03-10T00:00:00Z' AND time < '2026-03-11T00:00:00Z'`,
  ])('%s', (q) => expectSame(q, 'error'));

  it.each([
    // No shard group in the range: nothing has a type, nothing fails.
    `SELECT value_string * 2 FROM ${PLC} WHERE time >= '2026-03-20T00:00:00Z' AND time < '2026-03-21T00:00:00Z'`,
    `SELECT tagName * 2 FROM ${PLC} WHERE time >= '2026-03-20T00:00:00Z' AND time < '2026-03-21T00:00:00Z'`,
    'SELECT nosuch * 2 FROM mixed',
    'SELECT host::field * 2 FROM mixed',
    // A cast to another type reads nothing (floats and integers excepted): no row has a value.
    'SELECT state::float * 2 FROM mixed',
    'SELECT state::float FROM mixed',
    // WHERE is not type-checked: the operation is false there.
    'SELECT value FROM mixed WHERE state * 2 > 1',
    "SELECT value FROM mixed WHERE state + 'x' = 'RUNx'",
  ])('%s', (q) => expectSame(q, 'empty'));

  it.each([
    'SELECT ok & ok FROM mixed LIMIT 3',
    'SELECT ok ^ 1 FROM mixed LIMIT 2',
    'SELECT n & 3, n / 2 FROM mixed LIMIT 3',
    'SELECT n + value_string FROM mixed LIMIT 2',
    'SELECT n + nosuch FROM mixed LIMIT 2',
    'SELECT mean(state) * 2 FROM mixed',
    'SELECT count(state) * 2 FROM mixed',
    'SELECT value FROM mixed WHERE ok | 1 = false LIMIT 2',
    'SELECT state::integer, value FROM mixed LIMIT 2',
    'SELECT n::float * 1.5, value::integer FROM mixed LIMIT 3',
    'SELECT value::integer / 2 FROM mixed LIMIT 3',
    'SELECT ok::string, value FROM mixed LIMIT 2',
  ])('%s', async (q) => {
    await expectSame(q);
  });
});

describe('distinct() lists values in influxd 1.6.7 order under LIMIT and OFFSET', () => {
  it.each([
    `SELECT distinct(value) FROM /dev0[12]/ WHERE ${DAY} LIMIT 3`,
    `SELECT distinct(value) FROM /dev0[12]/ WHERE ${DAY} LIMIT 3 OFFSET 2`,
    `SELECT distinct(value) FROM /dev0[12]/ WHERE ${DAY} ORDER BY time DESC LIMIT 4 OFFSET 1`,
    `SELECT distinct(value) FROM ${PLC} WHERE ${DAY} GROUP BY time(1h) LIMIT 4`,
    `SELECT distinct(value) FROM ${PLC} WHERE ${DAY} GROUP BY time(1h), tagName ORDER BY time DESC LIMIT 2`,
    `SELECT distinct(value_string) FROM ${PLC} WHERE ${DAY} ORDER BY time DESC LIMIT 1 OFFSET 1`,
    'SELECT distinct(state) FROM mixed ORDER BY time DESC LIMIT 2',
    `SELECT distinct(state) FROM mixed WHERE ${R12H} GROUP BY time(6h) ORDER BY time DESC LIMIT 5`,
    'SELECT distinct(ok) FROM mixed ORDER BY time DESC LIMIT 1',
    'SELECT distinct(n) FROM mixed ORDER BY time DESC LIMIT 4',
    'SELECT distinct(n) FROM mixed GROUP BY host LIMIT 3 OFFSET 2',
    'SELECT distinct(value) FROM mixed GROUP BY dc ORDER BY time DESC LIMIT 3',
    `SELECT distinct(value) FROM mixed WHERE ${R12H} GROUP BY time(7h, 2h) LIMIT 6`,
  ])('%s', (q) => expectSame(q, 'rows'));
});

describe('ties come out in influxd 1.6.7 order', () => {
  it.each([
    // Raw points of one time from several series: the string auxiliary values, then Go's heap.
    `SELECT /a/ FROM /dev0[12]/ WHERE ${DAY} LIMIT 5`,
    `SELECT /a/ FROM /dev0[12]/ WHERE ${R12H} ORDER BY time DESC LIMIT 5 OFFSET 2`,
    `SELECT * FROM /dev0[12]/ WHERE ${R12H} ORDER BY time DESC LIMIT 7`,
    `SELECT value FROM ${PLC} WHERE ${R12H} LIMIT 3 OFFSET 3`,
    `SELECT value FROM ${PLC} WHERE ${R12H} ORDER BY time DESC LIMIT 3 OFFSET 1`,
    `SELECT value, tagName FROM /dev0[12]/ WHERE ${R12H} ORDER BY time DESC LIMIT 6`,
    `SELECT value_string, value FROM ${PLC} WHERE ${R12H} LIMIT 3`,
    `SELECT * FROM mixed, "Boiler.dev02" WHERE ${R12H} ORDER BY time DESC LIMIT 3`,
    `SELECT value FROM ${PLC} WHERE ${ACROSS} LIMIT 9`,
    `SELECT value FROM ${PLC} WHERE ${ACROSS} ORDER BY time DESC LIMIT 10 OFFSET 3`,
    `SELECT value FROM ${PLC} WHERE ${ACROSS} OFFSET 2`,
    // percentile() and mode() over equal values: Go's unstable sort picks the point.
    `SELECT percentile(value, 50) FROM ${PLC} WHERE ${DAY} GROUP BY /^tag/`,
    `SELECT percentile(value, 5) FROM ${PLC} WHERE ${DAY} GROUP BY tagName`,
    `SELECT percentile(value, 50), registerId FROM ${PLC} WHERE ${DAY} GROUP BY tagName`,
    `SELECT percentile(value, 10), tagName FROM /dev0[12]/ WHERE ${DAY} GROUP BY time(2h)`,
    `SELECT percentile(value, 50), tagID FROM ${PLC} WHERE ${DAY} AND value < 2`,
    'SELECT percentile(n, 20), state FROM mixed GROUP BY time(12h) LIMIT 5',
    `SELECT mode(value_string) FROM ${PLC} WHERE ${DAY} GROUP BY time(1h)`,
    `SELECT mode(value_string) FROM /dev0[12]/ WHERE ${DAY} GROUP BY time(30m)`,
    `SELECT mode(value) FROM ${PLC} WHERE ${DAY} AND tagName = 'Status' GROUP BY time(7m) LIMIT 12`,
    `SELECT mode(value) FROM mixed, "Boiler.dev02" WHERE ${DAY} GROUP BY time(1h) LIMIT 4`,
    // Under ORDER BY time DESC the points reach the sort newest first.
    `SELECT mode(value_string) FROM ${PLC} WHERE ${DAY} GROUP BY /^tag/ ORDER BY time DESC`,
    `SELECT mode(value_string) FROM ${PLC} WHERE ${DAY} GROUP BY time(1h) ORDER BY time DESC LIMIT 5`,
    `SELECT percentile(value, 50), tagName FROM ${PLC} WHERE ${DAY} AND tagName = 'Status' ORDER BY time DESC`,
    `SELECT percentile(value, 30) FROM ${PLC} WHERE ${DAY} AND tagName = 'Status' GROUP BY time(2h) ORDER BY time DESC`,
    `SELECT min(value), tagName FROM /dev0[12]/ WHERE ${DAY} ORDER BY time DESC`,
    'SELECT percentile(v, 2) FROM pd',
    'SELECT percentile(v, 50) FROM pd',
    'SELECT percentile(v, 90) FROM pd',
    'SELECT mode(v) FROM modes',
    'SELECT mode(v) FROM modes ORDER BY time DESC',
    'SELECT mode(n) FROM modes',
    "SELECT mode(v) FROM modes WHERE time >= '2026-03-06T00:00:00Z' AND time < '2026-03-06T00:10:00Z' GROUP BY time(2m)",
    'SELECT percentile(n, 50), s FROM modes',
    'SELECT mode(n) FROM mixed GROUP BY time(12h) LIMIT 6',
    'SELECT mode(ok) FROM mixed GROUP BY time(5h) LIMIT 6',
  ])('%s', (q) => expectSame(q, 'rows'));
});

describe('the tags and fields beside a selector are filled as influxd 1.6.7 fills them', () => {
  const R = "time > '2026-03-06T05:30:00Z' AND time <= '2026-03-07T00:00:00Z' AND host = 'a'";
  it.each([
    // fill(number) is the value of every missing one, also in windows with points; fill(previous) repeats them.
    `SELECT max(value), host FROM mixed WHERE ${R} GROUP BY time(90m) fill(0)`,
    `SELECT max(value), host, state FROM mixed WHERE ${R} GROUP BY time(90m) fill(-1)`,
    `SELECT max(value), n FROM mixed WHERE ${R} GROUP BY time(90m) fill(7)`,
    `SELECT max(value), host FROM mixed WHERE ${R} GROUP BY time(90m) fill(previous)`,
    `SELECT max(value), host FROM mixed WHERE ${R} GROUP BY time(90m) fill(linear)`,
    `SELECT max(value), tagName FROM /dev0[12]/ WHERE ${R12H} GROUP BY time(90m), * fill(previous)`,
    `SELECT max(value), tagName FROM mixed, "Boiler.dev02" WHERE ${DAY} GROUP BY time(1d), tagName fill(0)`,
    `SELECT max(value), tagName FROM mixed, "Boiler.dev02" WHERE ${DAY} fill(0)`,
  ])('%s', (q) => expectSame(q, 'rows'));
});

describe('stddev() of one point is a null row that fill() leaves alone, as in influxd 1.6.7', () => {
  it.each([
    `SELECT count(value), stddev(value) FROM mixed, "Boiler.dev02" WHERE ${DAY} GROUP BY time(1h, 15m) fill(0)`,
    `SELECT stddev(value) FROM mixed WHERE ${DAY} GROUP BY time(1h) fill(none)`,
    `SELECT stddev(value) FROM mixed WHERE ${DAY} GROUP BY time(30m) fill(previous)`,
    `SELECT stddev(value) FROM mixed WHERE ${DAY} GROUP BY time(30m) fill(linear)`,
    `SELECT stddev(value) FROM mixed WHERE ${DAY} GROUP BY time(2h) fill(0)`,
    "SELECT stddev(value) FROM mixed WHERE time >= '2026-03-06T00:00:00Z' AND time < '2026-03-06T01:00:00Z' fill(0)",
  ])('%s', (q) => expectSame(q, 'rows'));
});

describe('percentile() with too few points in a group\'s first window ends its output, as in influxd 1.6.7', () => {
  const R = "time > '2026-03-06T05:30:00Z' AND time <= '2026-03-07T00:00:00Z'";
  it.each([
    `SELECT percentile(value, 5) FROM /dev0[12]/ WHERE ${R} GROUP BY time(7m) fill(-1) ORDER BY time DESC`,
    `SELECT percentile(value, 5) FROM /dev0[12]/ WHERE ${R} GROUP BY time(7m, 15m) ORDER BY time DESC LIMIT 3 tz('Asia/Kolkata')`,
    `SELECT percentile(value, 5) FROM mixed WHERE ${R} GROUP BY time(1d), host`,
    `SELECT percentile(value, 5) FROM mixed WHERE ${R} GROUP BY time(2h), host`,
  ])('%s', (q) => expectSame(q, 'empty'));

  it.each([
    `SELECT percentile(value, 5) FROM /dev0[12]/ WHERE ${R} GROUP BY time(7m)`,
    `SELECT percentile(value, 5) FROM /dev0[12]/ WHERE ${R} GROUP BY time(7m) fill(none)`,
    `SELECT percentile(value, 5), max(value) FROM mixed WHERE ${R} GROUP BY host`,
    `SELECT percentile(value, 90) FROM mixed WHERE ${R} GROUP BY time(3h), host fill(0)`,
    `SELECT percentile(value, 101) FROM mixed WHERE ${R} GROUP BY time(3h) fill(0)`,
  ])('%s', (q) => expectSame(q, 'rows'));
});
