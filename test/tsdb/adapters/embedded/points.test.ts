// Table tests of the embedded engine's point validation (src/tsdb/adapters/embedded/points.ts) on both write
// paths (the name rules and the privilege algebra it uses are tested in test/tsdb/).
import { describe, expect, it } from 'vitest';
import type { Point } from '../../../../src/tsdb/adapter.ts';
import { invalidLinePointReason, invalidPointReason } from '../../../../src/tsdb/adapters/embedded/points.ts';

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
