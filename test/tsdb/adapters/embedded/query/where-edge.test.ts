// WHERE edges against a real influxd 1.6.7, compared as exact JSON: math calls in conditions (which
// fields they read, integers kept, abs of an integer unchanged), arithmetic and bitwise leaves that keep
// every row unless the index reads them as a tag against a string, regex or tag, literal folding, durations
// past int64, and the order of groups and series whose tag values hold ' ', ',', '=' or '|'.
import { describe, it } from 'vitest';
import type { LinePoint } from '../../../../../src/tsdb/adapters/embedded/index.ts';
import { differentialFile } from '../../../../../support/differential.ts';

const T0 = 1772755200000000000n; // 2026-03-06T00:00:00Z

/** `odd`: tag values and keys that line protocol escapes or that sort around the separators; and measurements named so. */
function oddPoints(): LinePoint[] {
  const points: LinePoint[] = [];
  const ts = ['a', 'a b', 'a,b', 'a=b', 'a|b', 'a-b', 'ab', 'a\\b', 'a"b', 'A', 'a!b', 'a+b', 'a#b', 'a~b', 'a}b'];
  ts.forEach((t, i) =>
    ['x', 'x y', 'x,y', 'x=y'].forEach((u, j) => {
      points.push({ measurement: 'odd', tags: { t, u }, fields: { value: i * 10 + j }, timeNs: T0 + BigInt(i * 4 + j) * 60_000_000_000n });
    }),
  );
  points.push({ measurement: 'odd', tags: { t: 'a', 't k': '1' }, fields: { value: 1 }, timeNs: T0 + 1n });
  points.push({ measurement: 'odd', tags: { t: 'a', 't,k': '1' }, fields: { value: 1 }, timeNs: T0 + 2n });
  points.push({ measurement: 'odd', tags: { t: 'a b', 't=k': '1' }, fields: { value: 1 }, timeNs: T0 + 3n });
  ['od', 'od d', 'od,d', 'od!', 'od=d', 'od|d'].forEach((m, i) =>
    ['a', 'a b', 'a|b', 'a,b'].forEach((t, j) => points.push({ measurement: m, tags: { t }, fields: { value: j }, timeNs: T0 + BigInt(i * 1000 + j) })),
  );
  return points;
}

const { expectSame } = differentialFile({ extra: oddPoints() });

