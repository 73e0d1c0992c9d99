// What the random probe (support/influxql-probe.ts) found and the engine now answers as influxd 1.6.7 does:
// ORDER BY time DESC lists series in reverse, a WHERE tag a measurement lacks reads '', fill(number) of a
// string or boolean call, and OFFSET without LIMIT on a raw SELECT (influxd's storage limit leaves one row).
import { describe, it } from 'vitest';
import { differentialFile } from '../../../../../support/differential.ts';

const R12H = "time >= '2026-03-06T00:00:00Z' AND time < '2026-03-06T12:00:00Z'";

const { expectSame } = differentialFile();

describe('SELECT details answer as influxd 1.6.7 does', () => {
  it.each([
    `SELECT count(value), first(value) FROM /dev0[12]/ WHERE ${R12H} ORDER BY time DESC`,
    `SELECT stddev(value) FROM mixed, "Boiler.dev02" WHERE ${R12H} GROUP BY time(1d) fill(none) ORDER BY time DESC LIMIT 2`,
    `SELECT median(value) FROM "PLC-Line1.dev01" WHERE ${R12H} GROUP BY time(2h), registerId ORDER BY time DESC`,
    `SELECT max(ok) FROM mixed WHERE ${R12H} GROUP BY time(7m), dc ORDER BY time DESC LIMIT 1`,
    `SELECT first(value), max(value) FROM mixed, "Boiler.dev02" WHERE ${R12H} AND dc != 'y'`,
    `SELECT sum(value) FROM mixed, "Boiler.dev02" WHERE ${R12H} AND dc != 'y' GROUP BY time(2h, 1h), *`,
    `SELECT count(value) FROM mixed, "Boiler.dev02" WHERE ${R12H} AND nosuchtag = ''`,
    `SELECT first(state), last(ok) FROM mixed WHERE ${R12H} GROUP BY time(7m) fill(0)`,
    `SELECT value FROM "PLC-Line1.dev01" WHERE ${R12H} AND value > 25 OFFSET 1`,
    `SELECT value FROM mixed WHERE ${R12H} GROUP BY host OFFSET 2`,
    `SELECT time AS ts, value FROM mixed WHERE ${R12H} LIMIT 3`,
    `SELECT time AS ts, max(value), host FROM mixed WHERE ${R12H}`,
  ])('%s', async (q) => {
    await expectSame(q, 'rows');
  });
});
