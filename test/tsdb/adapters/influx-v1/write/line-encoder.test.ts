// Table tests of the InfluxDB 1.x adapter's line-protocol encoder: escaping, field types, times, and the 400s
// for what line protocol cannot carry (empty, short and malformed input included). Quoting: test/influxql/.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineEncoder } from '../../../../../src/tsdb/adapters/influx-v1/write/line-encoder.ts';
import { statusOf } from '../../../../../support/app-error.ts';

/** One line, or undefined when the point has no writable field. */
const toLine = (p: Parameters<LineEncoder['line']>[0]) => new LineEncoder().line(p);

describe('line protocol', () => {
  const p = (over: Partial<Parameters<typeof toLine>[0]>) => ({
    measurement: 'm',
    tags: {},
    fields: { v: 1 },
    timestampMs: 1000,
    ...over,
  });
  it.each([
    [p({}), 'm v=1 1000'],
    [p({ measurement: 'a,b c=d"e' }), 'a\\,b\\ c=d"e v=1 1000'],
    [p({ tags: { 'k,=': 'v a', b: '1' } }), 'm,b=1,k\\,\\==v\\ a v=1 1000'],
    [p({ tags: { empty: '' } }), 'm v=1 1000'],
    [p({ fields: { 'f k': 's "q" \\ x' } }), 'm f\\ k="s \\"q\\" \\\\ x" 1000'],
    [p({ fields: { i: 42, f: 1.5, e: 1e21, b: false } }), 'm i=42,f=1.5,e=1e+21,b=false 1000'],
    [p({ fields: { nan: NaN, v: 2 } }), 'm v=2 1000'],
    [p({ timestampMs: 1000.9 }), 'm v=1 1000'],
    [p({ measurement: 'back\\slash.ok' }), 'back\\slash.ok v=1 1000'],
  ])('%j', (point, line) => {
    expect(toLine(point)).toBe(line);
  });

  it('leaves out a point without a finite field', () => {
    expect(toLine(p({ fields: { v: Infinity } }))).toBeUndefined();
    expect(toLine(p({ fields: {} }))).toBeUndefined();
  });

  it.each(['', '#comment', 'new\nline', 'trail\\', 'bs\\,comma', 'bs\\"quote', 'bs\\ space', 'bs\\=eq'])(
    'refuses the measurement %j with 400',
    (measurement) => expect(statusOf(() => toLine(p({ measurement })))).toBe(400),
  );

  it('refuses a timestamp that is not a finite number with 400', () => {
    for (const timestampMs of [NaN, Infinity, -Infinity]) expect(statusOf(() => toLine(p({ timestampMs })))).toBe(400);
  });

  it('refuses unwritable tag keys, tag values and field keys with 400', () => {
    expect(statusOf(() => toLine(p({ tags: { 'k\\': 'v' } })))).toBe(400);
    expect(statusOf(() => toLine(p({ tags: { k: 'v\\' } })))).toBe(400);
    expect(statusOf(() => toLine(p({ fields: { 'f\n': 1 } })))).toBe(400);
  });

  it('tags come out sorted by code unit whatever their order, like Array#sort', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4, unit: 'grapheme-ascii' }), { maxLength: 6 }), (keys) => {
        const clean = keys.filter((k) => !/[\\\n\r]/.test(k));
        const tags = Object.fromEntries(clean.map((k) => [k, 'v']));
        const sorted = Object.fromEntries([...clean].sort().map((k) => [k, 'v']));
        expect(toLine(p({ tags }))).toBe(toLine(p({ tags: sorted })));
        expect(toLine(p({ tags }))).toBe(
          'm' + [...clean].sort().map((k) => ',' + k.replace(/[,= ]/g, '\\$&') + '=v').join('') + ' v=1 1000',
        );
      }),
    );
  });

  it('encode() refuses exactly the points line() refuses, and skips what line() skips', () => {
    const name = fc.constantFrom('m', '', '#c', 'a b', 'a\\', 'a\\,b', 'x\ny', 'ü.é');
    const point = fc.record({
      measurement: name,
      tags: fc.dictionary(name, name, { maxKeys: 2 }),
      fields: fc.dictionary(name, fc.constantFrom<number | string>(1, NaN, 's'), { maxKeys: 2 }),
      timestampMs: fc.constant(0),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 3 }), (points) => {
        const byLines = statusOf(() => points.forEach((x) => new LineEncoder().line(x)));
        expect(statusOf(() => new LineEncoder().encode(points, 0, points.length, Buffer.alloc(8)))).toBe(byLines);
      }),
    );
  });

  const bodyText = (enc: LineEncoder, pts: Parameters<typeof toLine>[0][], s: number, e: number, room = 4096) =>
    enc.encode(pts, s, e, Buffer.alloc(room)).toString('utf8');

  it('encode() joins the lines of a range, leaving out field-less points', () => {
    const pts = [p({ timestampMs: 0 }), p({ fields: {} }), p({ timestampMs: 2 }), p({ timestampMs: 3 })];
    const enc = new LineEncoder();
    expect(bodyText(enc, pts, 0, 3)).toBe('m v=1 0\nm v=1 2');
    expect(bodyText(enc, pts, 1, 2)).toBe('');
    expect(bodyText(enc, pts, 3, 4)).toBe('m v=1 3');
  });

  it('encode() grows past a buffer too small, keeping what it wrote, UTF-8 included', () => {
    const pts = Array.from({ length: 50 }, (_, i) =>
      p({ measurement: 'mé', tags: { k: 'vü' }, fields: { s: 'ß"x'.repeat(i), v: i }, timestampMs: i }),
    );
    const expected = pts.map((x) => toLine(x)).join('\n');
    expect(bodyText(new LineEncoder(), pts, 0, 50, 1)).toBe(expected);
    expect(expected).toContain('mé,k=vü s="ß\\"xß\\"x",v=2 2');
  });

  /** The line of a tag-less point named `m`, written the obvious way (String() per value) to compare against. */
  const plainLine = (x: ReturnType<typeof p>): string | undefined => {
    const fields = Object.entries(x.fields as Record<string, number | boolean | string>)
      .filter(([, v]) => typeof v !== 'number' || Number.isFinite(v))
      .map(([k, v]) => `${k}=${typeof v === 'string' ? `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : String(v)}`);
    return fields.length ? `m ${fields.join(',')} ${x.timestampMs}` : undefined;
  };

  it('writes every number exactly as String() would, in its own field, among fields of other types', () => {
    const value = fc.oneof(
      fc.double(),
      fc.constantFrom(-0, 5e-324, 1e21, 1e-7, -1.7976931348623157e308, 0.1 + 0.2),
      fc.integer(),
      fc.boolean(),
      fc.string({ maxLength: 4 }),
    );
    const point = fc.record({ a: value, b: value, c: value }).map((fields) => p({ fields }));
    fc.assert(
      fc.property(fc.array(point, { maxLength: 20 }), (pts) => {
        const expected = pts.map((x) => plainLine(x)).filter((l) => l !== undefined);
        expect(bodyText(new LineEncoder(), pts, 0, pts.length, 1)).toBe(expected.join('\n'));
      }),
    );
  });

  it('a chunk with more number text than the encoder keeps is written whole, and the next one too', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      p({ fields: Object.fromEntries(Array.from({ length: 25 }, (_, f) => [`f${f}`, Math.sin(i * 25 + f)])), timestampMs: i }),
    );
    const enc = new LineEncoder();
    const big = bodyText(enc, many, 0, many.length, 1);
    const numberText = JSON.stringify(many.flatMap((x) => Object.values(x.fields)));
    expect(numberText.length).toBeGreaterThan(LineEncoder.MAX_NUMBER_TEXT);
    expect(big).toBe(many.map((x) => plainLine(x)).join('\n'));
    expect(bodyText(enc, many, 7, 9)).toBe([plainLine(many[7]!), plainLine(many[8]!)].join('\n'));
  });

  it('writes timestamps exactly as String() would, across the digit-splitting boundaries', () => {
    const enc = new LineEncoder();
    const edge = [0, 9, 10, 99_999_999, 100_000_000, 100_000_001, 1_700_000_000_123, 9_999_999_999_999_998, 2 ** 53, 1e16, -5, 12.9];
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...edge), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })), (t) => {
        expect(enc.line(p({ timestampMs: t }))).toBe(`m v=1 ${Math.trunc(t)}`);
      }),
    );
  });

  it('the series cache answers the same for the same series in any tag order, and stays bounded', () => {
    const enc = new LineEncoder();
    const a = p({ measurement: 'dev.1', tags: { tagName: 'T', registerId: 'r', tagID: 'x' } });
    const b = p({ measurement: 'dev.1', tags: { tagID: 'x', tagName: 'T', registerId: 'r' } });
    expect(enc.line(a)).toBe('dev.1,registerId=r,tagID=x,tagName=T v=1 1000');
    expect(enc.line(b)).toBe(enc.line(a));
    for (let i = 0; i < LineEncoder.MAX_CACHED + 10; i++) enc.line(p({ measurement: `m${i}` }));
    expect(enc.line(a)).toBe('dev.1,registerId=r,tagID=x,tagName=T v=1 1000');
  });

  it('one encoder fed a stream of points writes each line as a fresh encoder would (its memos never go stale)', () => {
    // Few names, so series, tag values under one parent and field keys repeat, alternate and change order:
    // what the remembered last tag value and last field key must follow.
    const name = fc.constantFrom('a', 'b', 'c');
    const point = fc.record({
      measurement: fc.constantFrom('m', 'n'),
      tags: fc.dictionary(name, fc.constantFrom('1', '2', '')),
      fields: fc.dictionary(fc.constantFrom('value', 'v', 'w'), fc.oneof(fc.double(), fc.boolean(), fc.constant('s')), { minKeys: 1 }),
      timestampMs: fc.integer({ min: 0, max: 2 ** 42 }),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 30 }), (points) => {
        const streamed = new LineEncoder().encode(points, 0, points.length, Buffer.alloc(16)).toString('utf8');
        const fresh = points.map((q) => new LineEncoder().line(q)).filter((l) => l !== undefined);
        expect(streamed).toBe(fresh.join('\n'));
      }),
    );
  });
});