describe('math calls in WHERE answer as influxd 1.6.7 does', () => {
  it.each([
    ['SELECT value FROM mixed WHERE floor(value) = 7', 'rows'],
    ['SELECT value FROM mixed WHERE ceil(value) = 8', 'rows'],
    ['SELECT value FROM mixed WHERE round(value) = 8 AND round(-value) = -8', 'rows'],
    ['SELECT value FROM mixed WHERE abs(value) > 20', 'rows'],
    ['SELECT value FROM mixed WHERE sqrt(value) > 4.5', 'rows'],
    ['SELECT value FROM mixed WHERE pow(value, 2) > 400', 'rows'],
    ['SELECT value FROM mixed WHERE ln(value) > 3 OR log2(value) < 0', 'rows'],
    ['SELECT value FROM mixed WHERE log10(value) > 1.3', 'rows'],
    ['SELECT value FROM mixed WHERE exp(value) > 100000000', 'rows'],
    ['SELECT value FROM mixed WHERE sin(value) > 0.9 OR cos(value) > 0.9', 'rows'],
    ['SELECT value FROM mixed WHERE tan(value) > 3', 'rows'],
    ['SELECT value FROM mixed WHERE asin(value) > 0.5 OR acos(value) < 1.1', 'rows'],
    ['SELECT value FROM mixed WHERE atan(value) > 1.52', 'rows'],
    ['SELECT count(value) FROM mixed WHERE atan2(value, 2) > 1.4', 'rows'],
    ['SELECT value FROM mixed WHERE floor(n) = 7 OR sqrt(n) > 3', 'rows'],
    ['SELECT value FROM mixed WHERE pow(n, 2) = 49', 'rows'],
    ['SELECT count(value) FROM mixed WHERE floor((value)) = 7 AND host = \'a\'', 'rows'],
    ['SELECT count(value) FROM mixed WHERE floor(value) = floor(7.5)', 'rows'],
    ['SELECT count(value) FROM mixed WHERE floor(value) + 1 > 7', 'rows'],
    ['SELECT count(value) FROM mixed WHERE floor(1 + 1) = 2', 'rows'],
    ['SELECT count(value) FROM mixed WHERE ln(0) < 0', 'rows'],
    // A field only inside an argument's arithmetic is not read: null, so no rows.
    ['SELECT count(value) FROM mixed WHERE asin(value / 30) > 0.7', 'empty'],
    ['SELECT count(value) FROM mixed WHERE floor(value + 1) = 8', 'empty'],
    ['SELECT count(value) FROM mixed WHERE floor(floor(value)) = 7', 'empty'],
    // abs, floor, ceil and round hand an integer back unchanged.
    ['SELECT count(value) FROM mixed WHERE abs(-7) = 7', 'empty'],
    ['SELECT count(value) FROM mixed WHERE floor(state) = 7 OR floor(ok) = 7 OR floor(host) = 7', 'empty'],
  ])('%s', expectSame);

  it.each([
    'SELECT value FROM mixed WHERE log(value, 2) > 4.3',
    'SELECT value FROM mixed WHERE floor(value, 2) = 7',
    'SELECT value FROM mixed WHERE mean(value) = 7',
    'SELECT value FROM mixed WHERE foo(value) = 7',
    'SELECT count(value) FROM mixed WHERE floor(value)',
  ])('%s is refused in its words', (q) => expectSame(q, 'error'));
});

describe('conditions that are not comparisons answer as influxd 1.6.7 does', () => {
  it.each([
    ['SELECT count(value) FROM mixed WHERE value + 1', 'rows'],
    ['SELECT count(value) FROM mixed WHERE (value + 1) OR false', 'rows'],
    ['SELECT value FROM mixed WHERE value + 1 AND host = \'a\' LIMIT 3', 'rows'],
    ['SELECT count(value) FROM mixed WHERE ok ^ true', 'rows'],
    ['SELECT count(value) FROM mixed WHERE true ^ ok AND value > 10', 'rows'],
    ['SELECT count(value) FROM mixed WHERE ok & true OR value > 10', 'rows'],
    ['SELECT count(value) FROM mixed WHERE (value > 10) ^ true', 'rows'],
    ['SELECT count(value) FROM mixed WHERE n & 1', 'rows'],
    ['SELECT count(value) FROM mixed WHERE nosuch + 1', 'rows'],
    ['SELECT count(value) FROM mixed WHERE host + 1', 'rows'],
    ['SELECT count(value) FROM mixed WHERE 1 + host', 'rows'],
    ['SELECT count(value) FROM mixed WHERE host + value', 'rows'],
    ['SELECT count(value) FROM mixed WHERE host::tag + 1', 'rows'],
    ['SELECT count(value) FROM mixed WHERE (ok ^ true) = true', 'rows'],
    ['SELECT count(value) FROM mixed WHERE true ^ false', 'rows'],
    ['SELECT count(value) FROM mixed WHERE floor(value) = 7 AND host = \'a\' + \'\'', 'rows'],
    // The index reads a tag against a string or another tag, and no series has that.
    ['SELECT count(value) FROM mixed WHERE host + \'x\'', 'empty'],
    ['SELECT count(value) FROM mixed WHERE host ^ \'x\' OR host + dc', 'empty'],
    ['SELECT count(value) FROM mixed WHERE true ^ true', 'empty'],
  ])('%s', expectSame);

  it.each([
    'SELECT count(value) FROM mixed WHERE 1 + 2',
    "SELECT count(value) FROM mixed WHERE 'a' + 'b'",
    'SELECT count(value) FROM mixed WHERE value',
    'SELECT count(value) FROM mixed WHERE ok AND true',
  ])('%s is refused in its words', (q) => expectSame(q, 'error'));
});

