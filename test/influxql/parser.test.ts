// Table tests of the InfluxQL parser: statements printed back as influxd prints them (String()),
// influxd's exact parse error texts (checked against influxd 1.6.7 in the differential test too),
// bound parameters and required privileges. Error positions are influxd's own (its reader counts EOF
// one column further once read, and a string from the rune before its quote): checked on influxd 1.6.7.
import { describe, expect, it } from 'vitest';
import { parseQuery, requiredPrivileges, statementString } from '../../src/influxql/index.ts';

const one = (q: string, params = {}) => {
  const stmts = parseQuery(q, params);
  expect(stmts).toHaveLength(1);
  return stmts[0]!;
};

describe('parseQuery prints statements back as influxd does', () => {
  it.each([
    ['select mean(value) from cpu where time > now() - 1h group by time(1m) fill(none)', 'SELECT mean(value) FROM cpu WHERE time > now() - 1h GROUP BY time(1m) fill(none)'],
    [`SELECT mean("value") FROM "Dev.1" WHERE ("tagName" = 'T') AND time >= now() - 6h GROUP BY time(1m) fill(null)`, `SELECT mean(value) FROM "Dev.1" WHERE (tagName = 'T') AND time >= now() - 6h GROUP BY time(1m)`],
    ['SELECT * FROM /^Dev/ WHERE a =~ /x\\/y/ LIMIT 10 OFFSET 2', 'SELECT * FROM /^Dev/ WHERE a =~ /x\\/y/ LIMIT 10 OFFSET 2'],
    ['SELECT value*2 + 1 AS "x y" FROM m ORDER BY time DESC SLIMIT 1 SOFFSET 1', 'SELECT value * 2 + 1 AS "x y" FROM m ORDER BY time DESC SLIMIT 1 SOFFSET 1'],
    ['select a from "db"."rp"."m", db..m2 where b = 1.5 and c <> -2', 'SELECT a FROM db.rp.m, db..m2 WHERE b = 1.500 AND c != -2'],
    ['select count(distinct(a)) from m group by *, "tag" fill(-1) tz(\'Europe/Paris\')', "SELECT count(distinct(a)) FROM m GROUP BY *, \"tag\" fill(-1) TZ('Europe/Paris')"],
    ['SHOW MEASUREMENTS ON tsdata WITH MEASUREMENT =~ /Dev.*/ LIMIT 5', 'SHOW MEASUREMENTS ON tsdata WITH MEASUREMENT =~ /Dev.*/ LIMIT 5'],
    ['show tag values from m with key in ("a", "select") where x = \'1\'', `SHOW TAG VALUES FROM m WITH KEY IN (a, "select") WHERE x = '1'`],
    ['SHOW TAG VALUES WITH KEY = "tagName"', 'SHOW TAG VALUES WITH KEY = tagName'],
    ['show retention policies on "my db"', 'SHOW RETENTION POLICIES ON "my db"'],
    ["create user bob with password 'x' with all privileges", 'CREATE USER bob WITH PASSWORD [REDACTED] WITH ALL PRIVILEGES'],
    ['grant read on tsdata to "bob"', 'GRANT READ ON tsdata TO bob'],
    ["set password for bob = 'y'", 'SET PASSWORD FOR bob = [REDACTED]'],
    ['create retention policy r on d duration 1d replication 1 shard duration 1h default', 'CREATE RETENTION POLICY r ON d DURATION 1d REPLICATION 1 SHARD DURATION 1h DEFAULT'],
    ['drop series from m where a = \'b\'', "DROP SERIES FROM m WHERE a = 'b'"],
    ['select a::field, "b"::tag from m -- comment\n', 'SELECT a::field, b::tag FROM m'],
  ])('%s', (q, printed) => {
    expect(statementString(one(q))).toBe(printed);
  });
});

describe('parse errors carry influxd text', () => {
  it.each([
    ['SELECT x', 'error parsing query: found EOF, expected FROM at line 1, char 10'],
    ['SELECT a FROM b LIMIT 10 x', 'error parsing query: found x, expected ; at line 1, char 26'],
    ["SELECT a FROM b WHERE c = 'x' x", 'error parsing query: found x, expected ; at line 1, char 31'],
    ['FOO', 'error parsing query: found FOO, expected SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL at line 1, char 1'],
    ['SELECT a FROM b ORDER BY x', 'error parsing query: only ORDER BY time supported at this time'],
    ['SELECT a = 1 FROM b', 'error parsing query: invalid operator = in SELECT clause at line 1, char 8; operator is intended for WHERE clause'],
    ['select a from b limit -1', 'error parsing query: found -, expected integer at line 1, char 23'],
    ['SELECT a FROM b\nWHERE', 'error parsing query: found EOF, expected identifier, string, number, bool at line 2, char 7'],
    ["SELECT a FROM b WHERE c = 'x", "error parsing query: found x, expected identifier, string, number, bool at line 1, char 26"],
    ['SELECT a FROM b SELECT', 'error parsing query: found SELECT, expected ; at line 1, char 17'],
    ['SELECT a FROM b WHERE time > now() - 1x', 'error parsing query: invalid duration'],
    ['SELECT a FROM b WHERE c = $x', 'error parsing query: missing parameter: x'],
    ['SELECT a FROM b fill(1, 2)', 'error parsing query: fill requires an argument, e.g.: 0, null, none, previous, linear'],
  ])('%s', (q, message) => {
    expect(() => parseQuery(q)).toThrow(message);
  });
});

describe('bound parameters and privileges', () => {
  it('binds strings, integers, floats and booleans', () => {
    const stmt = one('SELECT a FROM m WHERE s = $s AND i = $i AND f = $f AND b = $b', { s: "it's", i: 3, f: 1.5, b: true });
    expect(statementString(stmt)).toBe("SELECT a FROM m WHERE s = 'it\\'s' AND i = 3 AND f = 1.500 AND b = true");
  });

  it.each([
    ['SELECT a FROM m', [{ admin: false, database: 'tsdata', privilege: 'READ' }]],
    ['SELECT a FROM other..m', [{ admin: false, database: 'other', privilege: 'READ' }]],
    ['SHOW DATABASES', [{ admin: false, database: 'tsdata', privilege: 'NO PRIVILEGES' }]],
    ['SHOW MEASUREMENTS ON x', [{ admin: false, database: 'x', privilege: 'READ' }]],
    ['DROP DATABASE x', [{ admin: true, database: '', privilege: 'ALL PRIVILEGES' }]],
    ['DROP SERIES FROM m', [{ admin: false, database: 'tsdata', privilege: 'WRITE' }]],
  ])('%s', (q, privs) => {
    expect(requiredPrivileges(one(q), 'tsdata')).toEqual(privs);
  });
});
