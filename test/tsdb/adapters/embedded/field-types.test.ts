// Table tests of the embedded engine's field encoding and shard groups (src/tsdb/adapters/embedded/field-types.ts).
import { describe, expect, it } from 'vitest';
import { encodeFields, shardGroupDurationNs, shardIndex, shardIndexMs } from '../../../../src/tsdb/adapters/embedded/field-types.ts';

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
  });
  it('retention picks the duration as influxd does', () => {
    expect(shardGroupDurationNs(7n * day)).toBe(day);
    expect(shardGroupDurationNs(day)).toBe(3_600_000_000_000n);
    expect(shardGroupDurationNs(200n * day)).toBe(week);
  });
});