describe('durations past int64 wrap as influxd 1.6.7 adds them', () => {
  it.each([
    ['SELECT count(value) FROM mixed WHERE time < now() + 100000000d', 'rows'],
    ["SELECT count(value) FROM mixed WHERE time > '2026-03-08T00:00:00Z' - 100000000d", 'rows'],
    ["SELECT count(value) FROM mixed WHERE time > '2026-03-06T00:00:00Z' + 100000000d", 'empty'],
    ['SELECT count(value) FROM mixed WHERE time < now() + 1h100000000d', 'rows'],
    ['SELECT count(value) FROM mixed WHERE time < now() + -100000000d', 'empty'],
    ["SELECT count(value) FROM mixed WHERE time >= '2026-03-06T00:00:00Z' AND time < '2026-03-07T00:00:00Z' GROUP BY time(100000000d)", 'rows'],
    ["SELECT count(value) FROM mixed WHERE time >= '2026-03-06T00:00:00Z' AND time < '2026-03-07T00:00:00Z' GROUP BY time(1d, 100000000d)", 'rows'],
    // A duration beside a row's value is a Go time.Duration there: null in arithmetic, false in comparisons.
    ['SELECT value + 100000000d, n * 1h FROM mixed LIMIT 2', 'rows'],
    ['SELECT count(value) FROM mixed WHERE value < 100000000d OR n < 1h OR n != 1h', 'empty'],
  ])('%s', expectSame);

  it.each([
    // (Not now() + 106751d: its error prints now() to the second, which two servers may straddle.)
    "SELECT count(value) FROM mixed WHERE time < '2026-03-06T00:00:00Z' + 106700d",
    'SELECT count(value) FROM mixed WHERE time < now() + 106752d',
    'SELECT count(value) FROM mixed WHERE time < now() + 106751d106751d',
    'SELECT count(value) FROM mixed WHERE time < now() + 9223372036854775808ns',
    'SELECT count(value) FROM mixed WHERE time < now() + 15251w',
  ])('%s is refused in its words', (q) => expectSame(q, 'error'));
});

describe('groups and series with escaped tag values come in influxd 1.6.7\'s order', () => {
  it.each([
    'SELECT count(value) FROM odd GROUP BY t',
    'SELECT count(value) FROM odd GROUP BY t, u',
    'SELECT count(value) FROM odd GROUP BY u, t',
    'SELECT count(value) FROM odd GROUP BY *',
    'SELECT count(value) FROM odd GROUP BY "t k", t',
    'SELECT count(value) FROM odd GROUP BY "t,k", "t=k"',
    'SELECT count(value) FROM /od/ GROUP BY t',
    'SELECT value FROM odd GROUP BY t, u ORDER BY time DESC LIMIT 1',
    // SLIMIT picks by the index's key (a series lacking a dimension sorts apart), the output is in the merge's order.
    'SELECT first(value) FROM odd GROUP BY t, u SLIMIT 5',
    'SELECT value FROM odd GROUP BY t, u LIMIT 1 SLIMIT 6 SOFFSET 2',
    'SELECT count(value) FROM odd GROUP BY t, "t k" SLIMIT 3',
    `SELECT mean(value) FROM odd WHERE time >= ${T0} AND time < ${T0 + 7_200_000_000_000n} GROUP BY time(30m), u, t SLIMIT 4 SOFFSET 1`,
    'SHOW SERIES',
    'SHOW SERIES FROM /od/ LIMIT 5 OFFSET 3',
    'SHOW SERIES FROM odd WHERE t =~ /a/ LIMIT 7',
    'SHOW TAG VALUES FROM /od/ WITH KEY IN (t, u)',
    'SHOW TAG KEYS FROM odd',
    'SHOW MEASUREMENTS',
  ])('%s', (q) => expectSame(q, 'rows'));
});
