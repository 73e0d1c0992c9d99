// top() and bottom() against a real influxd 1.6.7: tag arguments (one point per distinct tag value competes,
// the tags come back as columns), GROUP BY time and tags, other fields and tags beside a selector, ORDER BY
// DESC, influxd's LIMIT pushdown into the points that compete, and every refusal in influxd's words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devicehubPoints } from '../../../../../support/devicehub-points.ts';
import { outcome, startInfluxqlPair, type InfluxqlPair } from '../../../../../support/influxql-pair.ts';
import { mixedPoints } from '../../../../../support/mixed-points.ts';

const DAY_START = '2026-03-28T00:00:00Z';
const END_NS = BigInt(Date.parse('2026-03-29T00:00:00Z')) * 1_000_000n - 60_000_000_000n;
const MIXED_START = '2026-03-06T00:00:00Z';
const M = '"PLC-Line1.dev01"';
const R6H = `time >= '${DAY_START}' AND time < '2026-03-28T06:00:00Z'`;
const RMIX = `time >= '${MIXED_START}' AND time < '2026-03-09T00:00:00Z'`;

let pair: InfluxqlPair;

beforeAll(async () => {
  pair = await startInfluxqlPair([...devicehubPoints(END_NS, 2), ...mixedPoints(BigInt(Date.parse(MIXED_START)) * 1_000_000n, 24 * 11)]);
}, 120_000);
afterAll(async () => {
  await pair?.close();
});

