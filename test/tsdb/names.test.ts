// Table tests for the one module of name rules (src/tsdb/names.ts): database and user names after influxd's
// meta.ValidName, measurement names, passwords, what line protocol cannot carry, and bounds in UTF-8 bytes.
import { describe, expect, it } from 'vitest';
import {
  MAX_BYTES,
  invalidMeasurementReason,
  invalidNameReason,
  invalidPasswordReason,
  longerThanBytes,
  unwritableNameReason,
} from '../../src/tsdb/names.ts';

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
    'a'.repeat(MAX_BYTES.database),
    // 127 two-byte characters and one ASCII: 255 bytes, the most influxd 1.6.7 takes.
    'ü'.repeat(127) + 'x',
  ])('accepts %j', (name) => {
    expect(invalidNameReason('database', name)).toBeUndefined();
    expect(invalidNameReason('user', name)).toBeUndefined();
  });

  it.each([
    ['', /required/],
    ['.', /reserved/],
    ['..', /reserved/],
    ['tab\there', /printable/],
    ['new\nline', /printable/],
    ['nul\u0000', /printable/],
    ['del\u007f', /printable/],
    ['nbsp\u00a0', /printable/],
    ['zero\u200bwidth', /printable/],
    ['a'.repeat(MAX_BYTES.user + 1), /longer than 255 bytes/],
    // 128 characters but 256 bytes: influxd answers "name too long", so every source does.
    ['ü'.repeat(128), /longer than 255 bytes/],
  ])('rejects %j', (name, reason) => {
    expect(invalidNameReason('user', name)).toMatch(reason);
    expect(invalidNameReason('database', name)).toMatch(reason);
  });

  it.each(['a/b', 'a\\b', '/', 'x\\"; GRANT ALL PRIVILEGES TO "x'])('takes %j as a user name, not as a database name', (name) => {
    expect(invalidNameReason('user', name)).toBeUndefined();
    expect(invalidNameReason('database', name)).toMatch(/not allowed/);
  });

  it('rejects non-strings', () => {
    expect(invalidNameReason('database', undefined)).toMatch(/required/);
    expect(invalidNameReason('database', 42)).toMatch(/required/);
  });
});

describe('invalidMeasurementReason', () => {
  it.each([
    'P1_L1_Machine1_1_OPC.7C24EDB3-D95C-4097-ADFE-EA7228175ACD',
    '.',
    '..',
    'a/b\\c',
    'comma,and=equals space',
    'quote"dq\'sq',
    'ünïcødé 日本語 😀',
    'x'.repeat(MAX_BYTES.measurement),
    '😀'.repeat(256),
  ])('accepts %j', (name) => {
    expect(invalidMeasurementReason(name)).toBeUndefined();
  });

  it.each([
    ['', /required/],
    ['x'.repeat(MAX_BYTES.measurement + 1), /longer than 1024 bytes/],
    ['😀'.repeat(257), /longer than 1024 bytes/],
    ['tab\there', /control characters/],
    ['new\nline', /control characters/],
    ['nul\u0000', /control characters/],
    ['ctl\u0001', /control characters/],
    ['del\u007f', /control characters/],
    ['#comment', /line protocol cannot carry it \(starts with #\)/],
    ['trail\\', /line protocol cannot carry it/],
    ['bs\\,comma', /line protocol cannot carry it/],
  ])('rejects %j', (name, reason) => {
    expect(invalidMeasurementReason(name)).toMatch(reason);
  });

  it('rejects non-strings', () => {
    expect(invalidMeasurementReason(null)).toMatch(/required/);
  });
});

describe('invalidPasswordReason', () => {
  it.each(['p', `p'"; DROP USER "x"; --\n\\`, 'x'.repeat(MAX_BYTES.password), 'ü'.repeat(512)])('accepts %j', (pw) => {
    expect(invalidPasswordReason(pw)).toBeUndefined();
  });

  it.each([
    ['', /required/],
    [undefined, /required/],
    ['x'.repeat(MAX_BYTES.password + 1), /longer than 1024 bytes/],
    ['ü'.repeat(513), /longer than 1024 bytes/],
    ['a\u0000b', /NUL/],
  ])('rejects %j', (pw, reason) => {
    expect(invalidPasswordReason(pw)).toMatch(reason);
  });
});

describe('unwritableNameReason (line protocol)', () => {
  it.each(['m', 'a b', 'a,b=c', 'q"uote', 'back\\slash', 'ü', '#not-a-measurement'])('carries %j', (s) => {
    expect(unwritableNameReason(s)).toBeUndefined();
  });

  it.each([
    ['', false, /empty/],
    ['#c', true, /starts with #/],
    ['a\nb', false, /newline/],
    ['a\rb', false, /newline/],
    ['a\tb', false, /tab/],
    ['trail\\', false, /backslash/],
    ['b\\,c', false, /backslash/],
    ['b\\=c', false, /backslash/],
    ['b\\ c', false, /backslash/],
    ['b\\"c', false, /backslash/],
  ])('refuses %j', (s, measurement, reason) => {
    expect(unwritableNameReason(s, measurement)).toMatch(reason);
  });
});

describe('longerThanBytes', () => {
  it.each([
    ['', 0, false],
    ['abc', 3, false],
    ['abc', 2, true],
    ['ü', 1, true],
    ['ü', 2, false],
    ['😀', 3, true],
    ['😀', 4, false],
    ['x'.repeat(100) + '日', 102, true],
    ['x'.repeat(100) + '日', 103, false],
  ])('%j past %i bytes: %s', (s, max, longer) => {
    expect(longerThanBytes(s, max)).toBe(longer);
    expect(longerThanBytes(s, max)).toBe(Buffer.byteLength(s) > max);
  });
});
