// Time conditions in WHERE against a real influxd 1.6.7: comparisons of `time` under OR and in nested
// parentheses are taken out and their bounds intersected (so `time > a OR time < b` reads as AND and a branch
// loses its time part), date strings in influxql's three layouts and the tz() zone, the errors influxd's
// compiler gives for what it cannot read as a time range or a condition, SHOW statements whose WHERE
// bounds the time (the shard groups it touches), and SHOW MEASUREMENTS ... WHERE as influxd's index reads it.
import { describe, it } from 'vitest';
import { differentialFile } from '../../../../../support/differential.ts';

const A = "'2026-03-06T00:00:00Z'";
const B = "'2026-03-06T04:00:00Z'";
const C = "'2026-03-06T10:00:00Z'";
const M = '"PLC-Line1.dev01"';

const { expectSame } = differentialFile();

describe('time under OR answers as influxd 1.6.7 does', () => {
  it.each([
    [`SELECT count(value) FROM mixed WHERE time > ${A} OR time < ${B}`, 'rows'],
    [`SELECT count(value) FROM mixed WHERE time < ${B} OR time > ${C}`, 'empty'],
    [`SELECT count(value) FROM mixed WHERE (time > ${A} AND host = 'a') OR value > 3`, 'rows'],
    [`SELECT count(value) FROM mixed WHERE (time > ${A} AND time < ${B} AND host = 'a') OR host = 'b'`, 'rows'],
    [`SELECT count(value) FROM mixed WHERE time > ${A} AND (time < ${C} OR (time > '2026-03-06T05:00:00Z' AND host = 'a'))`, 'rows'],
    [`SELECT count(value) FROM mixed WHERE (time > ${A} OR host = 'a') AND (time < ${C} OR host = 'b')`, 'empty'],
    [`SELECT count(value) FROM mixed WHERE ${A} < time OR host = 'a'`, 'rows'],
    [`SELECT count(value) FROM mixed WHERE time = '2026-03-06T00:07:00Z' OR time = '2026-03-06T01:07:00Z'`, 'empty'],
    [`SELECT count(value) FROM mixed WHERE time = '2026-03-06T02:07:00Z' OR host = 'a'`, 'rows'],
    [`SELECT count(value) FROM mixed WHERE time > ${A} OR true`, 'rows'],
    [`SELECT count(value) FROM mixed WHERE time > ${A} OR false`, 'empty'],
    [`SELECT count(value) FROM mixed WHERE (time > ${A}) OR (host = 'b')`, 'rows'],
    [`SELECT value, host FROM mixed WHERE (time >= ${A} AND host = 'a') OR (time < ${C} AND dc = 'z')`, 'rows'],
    [`SELECT * FROM /dev0[12]/ WHERE time > '2026-03-06T05:30:00Z' AND time <= '2026-03-07T00:00:00Z' AND value < 30 OR value > 40 LIMIT 4`, 'rows'],
    [`SELECT first(value), count(value) FROM /dev0[12]/ WHERE time > '2026-03-06T05:30:00Z' AND time <= '2026-03-07T00:00:00Z' AND value < 30 OR value > 40 GROUP BY time(30m) LIMIT 2`, 'rows'],
    [`SELECT mode(value), max(value) FROM mixed, "Boiler.dev02" WHERE time >= 1772755200000000000 AND time < 1772798400000000000 AND value < 30 OR value > 40 GROUP BY time(2h)`, 'rows'],
    [`SELECT mean(value) FROM ${M} WHERE (tagName = 'Speed' OR time > ${B}) AND time < ${C} GROUP BY time(1h), tagName`, 'rows'],
    [`SELECT max(value) FROM ${M} WHERE (time >= ${A} AND tagName = 'Speed') OR (time < ${B} AND tagName = 'Status') GROUP BY tagName`, 'rows'],
    // Date strings as influxql reads them: a date or 'date time' without zone in the tz() zone, RFC3339 with T and a zone.
    ["SELECT count(value) FROM mixed WHERE time >= '2026-03-06 00:00:00' AND time < '2026-03-06 12:00:00' tz('America/New_York')", 'rows'],
    ["SELECT count(value) FROM mixed WHERE time >= '2026-03-06' AND time < '2026-03-06T12:00:00Z' tz('Asia/Kolkata')", 'rows'],
    ["SELECT mean(value) FROM mixed WHERE time >= '2026-03-06' AND time < '2026-03-07' GROUP BY time(6h) tz('Europe/Berlin')", 'rows'],
    ["SELECT count(value) FROM mixed WHERE time >= '2026-03-06 1:00:00.123456789' OR time < '2026-03-06T0:00:00Z'", 'empty'],
    ["SELECT count(value) FROM mixed WHERE time >= '2026-03-06 1:00:00.123456789'", 'rows'],
    // Bounds beyond what influxd stores.
    ['SELECT count(value) FROM mixed WHERE time > 9223372036854775807', 'empty'],
    ['SELECT count(value) FROM mixed WHERE time > 1000000000000000000000.0', 'rows'],
    ['SELECT count(value) FROM mixed WHERE time < -1000000000000000000000.0', 'empty'],
  ])('%s', expectSame);
});