describe('top() and bottom() answer as influxd 1.6.7 does', () => {
  it.each([
    // Tag arguments: the max (bottom: min) per tag value competes; the tags are columns.
    `SELECT top(value, tagName, 2) FROM ${M} WHERE ${R6H}`,
    `SELECT top(value, tagName, 9) FROM ${M} WHERE ${R6H}`,
    `SELECT bottom(value, tagName, 3) FROM ${M} WHERE ${R6H}`,
    `SELECT top(value, tagName, registerId, 3) FROM ${M} WHERE ${R6H}`,
    `SELECT top(value, tagName, 2) AS t FROM ${M} WHERE ${R6H}`,
    `SELECT top(value, tagName, 2) * 2 FROM ${M} WHERE ${R6H}`,
    `SELECT top(value, value_string, 2) FROM ${M} WHERE ${R6H}`,
    `SELECT top(value, nosuchtag, 2) FROM ${M} WHERE ${R6H}`,
    `SELECT top(value, tagName, 2) FROM /dev0[12]/ WHERE ${R6H}`,
    'SELECT top(n, host, 2) FROM mixed',
    'SELECT bottom(n, host, dc, 2) FROM mixed',
    'SELECT top(value, host, host, 2) FROM mixed',
    // With GROUP BY time and tags.
    `SELECT top(value, tagName, 2) FROM ${M} WHERE ${R6H} GROUP BY time(1h)`,
    `SELECT top(value, tagName, 2) FROM ${M} WHERE ${R6H} GROUP BY time(1h) fill(none)`,
    `SELECT top(value, tagName, 2) FROM ${M} WHERE ${R6H} GROUP BY time(2h), tagID`,
    `SELECT bottom(value, tagName, 1) FROM ${M} WHERE ${R6H} GROUP BY tagName`,
    `SELECT top(value, 2) FROM ${M} WHERE ${R6H} GROUP BY time(2h), tagID`,
    `SELECT top(value, host, 1) FROM mixed WHERE ${RMIX} GROUP BY time(12h)`,
    `SELECT top(value, 3) FROM ${M} WHERE ${R6H} GROUP BY * SLIMIT 2`,
    // Other fields and tags beside one selector come from the point it picked.
    `SELECT top(value, 2), tagName FROM ${M} WHERE ${R6H}`,
    `SELECT top(value, 2), tagName, registerId FROM ${M} WHERE ${R6H}`,
    `SELECT top(value, 2), value_string FROM ${M} WHERE ${R6H}`,
    `SELECT top(value, tagName, 2), registerId FROM ${M} WHERE ${R6H}`,
    'SELECT top(value, dc, 3), host, n FROM mixed',
    'SELECT top(value, 2), * FROM mixed',
    'SELECT top(value, 2), time FROM mixed',
    `SELECT max(value), tagName FROM ${M} WHERE ${R6H}`,
    `SELECT bottom(value, 3), tagName FROM ${M} WHERE ${R6H} GROUP BY time(2h)`,
    `SELECT max(value), host, dc FROM mixed WHERE ${RMIX} GROUP BY time(1d)`,
    `SELECT min(value), host FROM mixed WHERE ${RMIX} GROUP BY time(12h) fill(previous)`,
    `SELECT last(value) AS l, host FROM mixed WHERE ${RMIX} GROUP BY dc`,
    `SELECT max(ok), min(ok) FROM mixed WHERE ${RMIX}`,
    // ORDER BY time DESC: buckets reversed, each bucket's rows still in time order.
    `SELECT top(value, 2) FROM ${M} WHERE ${R6H} ORDER BY time DESC`,
    `SELECT top(value, tagName, 2) FROM ${M} WHERE ${R6H} GROUP BY time(2h) ORDER BY time DESC`,
    `SELECT top(value, tagName, 2) FROM ${M} WHERE ${R6H} ORDER BY time DESC LIMIT 3`,
    // LIMIT and OFFSET reach the points that compete (first LIMIT+OFFSET+1 per shard and group).
    `SELECT top(value, 3) FROM mixed WHERE ${RMIX} GROUP BY time(1d) LIMIT 4`,
    `SELECT top(value, 2) FROM mixed WHERE ${RMIX} LIMIT 3`,
    `SELECT top(value, 2) FROM mixed WHERE ${RMIX} GROUP BY time(1d) OFFSET 1`,
    `SELECT top(value, 3) FROM mixed WHERE ${RMIX} GROUP BY time(1d), host LIMIT 3`,
    'SELECT bottom(value, 3) FROM mixed WHERE time >= \'2026-03-06T00:00:00Z\' AND time < \'2026-03-12T00:00:00Z\' GROUP BY time(1d) LIMIT 4',
    `SELECT top(value, host, 2) FROM mixed WHERE ${RMIX} GROUP BY time(1d) LIMIT 2`,
  ])('%s', async (q) => {
    const { diff, theirs } = await pair.compare(q);
    expect(diff).toBe('');
    expect(outcome(theirs)).toBe('rows');
  });

  it.each([
    `SELECT top(value, 'tagName', 2) FROM ${M}`,
    `SELECT top(value, tagName, 2.5) FROM ${M}`,
    `SELECT top(value, tagName) FROM ${M}`,
    `SELECT top(value) FROM ${M}`,
    `SELECT top(value, 0) FROM ${M}`,
    `SELECT top(value, 5) FROM ${M} LIMIT 3`,
    'SELECT top(*, 2) FROM mixed',
    'SELECT top(/val/, 2) FROM mixed',
    'SELECT top(value, 2), mean(value) FROM mixed',
    'SELECT top(value, 2), top(n, 2) FROM mixed',
    'SELECT top(value, 2), bottom(value, 2) FROM mixed',
    'SELECT max(value), max(n), host FROM mixed',
    'SELECT max(value), count(n), host FROM mixed',
    'SELECT 1 + value, count(n) FROM mixed',
    `SELECT top(value_string, 2) FROM ${M} WHERE ${R6H}`,
    `SELECT top(value_string, tagName, 2) FROM ${M} WHERE ${R6H}`,
    `SELECT bottom(value_string, 2) FROM ${M} WHERE ${R6H}`,
    'SELECT top(ok, 2) FROM mixed',
    'SELECT top(ok, host, 2) FROM mixed',
    'SELECT bottom(ok, host, 2) FROM mixed',
  ])('refuses %s', async (q) => {
    const { diff, theirs } = await pair.compare(q);
    expect(diff).toBe('');
    expect(outcome(theirs)).toBe('error');
  });

  it('refuses top() of a string field only where the range holds points (influxd builds no iterator elsewhere)', async () => {
    const q = "SELECT top(state, 2) FROM mixed WHERE time < '2020-01-01T00:00:00Z'";
    const { diff, theirs } = await pair.compare(q);
    expect(diff).toBe('');
    expect(outcome(theirs)).toBe('empty');
  });
});
