// Table tests of the WHERE split (condition.ts): time bounds taken out under AND and OR and intersected, the
// rest printed back, influxd 1.6.7's error texts (each also checked against influxd in where-time.test.ts).
import { describe, expect, it } from 'vitest';
import { exprString, parseQuery, type Expr, type SelectStatement } from '../../src/influxql/index.ts';
import { checkMeasurementCondition, hasTimeExpr, splitTimeRange, validateCondition } from '../../src/influxql/condition.ts';
import { MAX_TIME, MIN_TIME } from '../../src/influxql/time-range.ts';

const NOW = 1_000_000n;
const where = (w: string): Expr | undefined => (parseQuery(`SELECT v FROM m WHERE ${w}`)[0] as SelectStatement).condition;
const split = (w: string) => splitTimeRange(where(w), NOW);

describe('splitTimeRange takes every time bound out, under OR too', () => {
  it.each([
    ['time > 10 AND time < 20', 11n, 19n, undefined],
    ['time > 10 OR time < 20', 11n, 19n, undefined],
    ['time < 10 OR time > 20', 21n, 9n, undefined],
    ["(time > 10 AND host = 'a') OR v > 3", 11n, MAX_TIME, "(host = 'a') OR v > 3"],
    ["time >= 10 AND (time <= 30 OR (time > 20 AND host = 'a'))", 21n, 30n, "(host = 'a')"],
    ["10 < time OR host = 'a'", 11n, MAX_TIME, "host = 'a'"],
    ['time = 5 OR time = 7', 7n, 5n, undefined],
    ['time > now() - 10ns', NOW - 9n, MAX_TIME, undefined],
    ['(time > 10) OR true', 11n, MAX_TIME, undefined],
    ['time > 10 OR false', 11n, MAX_TIME, 'false'],
    ["((host = 'a'))", MIN_TIME, MAX_TIME, "(host = 'a')"],
    ['time > 1000000000000000000000.0', -(2n ** 63n) + 1n, MAX_TIME, undefined],
  ])('%s', (w, min, max, rest) => {
    const { range, rest: left } = split(w);
    expect([range.min, range.max]).toEqual([min, max]);
    expect(left && exprString(left)).toBe(rest);
  });

  it('marks bounds past what influxd stores as an empty range', () => {
    const { range } = split('time > 9223372036854775807');
    expect(range.min > range.max).toBe(true);
  });
});

describe('splitTimeRange and validateCondition refuse in influxd words', () => {
  it.each([
    ['time != 10', 'invalid time comparison operator: !='],
    ["time <> 10 OR host = 'a'", 'invalid time comparison operator: !='],
    ['time =~ /x/', 'invalid operation: time and *influxql.RegexLiteral are not compatible'],
    ['time > v', 'invalid operation: time and *influxql.VarRef are not compatible'],
    ['time > (v)', 'invalid operation: time and *influxql.VarRef are not compatible'],
    ['time > (v + 1)', 'invalid operation: time and *influxql.ParenExpr are not compatible'],
    ['time > true', 'invalid operation: time and *influxql.BooleanLiteral are not compatible'],
    ['time > now() * 2', 'invalid operation: time and *influxql.BinaryExpr are not compatible'],
    ['time > mean(v)', 'invalid operation: time and *influxql.Call are not compatible'],
    ["time > '2300-01-01T00:00:00Z'", 'time 2300-01-01T00:00:00Z overflows time literal'],
    ["time < '1600-01-01T00:00:00Z'", 'time 1600-01-01T00:00:00Z underflows time literal'],
    ['v', 'invalid condition expression: v'],
    ["host = 'a' AND (v)", 'invalid condition expression: v'],
    ["'abc'", "invalid condition expression: 'abc'"],
    ['now()', 'invalid condition expression: now()'],
    ['mean(v) > 3', 'invalid function call in condition: mean(v)'],
    ['abs(v, 1) > 3', 'invalid number of arguments for abs, expected 1, got 2'],
  ])('%s', (w, message) => {
    expect(() => validateCondition(split(w).rest)).toThrow(message);
  });

  it('lets math calls through and does not look inside parentheses, as influxd', () => {
    expect(() => validateCondition(split('abs(v) > 3 AND pow(v, 2) < 9').rest)).not.toThrow();
    expect(() => validateCondition(split("host = 'a' AND (mean(v) > 3)").rest)).not.toThrow();
    expect(() => validateCondition(split('(mean(v) > 3)').rest)).toThrow('invalid function call in condition: mean(v)');
  });
});

describe('hasTimeExpr finds time on the left of a comparison only', () => {
  it.each([
    ['time > 1', true],
    ["host = 'a' OR (time > 1)", true],
    ['1 < time', false],
    ["host = 'a'", false],
  ])('%s', (w, has) => {
    expect(hasTimeExpr(where(w))).toBe(has);
  });
});

describe('checkMeasurementCondition refuses what influxd index cannot read, in its words', () => {
  it.each([
    ['v', '&influxql.VarRef{Val:"v", Type:0}'],
    ['v::tag', '&influxql.VarRef{Val:"v", Type:7}'],
    ["host = 'a' OR true", '&influxql.BooleanLiteral{Val:true}'],
    ["'x'", '&influxql.StringLiteral{Val:"x"}'],
    ['1h', '&influxql.DurationLiteral{Val:3600000000000}'],
    ['1 < time', 'invalid tag comparison operator'],
    ["'a' = host", "left side of '=' must be a tag key"],
    ['host = 1', "right side of '=' must be a tag value string"],
  ])('%s', (w, message) => {
    expect(() => checkMeasurementCondition(where(w) as Expr)).toThrow(message);
  });

  it('takes tag comparisons under AND, OR and parentheses', () => {
    expect(() => checkMeasurementCondition(where("(host = 'a') AND (dc =~ /x/ OR _name != 'm')") as Expr)).not.toThrow();
  });
});