describe('WHERE clauses influxd refuses are refused in its words', () => {
  it.each([
    `SELECT count(value) FROM mixed WHERE time != ${A}`,
    `SELECT count(value) FROM mixed WHERE time <> ${A} OR host = 'a'`,
    'SELECT count(value) FROM mixed WHERE time =~ /x/',
    'SELECT count(value) FROM mixed WHERE time > value',
    'SELECT count(value) FROM mixed WHERE time > (value)',
    'SELECT count(value) FROM mixed WHERE time > true',
    "SELECT count(value) FROM mixed WHERE time > 'abc'",
    'SELECT count(value) FROM mixed WHERE time > now() * 2',
    'SELECT count(value) FROM mixed WHERE time > mean(value)',
    "SELECT count(value) FROM mixed WHERE time > '2300-01-01T00:00:00Z'",
    "SELECT count(value) FROM mixed WHERE time < '1600-01-01T00:00:00Z'",
    "SELECT count(value) FROM mixed WHERE time > '2300-01-01 00:00:00' tz('America/New_York')",
    "SELECT count(value) FROM mixed WHERE time > '2300-01-01T00:00:00Z' tz('America/New_York')",
    "SELECT count(value) FROM mixed WHERE time > '2300-01-01T00:00:00+02:00' tz('America/New_York')",
    "SELECT count(value) FROM mixed WHERE time > '2300-01-01T00:00:00+00:00' tz('Asia/Kolkata')",
    "SELECT count(value) FROM mixed WHERE time >= '0050-03-06'",
    "SELECT count(value) FROM mixed WHERE time >= '2026-03-06T00:00:00' AND time < '2026-03-06T12:00:00' tz('Asia/Kolkata')",
    "SELECT count(value) FROM mixed WHERE time >= '2026-03-06 00:00:00Z'",
    "SELECT count(value) FROM mixed WHERE time >= '2026-03-06t00:00:00Z'",
    "SELECT count(value) FROM mixed WHERE time >= '2026-03-06T00:00:00+0100'",
    "SELECT count(value) FROM mixed WHERE time >= '2026-03-06 01:00:00.1234567891'",
    "SELECT count(value) FROM mixed WHERE time >= '2026-3-06'",
    'SELECT count(value) FROM mixed WHERE mean(value) > 3',
    'SELECT count(value) FROM mixed WHERE (mean(value) > 3)',
    'SELECT count(value) FROM mixed WHERE abs(value, 1) > 3',
    'SELECT count(value) FROM mixed WHERE value',
    "SELECT count(value) FROM mixed WHERE host = 'a' AND value",
    'SELECT count(value) FROM mixed WHERE (value)',
    "SELECT count(value) FROM mixed WHERE 'abc'",
    'SELECT count(value) FROM mixed WHERE 1',
    'SELECT count(value) FROM mixed WHERE now()',
    'SELECT count(value) FROM mixed WHERE time',
    // The condition is read before the fields and GROUP BY are checked.
    'SELECT value FROM mixed WHERE time != 1 GROUP BY time(1h)',
    'SHOW TAG VALUES WITH KEY = host WHERE time != 1',
    'SHOW TAG VALUES WITH KEY = host WHERE value',
    'SHOW TAG KEYS WHERE time != 1',
    'SHOW SERIES WHERE time != 1',
    'SHOW MEASUREMENTS WHERE time != 1',
    "SHOW MEASUREMENTS WHERE time > 1 OR host = 'a'",
    "SHOW MEASUREMENTS WHERE (host = 'a' AND (time > 1))",
  ])('%s', (q) => expectSame(q, 'error'));
});

