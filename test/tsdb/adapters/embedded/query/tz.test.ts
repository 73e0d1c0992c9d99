// tz() across daylight-saving changes against a real influxd 1.6.7: GROUP BY time(1h), time(1d) and intervals
// that do not divide a day, over ranges holding a spring-forward or fall-back change in Europe/Berlin and
// America/New_York, ascending and descending, with offsets and fill modes. Bucket boundaries and the printed
// times with their UTC offsets (the Influx API's own formatting) must equal influxd's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devicehubPoints } from '../../../../../support/devicehub-points.ts';
import { outcome, startInfluxqlPair, type InfluxqlPair } from '../../../../../support/influxql-pair.ts';
import { mixedPoints } from '../../../../../support/mixed-points.ts';

const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;
const range = (from: string, to: string) => `time >= '${from}' AND time < '${to}'`;
// Changes inside the data: New York 2026-03-08 07:00Z (spring), Berlin 2026-03-29 01:00Z (spring),
// Berlin 2026-10-25 01:00Z (fall), New York 2026-11-01 06:00Z (fall).
const NY_SPRING = range('2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z');
const BERLIN_FALL = range('2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z');
const NY_FALL = range('2026-10-30T00:00:00Z', '2026-11-02T12:00:00Z');
const BERLIN_SPRING = range('2026-03-28T12:00:00Z', '2026-03-30T00:00:00Z');
const M = '"PLC-Line1.dev01"';
const ZONES = ['Europe/Berlin', 'America/New_York'];

let pair: InfluxqlPair;

beforeAll(async () => {
  pair = await startInfluxqlPair([
    ...devicehubPoints(ns('2026-03-30T00:00:00Z') - 60_000_000_000n, 2),
    ...mixedPoints(ns('2026-03-06T00:00:00Z'), 24 * 6),
    ...mixedPoints(ns('2026-10-23T00:00:00Z'), 24 * 11),
  ]);
}, 120_000);
afterAll(async () => {
  await pair?.close();
});

const grouped: string[] = [];
for (const tz of ZONES) {
  for (const [m, r] of [['mixed', NY_SPRING], ['mixed', BERLIN_FALL], ['mixed', NY_FALL], [M, BERLIN_SPRING]] as const) {
    for (const g of ['time(1h)', 'time(1d)', 'time(2h)', 'time(3h)', 'time(30m)', 'time(1d, 3h)', 'time(1d, -1h)']) {
      grouped.push(`SELECT count(value), mean(value) FROM ${m} WHERE ${r} GROUP BY ${g} tz('${tz}')`);
    }
    grouped.push(`SELECT count(value) FROM ${m} WHERE ${r} GROUP BY time(2h) ORDER BY time DESC tz('${tz}')`);
    grouped.push(`SELECT count(value) FROM ${m} WHERE ${r} GROUP BY time(1d) ORDER BY time DESC tz('${tz}')`);
  }
  for (const f of ['fill(none)', 'fill(previous)', 'fill(linear)', 'fill(7)']) {
    grouped.push(`SELECT max(value) FROM mixed WHERE ${BERLIN_FALL} AND host = 'a' GROUP BY time(6h) ${f} tz('${tz}')`);
  }
  grouped.push(
    `SELECT count(value) FROM mixed WHERE ${BERLIN_FALL} GROUP BY time(3h) ORDER BY time DESC tz('${tz}')`,
    `SELECT count(value) FROM mixed WHERE ${BERLIN_FALL} GROUP BY time(4h) fill(linear) tz('${tz}')`,
    `SELECT count(value) FROM mixed WHERE ${BERLIN_FALL} GROUP BY time(2h, 30m) tz('${tz}')`,
    `SELECT mean(value) FROM mixed WHERE time > '2026-10-20T00:00:00Z' AND time < '2026-11-03T00:00:00Z' GROUP BY time(1d), host tz('${tz}')`,
    `SELECT top(value, 2) FROM mixed WHERE ${BERLIN_FALL} GROUP BY time(1d) tz('${tz}')`,
    `SELECT max(value), host FROM mixed WHERE ${BERLIN_FALL} GROUP BY time(1d) tz('${tz}')`,
    `SELECT value FROM mixed WHERE time >= '2026-10-25T00:00:00Z' AND time < '2026-10-25T04:00:00Z' tz('${tz}')`,
  );
}
grouped.push(
  // No lower bound: the windows start at the first point.
  "SELECT mean(value) FROM mixed WHERE time < '2026-11-03T00:00:00Z' GROUP BY time(1d) tz('Europe/Berlin')",
  "SELECT count(value) FROM mixed WHERE time >= '2026-10-20T00:00:00Z' AND time < '2026-11-03T00:00:00Z' GROUP BY time(1w) tz('Europe/Berlin')",
  `SELECT count(value) FROM mixed WHERE ${BERLIN_FALL} GROUP BY time(1d) tz('Asia/Kolkata')`,
  `SELECT count(value) FROM mixed WHERE ${BERLIN_FALL} GROUP BY time(90m) tz('Europe/Berlin')`,
);

describe('tz() across daylight-saving changes answers as influxd 1.6.7 does', () => {
  it.each(grouped)('%s', async (q) => {
    const { diff, theirs } = await pair.compare(q);
    expect(diff).toBe('');
    expect(outcome(theirs)).toBe('rows');
  });

  it('starts Berlin days at local midnight on both sides of the fall-back change (25 hours on 2026-10-25)', async () => {
    const { theirs } = await pair.compare(`SELECT count(value) FROM mixed WHERE ${BERLIN_FALL} GROUP BY time(1d) tz('Europe/Berlin')`);
    const values = (theirs.body as { results: { series: { values: [string, number][] }[] }[] }).results[0]?.series[0]?.values;
    expect(values).toEqual([
      ['2026-10-24T00:00:00+02:00', 22],
      ['2026-10-25T00:00:00+02:00', 25],
      ['2026-10-26T00:00:00+01:00', 24],
      ['2026-10-27T00:00:00+01:00', 1],
    ]);
  });
});
