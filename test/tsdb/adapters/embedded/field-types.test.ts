// Table tests of the embedded engine's field encoding and shard groups (src/tsdb/adapters/embedded/field-types.ts).
import { describe, expect, it } from 'vitest';
import { encodeFields, floatText, shardGroupDurationNs, shardIndex, shardIndexMs, shardStartNs, valueJson } from '../../../../src/tsdb/adapters/embedded/field-types.ts';

describe('encodeFields (the number text keeps the InfluxDB type)', () => {
  it.each([
    [{ v: 1, s: 'x', b: false }, '{"v":1.0,"s":"x","b":false}'],
    [{ v: 0.1, i: { int: 9007199254740993n } }, '{"v":0.1,"i":9007199254740993}'],
    [{ v: -0, w: 1e21, x: 2.5e-7 }, '{"v":0.0,"w":1e+21,"x":2.5e-7}'],
    [{ v: Number.NaN, w: 2 }, '{"w":2.0}'],
    [{ v: Infinity, w: -Infinity }, undefined],
    [{}, undefined],
  ])('case %# is stored as %s (non-finite numbers have no line-protocol form either)', (fields, stored) => {
    expect(encodeFields(fields)).toBe(stored);
  });
});

describe('valueJson from a line-protocol literal (stored as written only when it already is JSON of that type)', () => {
  it.each([
    ['12.345678901234567', '12.345678901234567'],
    ['-0.5', '-0.5'],
    ['1e5', '1e5'],
    ['1E+5', '1E+5'],
    ['2.5e-7', '2.5e-7'],
    ['0.1000000000000000055511151231257827', '0.1000000000000000055511151231257827'],
    // Not JSON, or JSON that SQLite would read as an integer: the double's own text.
    ['1', '1.0'],
    ['.5', '0.5'],
    ['1.', '1.0'],
    ['01.5', '1.5'],
    ['-.5', '-0.5'],
    // Zero keeps floatText's form: -0 is stored as 0.0 as before.
    ['-0.0', '0.0'],
    ['0.0', '0.0'],
  ])('float %s is stored as %s', (literal, stored) => {
    const value = Number(literal);
    expect(valueJson(value, literal)).toBe(stored);
    expect(JSON.parse(stored)).toBe(value === 0 ? 0 : value);
  });

  it.each([
    ['5', '5'],
    ['-5', '-5'],
    ['0', '0'],
    ['-0', '0'],
    ['007', '7'],
    ['-9223372036854775808', '-9223372036854775808'],
  ])('integer %s is stored as %s', (literal, stored) => {
    expect(valueJson({ int: BigInt(literal) }, literal)).toBe(stored);
  });

  it('strings and booleans ignore the literal; non-finite floats are not stored', () => {
    expect(valueJson('a"b', '"a\\"b"')).toBe('"a\\"b"');
    expect(valueJson(true, 't')).toBe('true');
    expect(valueJson(Number.POSITIVE_INFINITY, '1e999')).toBeUndefined();
  });
});

describe('shard groups (influxd: 7 days from Go zero time, a Monday; 1 day and 1 hour from the epoch)', () => {
  const week = shardGroupDurationNs(undefined);
  const day = 86_400_000_000_000n;
  it.each([
    ['1969-12-29T00:00:00Z', 0],
    ['1970-01-04T23:59:59.999Z', 0],
    ['1970-01-05T00:00:00Z', 1],
    ['1969-12-28T23:59:59.999Z', -1],
    ['2026-11-30T00:00:00Z', 2970],
  ])('%s is in 7-day group %i', (iso, group) => {
    const ms = Date.parse(iso);
    expect(shardIndex(BigInt(ms) * 1_000_000n, week)).toBe(group);
    expect(shardIndexMs(ms, week)).toBe(group);
    // The group's first nanosecond is in it, the one before is not.
    const start = shardStartNs(group, week);
    expect(shardIndex(start, week)).toBe(group);
    expect(shardIndex(start - 1n, week)).toBe(group - 1);
  });
  it('retention picks the duration as influxd does', () => {
    expect(shardGroupDurationNs(7n * day)).toBe(day);
    expect(shardGroupDurationNs(day)).toBe(3_600_000_000_000n);
    expect(shardGroupDurationNs(200n * day)).toBe(week);
  });
});

describe('floatText', () => {
  it.each([
    [57.34, '57.34'],
    [0.1 + 0.2, '0.30000000000000004'],
    [19_000_123, '19000123.0'],
    [-0, '0.0'],
    [1e21, '1e+21'],
    [1.5e-7, '1.5e-7'],
    [-123.456, '-123.456'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
  ])('writes %s as %s: String()\'s digits, `.0` on integral values', (v, text) => {
    expect(floatText(v)).toBe(text);
    const s = String(v);
    expect(floatText(v)).toBe(Number.isInteger(v) && Math.abs(v) < 1e21 ? `${s}.0` : s);
  });
});
