// GROUP BY /regex/ and GROUP BY * against a real influxd 1.6.7: a regex groups by the tag keys it matches among
// all sources' keys (a series without one of them groups under ''), beside named tags, time() and `*`;
// SELECT * under it lists fields only, as influxd expands it.
import { describe, it } from 'vitest';
import { differentialFile } from '../../../../../support/differential.ts';

const R2D = "time >= '2026-03-06T00:00:00Z' AND time < '2026-03-08T00:00:00Z'";
const R4H = "time >= '2026-03-06T00:00:00Z' AND time < '2026-03-06T04:00:00Z'";
const M = '"PLC-Line1.dev01"';

const { expectSame } = differentialFile();

describe('GROUP BY /regex/ answers as influxd 1.6.7 does', () => {
  it.each([
    `SELECT count(value) FROM mixed WHERE ${R2D} GROUP BY /h/`,
    `SELECT count(value) FROM mixed WHERE ${R2D} GROUP BY /./`,
    `SELECT count(value) FROM mixed WHERE ${R2D} GROUP BY /nomatch/`,
    `SELECT count(value) FROM mixed WHERE ${R2D} GROUP BY /value/`,
    `SELECT count(value) FROM mixed WHERE ${R2D} GROUP BY /(?i)HOST/`,
    `SELECT count(value) FROM mixed WHERE ${R2D} GROUP BY time(1d), /^d/`,
    `SELECT count(value) FROM mixed WHERE ${R2D} GROUP BY /^d/, host`,
    `SELECT count(value) FROM mixed WHERE ${R2D} GROUP BY host, /o/`,
    `SELECT count(value) FROM mixed WHERE ${R2D} GROUP BY *, /h/`,
    `SELECT count(value) FROM mixed WHERE ${R2D} GROUP BY /^d/ SLIMIT 2 SOFFSET 1`,
    `SELECT mean(value) FROM mixed WHERE ${R2D} GROUP BY time(12h), /h/ fill(none)`,
    `SELECT max(value), n FROM mixed WHERE ${R2D} GROUP BY /h/`,
    `SELECT top(value, dc, 2) FROM mixed WHERE ${R2D} GROUP BY /h/`,
    `SELECT value FROM mixed WHERE ${R4H} GROUP BY /o/`,
    `SELECT value, host FROM mixed WHERE ${R4H} GROUP BY /d/`,
    `SELECT * FROM mixed WHERE ${R4H} GROUP BY /o/`,
    `SELECT * FROM mixed WHERE ${R4H} GROUP BY /o/, dc`,
    `SELECT /o|a/ FROM mixed WHERE ${R4H} GROUP BY /h/`,
    `SELECT count(value) FROM ${M} WHERE time >= '2026-03-06T12:00:00Z' GROUP BY /Name|Id/`,
    `SELECT mean(value) FROM ${M} WHERE time >= '2026-03-06T12:00:00Z' GROUP BY time(4h), /^tag/`,
    // Keys of all sources together: a measurement without one groups under ''.
    `SELECT count(value) FROM mixed, ${M} WHERE time >= '2026-03-06T00:00:00Z' GROUP BY /^(tag|host)/`,
    `SELECT count(value) FROM /dev0[12]|mixed/ WHERE time >= '2026-03-06T00:00:00Z' GROUP BY /I/`,
    `SELECT count(value) FROM mixed, ${M} WHERE time >= '2026-03-06T00:00:00Z' GROUP BY *`,
    `SELECT last(value) FROM mixed, ${M} WHERE time >= '2026-03-06T00:00:00Z' GROUP BY *, /I/`,
  ])('%s', async (q) => {
    await expectSame(q, 'rows');
  });
});
