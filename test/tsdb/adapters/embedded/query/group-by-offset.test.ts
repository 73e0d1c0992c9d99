// GROUP BY time(interval, offset) against a real influxd 1.6.7: duration offsets negative, larger than the
// interval or of a nanosecond, literal arithmetic in the arguments, zero and negative intervals, now() as the
// offset (influxd 1.6.7 takes it: the phase of now() counted from Go's zero time, so a week starts on the
// weekday of now, not of 1970), and every refusal in influxd's words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimeString } from '../../../../../src/influxql/time-range.ts';
import { normalise, outcome, startInfluxqlPair, type Answer, type InfluxqlPair } from '../../../../../support/influxql-pair.ts';
import { mixedPoints } from '../../../../../support/mixed-points.ts';

const R6H = "time >= '2026-03-06T00:00:00Z' AND time < '2026-03-06T06:00:00Z'";
const R4D = "time >= '2026-03-06T00:00:00Z' AND time < '2026-03-10T00:00:00Z'";

let pair: InfluxqlPair;

beforeAll(async () => {
  pair = await startInfluxqlPair(mixedPoints(BigInt(Date.parse('2026-03-06T00:00:00Z')) * 1_000_000n, 24 * 11));
}, 120_000);
afterAll(async () => {
  await pair?.close();
});

type Series = { columns: string[]; values: unknown[][] }[];
const seriesOf = (a: Answer): Series => (a.body as { results: { series?: Series }[] }).results[0]?.series ?? [];

describe('GROUP BY time(interval, offset) answers as influxd 1.6.7 does', () => {
  it.each([
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, -1h)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, -20m)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, 2h30m)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, -2h30m)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, 1000d)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, 1h1ns)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, -1ns)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(2h, -1h) fill(0)`,
    `SELECT count(value), max(n) FROM mixed WHERE ${R6H} GROUP BY time(1h, 15m) fill(none)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, -15m) ORDER BY time DESC`,
    `SELECT mean(value) FROM mixed WHERE ${R4D} GROUP BY time(1d, -25h), host`,
    `SELECT mean(value) FROM mixed WHERE ${R4D} GROUP BY time(1w, 3d)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, -20m) tz('Asia/Kolkata')`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, 1m + 1m)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h + 1h)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(30m * 2, (10m))`,
    // A zero or negative interval makes one window, as no GROUP BY time would.
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(0s)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(-1h)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(0s, now())`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(0s), time(1h)`,
    `SELECT value FROM mixed WHERE ${R6H} GROUP BY time(0s)`,
  ])('%s', async (q) => {
    const { diff, theirs } = await pair.compare(q);
    expect(diff).toBe('');
    expect(outcome(theirs)).toBe('rows');
  });

  it.each([
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, now(1))`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, mean(1))`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, now() - 1m)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, 'abc')`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, '2026-03-06T00:20:00Z')`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, '2026-03-06')`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, '2026-13-45')`,
    `SELECT foo(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, '2026-03-06')`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, 5)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, "x")`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, 10m, 5m)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time()`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h), time(2h)`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY mean(value)`,
    `SELECT value FROM mixed WHERE ${R6H} GROUP BY time(-1h)`,
  ])('refuses %s', async (q) => {
    const { diff, theirs } = await pair.compare(q);
    expect(diff).toBe('');
    expect(outcome(theirs)).toBe('error');
  });

  // influxd's now() is its own clock's: the rows must match with every time moved by one small constant.
  it.each([
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, now())`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(7m, now())`,
    `SELECT mean(value), count(n) FROM mixed WHERE ${R4D} GROUP BY time(1d, now()), host fill(none)`,
    `SELECT mean(value) FROM mixed WHERE time >= '2026-03-06T00:00:00Z' AND time < '2026-03-17T00:00:00Z' GROUP BY time(1w, now())`,
    `SELECT mean(value) FROM mixed WHERE ${R6H} GROUP BY time(1h, now()) ORDER BY time DESC tz('Europe/Berlin')`,
  ])('%s', async (q) => {
    const before = BigInt(Date.now()) * 1_000_000n;
    const theirs = await pair.theirs(q);
    const after = BigInt(Date.now()) * 1_000_000n;
    const ours = await pair.ours(q, before);
    const [a, b] = [seriesOf(theirs), seriesOf(ours)];
    expect(a.length).toBeGreaterThan(0);
    const times = (s: Series) => s.flatMap((x) => x.values.map((row) => parseTimeString(String(row[0])) as bigint));
    const deltas = new Set(times(a).map((t, i) => t - (times(b)[i] ?? 0n)));
    expect(deltas.size).toBe(1);
    const [delta] = [...deltas] as [bigint];
    expect(delta >= 0n && delta <= after - before + 1_000_000n).toBe(true);
    const withoutTimes = (s: Series) => JSON.stringify(normalise(s.map((x) => ({ ...x, values: x.values.map((row) => row.slice(1)) }))));
    expect(withoutTimes(b)).toBe(withoutTimes(a));
  });
});
