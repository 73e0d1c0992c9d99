// The differential corpus: InfluxQL statements over the DeviceHub-shaped data set (devicehub-points.ts),
// covering every clause the embedded engine runs, Grafana's queries, empty results, bucket boundaries,
// regexes, fill modes and errors. Built from the data's first and last minute so times hit real points.
import { DEVICES } from '../../../../../support/devicehub-points.ts';
import { rfc3339Nano } from '../../../../../src/influx-api/time-format.ts';

const MIN = 60_000_000_000n;
const HOUR = 60n * MIN;

export function buildCorpus(startNs: bigint, endNs: bigint): string[] {
  const iso = (ns: bigint) => rfc3339Nano(ns);
  const m = DEVICES.map((d) => `"${d.name}.${d.id}"`);
  const [m0, m1, m2, m3] = m as [string, string, string, string];
  const day1 = startNs + 24n * HOUR;
  const r6h = `time >= '${iso(day1)}' AND time < '${iso(day1 + 6n * HOUR)}'`;
  const r1h = `time >= '${iso(day1 + 30n * MIN)}' AND time <= '${iso(day1 + 90n * MIN)}'`;
  // Device 0's 3-hour hole starts 600 minutes in (devicehub-points.ts): a range around it tests fill.
  const hole0 = startNs + 600n * MIN;
  const rHole = `time >= '${iso(hole0 - 2n * HOUR)}' AND time < '${iso(hole0 + 5n * HOUR)}'`;
  const mid = `time >= '${iso(day1 + 17n * MIN + 30_000_000_000n)}' AND time < '${iso(day1 + 4n * HOUR + 13n * MIN)}'`;
  const q: string[] = [];

  // SHOW statements.
  q.push(
    'SHOW DATABASES',
    'SHOW MEASUREMENTS',
    'SHOW MEASUREMENTS LIMIT 2',
    'SHOW MEASUREMENTS LIMIT 2 OFFSET 1',
    'SHOW MEASUREMENTS OFFSET 3',
    'SHOW MEASUREMENTS ON tsdata',
    'SHOW MEASUREMENTS WITH MEASUREMENT =~ /Boiler/',
    'SHOW MEASUREMENTS WITH MEASUREMENT =~ /^(PLC|Press)/',
    `SHOW MEASUREMENTS WITH MEASUREMENT = ${m1}`,
    'SHOW MEASUREMENTS WITH MEASUREMENT =~ /nothing-matches/',
    "SHOW MEASUREMENTS WHERE tagName = 'Speed'",
    "SHOW MEASUREMENTS WHERE tagName = 'Nope'",
    'SHOW TAG KEYS',
    `SHOW TAG KEYS FROM ${m0}`,
    'SHOW TAG KEYS LIMIT 2',
    'SHOW TAG KEYS FROM /dev0[23]/',
    'SHOW TAG VALUES WITH KEY = "tagName"',
    'SHOW TAG VALUES WITH KEY = tagID',
    `SHOW TAG VALUES FROM ${m2} WITH KEY = "registerId"`,
    'SHOW TAG VALUES WITH KEY IN ("tagName", "registerId")',
    'SHOW TAG VALUES WITH KEY =~ /^tag/',
    'SHOW TAG VALUES WITH KEY !~ /^tag/',
    'SHOW TAG VALUES WITH KEY != tagName',
    `SHOW TAG VALUES FROM ${m0} WITH KEY = registerId WHERE tagName = 'Status'`,
    `SHOW TAG VALUES FROM ${m0} WITH KEY = tagName WHERE tagName =~ /^(Speed|Pressure)$/`,
    "SHOW TAG VALUES WITH KEY = tagName LIMIT 2 OFFSET 1",
    'SHOW FIELD KEYS',
    `SHOW FIELD KEYS FROM ${m3}`,
    'SHOW FIELD KEYS FROM /Boiler/',
    'SHOW SERIES',
    `SHOW SERIES FROM ${m2}`,
    "SHOW SERIES WHERE tagName = 'Pressure'",
    'SHOW SERIES LIMIT 3 OFFSET 2',
    'SHOW SERIES FROM /Robot/ WHERE registerId =~ /^4/',
    'SHOW RETENTION POLICIES',
    'SHOW RETENTION POLICIES ON tsdata',
  );

  // Raw selects.
  for (const mm of [m0, m2]) {
    q.push(
      `SELECT * FROM ${mm} WHERE ${r1h} LIMIT 10`,
      `SELECT "value" FROM ${mm} WHERE "tagName" = 'Temperature' AND ${r1h}`,
      `SELECT value, tagName, registerId FROM ${mm} WHERE ${r1h} AND tagID = 't2'`,
      `SELECT value * 2 + 1 AS scaled FROM ${mm} WHERE tagName = 'Speed' AND ${r1h}`,
      `SELECT * FROM ${mm} WHERE ${r1h} ORDER BY time DESC LIMIT 5`,
      `SELECT value FROM ${mm} WHERE tagName = 'Speed' AND ${r1h} LIMIT 4 OFFSET 3`,
      `SELECT value FROM ${mm} WHERE ${r1h} GROUP BY tagName LIMIT 3`,
      `SELECT * FROM ${mm} WHERE ${r1h} GROUP BY * LIMIT 2`,
      `SELECT value FROM ${mm} WHERE ${r1h} GROUP BY tagName SLIMIT 2 SOFFSET 1`,
      `SELECT value_string FROM ${mm} WHERE ${r1h}`,
      `SELECT value_string, value FROM ${mm} WHERE tagName = 'Status' AND ${r1h} LIMIT 6`,
      `SELECT value FROM ${mm} WHERE value > 35 AND ${r1h}`,
      `SELECT value FROM ${mm} WHERE (value < 25 OR value >= 40) AND ${r1h} AND tagName <> 'Status'`,
      `SELECT value FROM ${mm} WHERE tagName =~ /^Temp/ AND ${r1h}`,
      `SELECT value FROM ${mm} WHERE tagName !~ /Status|Speed/ AND ${r1h} LIMIT 7`,
      `SELECT value FROM ${mm} WHERE (tagName = 'Speed' OR tagName = 'Pressure') AND ${r1h} LIMIT 9`,
      `SELECT value FROM ${mm} WHERE value_string = 'FAULT' AND ${r1h}`,
      `SELECT tagName FROM ${mm} WHERE ${r1h}`,
    );
  }
  q.push(
    `SELECT * FROM /dev0[12]/ WHERE ${r1h} LIMIT 3`,
    `SELECT value FROM ${m0}, ${m3} WHERE tagName = 'Pressure' AND ${r1h}`,
    `SELECT value FROM /./ WHERE tagName = 'Speed' AND ${r1h} LIMIT 2`,
    `SELECT value FROM ${m1} WHERE time >= ${day1} AND time < ${day1 + 10n * MIN} AND tagName = 'Speed'`,
    `SELECT value FROM ${m1} WHERE time >= ${day1 / 1_000_000n}ms AND time < ${(day1 + 10n * MIN) / 1_000_000_000n}s AND tagName = 'Speed'`,
    `SELECT value FROM ${m1} WHERE time > '${iso(day1)}' AND time <= '${iso(day1 + 5n * MIN)}' AND tagName = 'Pressure'`,
    `SELECT value FROM ${m1} WHERE time = '${iso(day1 + 5n * MIN)}'`,
    `SELECT value FROM ${m1} WHERE '${iso(day1)}' <= time AND ${iso(day1 + 3n * MIN).length > 0 ? `time < '${iso(day1 + 3n * MIN)}'` : ''}`,
    `SELECT value FROM ${m1} WHERE time >= '${iso(day1)}' - 3m AND time < '${iso(day1)}' + 2m AND tagName = 'Speed'`,
    `SELECT * FROM "nope.dev99" WHERE ${r1h}`,
    `SELECT value FROM ${m1} WHERE tagName = 'Nope' AND ${r1h}`,
    `SELECT value FROM ${m1} WHERE time >= '${iso(endNs + HOUR)}'`,
    `SELECT value FROM ${m1} WHERE time < '${iso(startNs)}'`,
    `SELECT nosuchfield FROM ${m1} WHERE ${r1h}`,
  );

  // Aggregates and selectors, without and with GROUP BY time and tags.
  const fns = ['count(value)', 'sum(value)', 'mean(value)', 'median(value)', 'min(value)', 'max(value)',
    'first(value)', 'last(value)', 'spread(value)', 'stddev(value)', 'percentile(value, 90)', 'percentile(value, 5)',
    'count(value_string)', 'first(value_string)', 'last(value_string)', 'count(distinct(value_string))'];
  for (const f of fns) {
    q.push(`SELECT ${f} FROM ${m0} WHERE tagName = 'Temperature' AND ${r6h}`);
    q.push(`SELECT ${f} FROM ${m1} WHERE ${r6h} GROUP BY time(1h)`);
    q.push(`SELECT ${f} FROM ${m2} WHERE ${r6h} GROUP BY time(2h), tagName`);
  }
  // mode() of floats whose top counts tie depends on Go's unstable sort in influxd; these have no such tie.
  q.push(
    `SELECT mode(value) FROM ${m0} WHERE tagName = 'Status' AND ${r6h}`,
    `SELECT mode(value) FROM ${m1} WHERE tagName = 'Status' AND ${r6h} GROUP BY time(1h)`,
    `SELECT mode(value) FROM ${m2} WHERE tagName = 'Status' AND ${r6h} GROUP BY time(2h), tagName`,
    `SELECT distinct(value_string) FROM ${m0} WHERE ${r6h}`,
    `SELECT distinct(value) FROM ${m0} WHERE tagName = 'Status' AND ${r6h}`,
    `SELECT distinct(value_string) FROM ${m0} WHERE ${r6h} GROUP BY time(2h)`,
    `SELECT top(value, 3) FROM ${m0} WHERE tagName = 'Temperature' AND ${r6h}`,
    `SELECT bottom(value, 4) FROM ${m1} WHERE tagName = 'Speed' AND ${r6h}`,
    `SELECT top(value, 2) FROM ${m1} WHERE ${r6h} GROUP BY tagName`,
    `SELECT mean(value), max(value), min(value), count(value) FROM ${m3} WHERE ${r6h} GROUP BY tagName`,
    `SELECT max(value) - min(value) AS range, mean(value) * 2 FROM ${m3} WHERE ${r6h} GROUP BY time(1h)`,
    `SELECT mean(value) AS avg FROM ${m3} WHERE ${r6h} AND value > 40 GROUP BY time(1h), tagName`,
    `SELECT count(value) FROM /./ WHERE ${r6h}`,
    `SELECT count(value) FROM /./ WHERE ${r6h} GROUP BY *`,
    `SELECT mean(value) FROM ${m2} WHERE ${r6h} GROUP BY time(1h), * SLIMIT 2`,
    `SELECT mean(value) FROM ${m2} WHERE ${r6h} GROUP BY time(1h) ORDER BY time DESC LIMIT 3`,
    `SELECT mean(value) FROM ${m2} WHERE ${r6h} GROUP BY time(1h) LIMIT 2 OFFSET 2`,
    `SELECT max(value) FROM ${m2} WHERE ${r6h} AND tagName = 'Pressure'`,
    `SELECT min(value) FROM ${m2} WHERE ${r6h} AND tagName = 'Pressure' GROUP BY time(1h)`,
    `SELECT sum(value) FROM ${m0}`,
    `SELECT count(value) FROM ${m0} WHERE tagName = 'Nope' AND ${r6h}`,
    `SELECT mean(value) FROM "nope.dev99" WHERE ${r6h} GROUP BY time(1h)`,
  );

  // GROUP BY time bucket boundaries, offsets and fill modes.
  for (const g of ['time(1h)', 'time(90s)', 'time(7m)', 'time(1h, 15m)', 'time(1h, -20m)', 'time(30m, 1m)', 'time(1d)', 'time(1w)']) {
    q.push(`SELECT mean(value) FROM ${m0} WHERE tagName = 'Temperature' AND ${mid} GROUP BY ${g}`);
    q.push(`SELECT count(value), last(value) FROM ${m1} WHERE tagName = 'Speed' AND ${mid} GROUP BY ${g} fill(none)`);
  }
  for (const f of ['fill(null)', 'fill(none)', 'fill(previous)', 'fill(linear)', 'fill(0)', 'fill(-1.5)', 'fill(42)']) {
    q.push(`SELECT mean(value) FROM ${m0} WHERE tagName = 'Pressure' AND ${rHole} GROUP BY time(30m) ${f}`);
    q.push(`SELECT count(value), max(value) FROM ${m0} WHERE ${rHole} GROUP BY time(1h), tagName ${f}`);
    q.push(`SELECT mean(value) FROM ${m0} WHERE tagName = 'Speed' AND ${rHole} AND value > 45 GROUP BY time(20m) ${f}`);
  }

  // tz(): buckets on local time, times printed with the zone's offset.
  q.push(
    `SELECT mean(value) FROM ${m0} WHERE tagName = 'Speed' AND ${r6h} GROUP BY time(1h) tz('Asia/Kolkata')`,
    `SELECT count(value) FROM ${m1} WHERE ${r6h} GROUP BY time(1d) tz('America/New_York')`,
    `SELECT value FROM ${m2} WHERE tagName = 'Speed' AND ${r1h} LIMIT 3 tz('Europe/Paris')`,
    `SELECT max(value) FROM ${m3} WHERE ${r6h} tz('UTC')`,
  );

  // Grafana's own shapes, relative to now().
  for (const [i, mm] of m.entries()) {
    const tag = ['Temperature', 'Pressure', 'Speed', 'Status'][i] as string;
    q.push(
      `SELECT mean("value") FROM ${mm} WHERE ("tagName" = '${tag}') AND time >= now() - 6h GROUP BY time(1m) fill(null)`,
      `SELECT mean("value") FROM ${mm} WHERE ("tagName" = '${tag}') AND time >= now() - 24h GROUP BY time(5m) fill(none)`,
      `SELECT * FROM ${mm} WHERE time > now() - 1h LIMIT 10`,
      `SELECT last("value") FROM ${mm} WHERE time >= now() - 3h GROUP BY "tagName"`,
      `SELECT max("value") FROM ${mm} WHERE time >= now() - 2d and time <= now() - 1d GROUP BY time(1h), "tagName" fill(previous)`,
    );
  }
  q.push(`SELECT count("value") FROM ${m0} WHERE time > now() - 30m GROUP BY time(10m)`);

  // Time under OR (influxd intersects every time bound) and SLIMIT/SOFFSET per measurement and shard group.
  q.push(
    `SELECT count(value) FROM ${m0} WHERE (time > now() - 1h AND tagName = 'Speed') OR value > 45 GROUP BY time(10m)`,
    `SELECT count(value) FROM ${m0} WHERE (${r6h} AND tagName = 'Speed') OR value > 45`,
    `SELECT mean(value) FROM ${m1} WHERE (time >= now() - 6h OR tagName = 'Status') AND time < now() - 1h GROUP BY time(30m), tagName fill(none)`,
    `SELECT value FROM ${m2} WHERE time > now() - 30m OR time < now() - 2h LIMIT 5`,
    `SELECT value FROM ${m0}, ${m1} WHERE ${r1h} GROUP BY tagName LIMIT 2 SLIMIT 1 SOFFSET 1`,
    `SELECT last(value) FROM /./ WHERE time >= now() - 3d GROUP BY tagName SLIMIT 2 SOFFSET 1`,
    `SELECT count(value) FROM /./ WHERE ${r6h} GROUP BY time(2h), * SLIMIT 1 SOFFSET 3`,
    `SELECT max(value) FROM /Boiler|Press/ WHERE ${r6h} SLIMIT 1`,
    `SHOW TAG VALUES FROM ${m0} WITH KEY = tagName WHERE time > now() - 1h OR tagName = 'Speed'`,
    `SHOW SERIES FROM ${m1} WHERE time > now() - 1h`,
    `SELECT value FROM ${m0} WHERE time != now()`,
  );

  // Several statements in one query, and errors.
  q.push(
    `SHOW MEASUREMENTS; SELECT count(value) FROM ${m0} WHERE ${r1h}`,
    `SELECT mean(value), value FROM ${m0} WHERE ${r1h}`,
    `SELECT value FROM ${m0} WHERE ${r1h} GROUP BY time(1m)`,
    `SELECT foo(value) FROM ${m0}`,
    `SELECT mean(value, 2) FROM ${m0}`,
    `SELECT mean(1) FROM ${m0}`,
    `SELECT percentile(value) FROM ${m0}`,
    `SELECT top(value) FROM ${m0}`,
    `SELECT top(value, 1), mean(value) FROM ${m0}`,
    `SELECT distinct(value), mean(value) FROM ${m0}`,
    `SELECT * FROM ${m0} fill(none)`,
    'SELECT value',
    'SELECT value FROM',
    'SELEC value FROM m',
    `SELECT value FROM ${m0} WHERE`,
    `SELECT value FROM ${m0} ORDER BY value`,
    `SELECT value FROM ${m0} LIMIT -1`,
    `SELECT value FROM ${m0} WHERE tagName = 'x`,
    `SELECT value = 1 FROM ${m0}`,
    `SELECT value FROM ${m0} WHERE time > now() - 1x`,
    `SELECT value FROM ${m0} GROUP BY`,
    `SELECT mean(value) FROM ${m0} fill(1, 2)`,
    'SHOW',
    'SHOW TAG VALUES',
    'SHOW TAG VALUES WITH KEY',
    `SELECT value FROM ${m0}; SELECT`,
    'SHOW MEASUREMENTS WITH MEASUREMENT > 1',
  );
  return q;
}
