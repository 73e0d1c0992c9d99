// Table tests for the embedded engine's pure parts: name rules, the privilege algebra, point
// validation and the canonical tag-set key.
import { describe, expect, it } from 'vitest';
import type { Point } from '../../src/tsdb/adapter.ts';
import { MAX_NAME_LENGTH, invalidMeasurementReason, invalidNameReason } from '../../src/tsdb/adapters/embedded/names.ts';
import { invalidPointReason, storedFields } from '../../src/tsdb/adapters/embedded/points.ts';
import { afterGrant, afterRevoke, fromBits, toBits } from '../../src/tsdb/adapters/embedded/privileges.ts';
import { tagsetKey } from '../../src/tsdb/adapters/embedded/series-store.ts';

describe('invalidNameReason (InfluxDB meta.ValidName plus a length bound)', () => {
  it.each([
    'tsdata',
    'with space',
    'dotted.name',
    '...',
    '.hidden',
    'ünïcødé 日本語 😀',
    'x"; DROP DATABASE "tsdata"; --',
    "quote'",
    '%2F',
    'a'.repeat(MAX_NAME_LENGTH),
  ])('accepts %j', (name) => {
    expect(invalidNameReason('database', name)).toBeUndefined();
  });

  it.each([
    ['', /required/],
    ['.', /reserved/],
    ['..', /reserved/],
    ['a/b', /not allowed/],
    ['a\\b', /not allowed/],
    ['tab\there', /printable/],
    ['new\nline', /printable/],
    ['nul\u0000', /printable/],
    ['del\u007f', /printable/],
    ['nbsp\u00a0', /printable/],
    ['zero\u200bwidth', /printable/],
    ['a'.repeat(MAX_NAME_LENGTH + 1), /longer/],
  ])('rejects %j', (name, reason) => {
    expect(invalidNameReason('user', name)).toMatch(reason);
  });

  it('rejects non-strings', () => {
    expect(invalidNameReason('database', undefined)).toMatch(/required/);
    expect(invalidNameReason('database', 42)).toMatch(/required/);
  });

  it('measurements only need to be non-empty and bounded', () => {
    expect(invalidMeasurementReason('a/b\\c\t')).toBeUndefined();
    expect(invalidMeasurementReason('')).toMatch(/required/);
    expect(invalidMeasurementReason('m'.repeat(MAX_NAME_LENGTH + 1))).toMatch(/longer/);
  });
});

describe('privilege bits', () => {
  it.each([
    ['NO PRIVILEGES', 0],
    ['READ', 1],
    ['WRITE', 2],
    ['ALL', 3],
  ] as const)('%s is %i and back', (privilege, bits) => {
    expect(toBits(privilege)).toBe(bits);
    expect(fromBits(bits)).toBe(privilege);
  });

  it.each([
    [undefined, 'READ', 1],
    [1, 'WRITE', 3],
    [2, 'READ', 3],
    [3, 'READ', 3],
    [3, 'NO PRIVILEGES', 0],
    [undefined, 'NO PRIVILEGES', 0],
    [0, 'ALL', 3],
  ] as const)('grant: %s + %s = %i', (current, privilege, expected) => {
    expect(afterGrant(current, privilege)).toBe(expected);
  });

  it.each([
    [3, 'WRITE', 1],
    [3, 'READ', 2],
    [3, 'ALL', 0],
    [1, 'WRITE', 1],
    [1, 'READ', 0],
    [undefined, 'WRITE', 0],
    [0, 'ALL', 0],
  ] as const)('revoke: %s - %s = %i', (current, privilege, expected) => {
    expect(afterRevoke(current, privilege)).toBe(expected);
  });
});

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
    ['null point', null, /not an object/],
  ])('rejects %s, naming the point', (_label, bad, reason) => {
    const message = invalidPointReason([ok, bad as unknown as Point]);
    expect(message).toMatch(reason);
    expect(message).toMatch(/^point 1:/);
  });
});

describe('storedFields', () => {
  it.each([
    [{ v: 1, s: 'x', b: false }, '{"v":1,"s":"x","b":false}'],
    [{ v: Number.NaN, w: 2 }, '{"w":2}'],
    [{ v: Infinity, w: -Infinity }, undefined],
    [{}, undefined],
  ])('%j is stored as %s (non-finite numbers have no line-protocol form either)', (fields, stored) => {
    expect(storedFields(fields)).toBe(stored);
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