describe('SHOW statements bounded in time answer as influxd 1.6.7 does', () => {
  it.each([
    ["SHOW TAG VALUES WITH KEY = host WHERE time > 1 OR host = 'a'", 'rows'],
    ["SHOW SERIES FROM mixed WHERE time > 1 OR host = 'a'", 'rows'],
    // The series of every shard group the range touches (2026-03-02..09 here), points in the range or not.
    ["SHOW TAG VALUES WITH KEY = host WHERE time > '2026-03-08T23:59:59Z'", 'rows'],
    ["SHOW TAG VALUES WITH KEY = host WHERE time > '2026-03-09T00:00:00Z'", 'empty'],
    ["SHOW TAG VALUES WITH KEY = host WHERE time < '2026-03-02T00:00:00Z'", 'empty'],
    ["SHOW TAG VALUES WITH KEY = host WHERE time < '2026-03-02T00:00:00.000000001Z'", 'rows'],
    ["SHOW TAG VALUES WITH KEY = host WHERE '2026-03-12T12:00:00Z' < time", 'empty'],
    ["SHOW TAG KEYS WHERE time > '2026-03-12T12:00:00Z'", 'empty'],
    ["SHOW TAG KEYS FROM mixed WHERE time > '2026-03-07T00:00:00Z' AND time < '2026-03-06T00:00:00Z'", 'rows'],
    ["SHOW SERIES WHERE time > '2026-03-07T00:00:00Z' AND time < '2026-03-07T02:00:00Z'", 'rows'],
    ["SHOW SERIES WHERE time > '2026-03-07T00:00:00Z' AND time < '2026-03-07T02:00:00Z' LIMIT 1 OFFSET 1", 'rows'],
    ["SHOW SERIES WHERE time > '2026-03-12T12:00:00Z'", 'empty'],
    ["SHOW SERIES WHERE '2026-03-12T12:00:00Z' < time", 'empty'],
    ["SHOW SERIES FROM mixed WHERE time > '2026-03-06T00:00:00Z' AND tagName = 'x'", 'empty'],
  ])('%s', expectSame);
});

describe('SHOW MEASUREMENTS ... WHERE answers as influxd 1.6.7 does (per measurement, by its index)', () => {
  it.each([
    ["SHOW MEASUREMENTS WHERE host != 'a'", 'empty'],
    ["SHOW MEASUREMENTS WHERE host != 'zzz'", 'rows'],
    ['SHOW MEASUREMENTS WHERE host !~ /a/', 'empty'],
    ['SHOW MEASUREMENTS WHERE host =~ /a|b/', 'rows'],
    ["SHOW MEASUREMENTS WITH MEASUREMENT =~ /e/ WHERE host != 'a'", 'empty'],
    ["SHOW MEASUREMENTS WITH MEASUREMENT =~ /e/ WHERE host = 'a'", 'rows'],
    ["SHOW MEASUREMENTS WHERE host = ''", 'empty'],
    ["SHOW MEASUREMENTS WHERE nosuch != 'x'", 'empty'],
    ["SHOW MEASUREMENTS WHERE _name = 'mixed'", 'rows'],
    ["SHOW MEASUREMENTS WHERE _name =~ /dev0[12]/ OR host = 'a'", 'rows'],
    ["SHOW MEASUREMENTS WHERE _name !~ /dev/ AND tagName = 'Speed'", 'empty'],
    ["SHOW MEASUREMENTS WHERE _tagKey = 'host'", 'empty'],
    ["SHOW MEASUREMENTS WHERE tagName = 'Speed' AND (registerId = '40003' OR host = 'a')", 'rows'],
    ["SHOW MEASUREMENTS WHERE host != 'a' OR tagName != 'Speed'", 'empty'],
    ["SHOW MEASUREMENTS WHERE tagName = 'Speed' LIMIT 2 OFFSET 1", 'rows'],
    ['SHOW MEASUREMENTS WHERE value', 'error'],
    ['SHOW MEASUREMENTS WHERE value::tag', 'error'],
    ["SHOW MEASUREMENTS WHERE host = 'a' OR true", 'error'],
    ['SHOW MEASUREMENTS WHERE 1 < time', 'error'],
    ['SHOW MEASUREMENTS WHERE mean(value) > 1', 'error'],
    ["SHOW MEASUREMENTS WHERE 'x'", 'error'],
    ['SHOW MEASUREMENTS WHERE 1.5', 'error'],
    ['SHOW MEASUREMENTS WHERE 1h', 'error'],
    ['SHOW MEASUREMENTS WHERE host = 1', 'error'],
    ["SHOW MEASUREMENTS WHERE 'a' = host", 'error'],
  ])('%s', expectSame);
});
