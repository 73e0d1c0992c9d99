// Table tests for the embedded engine's pure parts: point validation and the canonical tag-set key (the
// name rules and the privilege algebra it uses are tested in test/tsdb/).
import { describe, expect, it } from 'vitest';
import type { Point } from '../../../../src/tsdb/adapter.ts';
import { encodeFields, shardGroupDurationNs, shardIndex, shardIndexMs } from '../../../../src/tsdb/adapters/embedded/field-types.ts';
import { invalidLinePointReason, invalidPointReason } from '../../../../src/tsdb/adapters/embedded/points.ts';
import { tagsetKey } from '../../../../src/tsdb/adapters/embedded/series-store.ts';

describe('invalidPointReason', () => {
  const ok: Point = { measurement: 'm', tags: { a: 'b' }, fields: { v: 1, s: 'x', b: true }, timestampMs: 1 };

  it('accepts valid points and an empty batch', () => {
    expect(invalidPointReason([ok, { ...ok, tags: {} }])).toBeUndefined();
    expect(invalidPointReason([])).toBeUndefined();
  });

  it.each([
    ['empty measurement', { ...ok, measurement: '' }, /measurement name is required/],
    ['NaN time', { ...ok, timestampMs: Number.NaN }, /timestampMs/],
    ['null field', { ...ok, fields: { v: null } }, /"v" must be/],
    ['object field', { ...ok, fields: { v: {} } }, /"v" must be/],
    ['non-string tag', { ...ok, tags: { a: 1 } }, /tag keys/],
    ['empty tag key', { ...ok, tags: { '': 'x' } }, /tag keys/],
    ['empty field key', { ...ok, fields: { '': 1 } }, /field keys/],
    ['measurement with a newline', { ...ok, measurement: 'a\nb' }, /control characters/],
    ['tag value with a trailing backslash', { ...ok, tags: { a: 'b\\' } }, /tag "a": line protocol cannot carry it/],
    ['tag key with a tab', { ...ok, tags: { 'a\tb': 'c' } }, /tag "a\\tb": line protocol cannot carry it/],
    ['field key with a newline', { ...ok, fields: { 'v\n': 1 } }, /field "v\\n": line protocol cannot carry it/],
    ['null point', null, /not an object/],
  ])('rejects %s, naming the point', (_label, bad, reason) => {
    const message = invalidPointReason([ok, bad as unknown as Point]);
    expect(message).toMatch(reason);
    expect(message).toMatch(/^point 1:/);
  });
});

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

describe('invalidLinePointReason', () => {
  const ok = { measurement: 'm', tags: {}, fields: { v: 1 }, timeNs: 1n };
  it.each([
    [{ ...ok, timeNs: 1 }, 'point 0: timeNs out of range'],
    [{ ...ok, timeNs: 2n ** 63n }, 'point 0: timeNs out of range'],
    [{ ...ok, fields: { v: { int: 2n ** 63n } } }, 'point 0: field "v": integer out of range'],
    [{ ...ok, fields: { v: { int: 1 } } }, 'point 0: field "v" must be a number, a boolean, a string or { int: bigint }'],
    [{ ...ok, measurement: '' }, 'point 0: measurement name is required'],
  ])('case %#: %s', (point, reason) => {
    expect(invalidLinePointReason([point as never])).toBe(reason);
  });
  it('accepts int64 bounds', () => {
    expect(invalidLinePointReason([{ ...ok, fields: { v: { int: -(2n ** 63n) }, w: { int: 2n ** 63n - 1n } } }])).toBeUndefined();
  });
});

describe('tagsetKey', () => {
  it('treats an empty tag value as no tag, as InfluxDB does', () => {
    expect(tagsetKey({ a: '', b: '1' })).toBe(tagsetKey({ b: '1' }));
  });

  it('is independent of key order and distinguishes values', () => {
    expect(tagsetKey({ b: '2', a: '1' })).toBe(tagsetKey({ a: '1', b: '2' }));
    expect(tagsetKey({ a: '1,b=2' })).not.toBe(tagsetKey({ a: '1', b: '2' }));
    expect(tagsetKey({})).toBe('[]');
  });
});
