// /query's formatting as pure functions: RFC3339 with Go's trimming, epoch units, Go's JSON text, chunks and
// the statement loop's "not executed" results; then the same rows formatted by us and answered by a real
// influxd 1.6.7 for every epoch, pretty and chunk size, compared byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatementResult } from '../../src/influx-api/engine.ts';
import { goJson, goString } from '../../src/influx-api/go-json.ts';
import { chunkResult, mergeResults, resultObject, statementResults, type NumberedResult } from '../../src/influx-api/results.ts';
import { ZoneOffsets } from '../../src/influxql/tz.ts';
import { formatTime, rfc3339Nano } from '../../src/influx-api/time-format.ts';
import { startInfluxd, type Influxd } from '../../support/influxd.ts';

describe('times', () => {
  it.each<[bigint, string]>([
    [0n, '1970-01-01T00:00:00Z'],
    [1700000000123456789n, '2023-11-14T22:13:20.123456789Z'],
    [1700000001000000000n, '2023-11-14T22:13:21Z'],
    [1700000002100000000n, '2023-11-14T22:13:22.1Z'],
    [1700000002000001000n, '2023-11-14T22:13:22.000001Z'],
    [-1n, '1969-12-31T23:59:59.999999999Z'],
    [-1500000000n, '1969-12-31T23:59:58.5Z'],
    [-9223372036854775806n, '1677-09-21T00:12:43.145224194Z'],
    [9223372036854775806n, '2262-04-11T23:47:16.854775806Z'],
  ])('RFC3339Nano of %s is %s', (ns, text) => expect(rfc3339Nano(ns)).toBe(text));

  it('writes the date and clock as Date does, leap days, century years and the years 0 and 9999 included', () => {
    const seconds = [
      951_782_399, 951_782_400, 951_868_800, 4_107_542_400, -2_203_891_200, -62_167_219_200, -62_135_596_800,
      253_402_300_799, ...Array.from({ length: 500 }, (_, i) => -62_167_219_200 + i * 631_152_000 + i * 7919),
    ];
    for (const s of seconds) {
      expect(rfc3339Nano(BigInt(s) * 1_000_000_000n)).toBe(new Date(s * 1000).toISOString().slice(0, 19) + 'Z');
    }
  });

  it('writes a tz() zone with its offset, and Z where the offset is zero', () => {
    const chicago = new ZoneOffsets('America/Chicago');
    expect(rfc3339Nano(1700000000000000000n, chicago)).toBe('2023-11-14T16:13:20-06:00');
    expect(rfc3339Nano(1690000000500000000n, chicago)).toBe('2023-07-21T23:26:40.5-05:00');
    expect(rfc3339Nano(1700000000000000000n, new ZoneOffsets('Asia/Kolkata'))).toBe('2023-11-15T03:43:20+05:30');
    expect(rfc3339Nano(1700000000000000000n, new ZoneOffsets('Europe/London'))).toBe('2023-11-14T22:13:20Z');
  });

  it('divides by the epoch unit toward zero, as Go does; unknown units are nanoseconds', () => {
    const ns = 1700000000123456789n;
    expect(['h', 'm', 's', 'ms', 'u', 'ns', 'n', 'x'].map((e) => formatTime(ns, e))).toEqual([
      472222n, 28333333n, 1700000000n, 1700000000123n, 1700000000123456n, ns, ns, ns,
    ]);
    expect(formatTime(-1500000000n, 's')).toBe(-1n);
    expect(formatTime(123n, '')).toBe('1970-01-01T00:00:00.000000123Z');
  });
});

describe('Go JSON text', () => {
  it('escapes as encoding/json does', () => {
    expect(goString('a<b>&c')).toBe('"a\\u003cb\\u003e\\u0026c"');
    expect(goString('q"\\\n\r\t\b\f\u0001\u2028\u2029é')).toBe('"q\\"\\\\\\n\\r\\t\\u0008\\u000c\\u0001\\u2028\\u2029é"');
    expect(goJson([1.5, -0, 1e21, 1e-7, 123456789012345680000, 0.000001, 2n ** 63n - 1n, null, true, undefined])).toBe(
      '[1.5,-0,1e+21,1e-7,123456789012345680000,0.000001,9223372036854775807,null,true,null]',
    );
    expect(goJson({ a: undefined, b: [], c: {} })).toBe('{"b":[],"c":{}}');
  });

  it('indents as json.MarshalIndent with four spaces', () => {
    const value = { results: [{ statement_id: 0, series: [{ name: 'm', columns: ['time', 'v'], values: [[1, 2.5]] }] }], e: [] };
    expect(goJson(value, '    ')).toBe(JSON.stringify(value, null, 4));
  });
});

describe('statements, merging and chunks', () => {
  const ok = (n: number): StatementResult => ({ series: [{ name: `s${n}`, columns: ['x'], values: [[n]] }] });

  it('stops at the first error and numbers the "not executed" results as influxd 1.6.7 does', async () => {
    const seen: NumberedResult[] = [];
    const run = (s: number) => (s === 1 ? { error: 'undefined function nope()' } : ok(s));
    for await (const r of statementResults([0, 1, 2, 3], run)) seen.push(r);
    expect(seen.map((r) => [r.id, r.result.error])).toEqual([
      [0, undefined], [1, 'undefined function nope()'], [1, 'not executed'], [1, 'not executed'],
    ]);
    // Buffered (not chunked), the repeated id replaces the real error: influxd answers exactly this.
    expect(mergeResults(seen).map((r) => [r.id, r.result.error])).toEqual([[0, undefined], [1, 'not executed']]);
  });

  it('cuts split series into chunk_size rows, marks continued series and all but the last piece partial', () => {
    const r: StatementResult = {
      series: [
        { name: 'cpu', tags: { host: 'a' }, columns: ['time', 'v'], values: [[1n, 1], [2n, 2], [3n, 3]] },
        { name: 'cpu', tags: { host: 'b' }, columns: ['time', 'v'], values: [[4n, 4]] },
      ],
    };
    const pieces = chunkResult(r, 2, true);
    expect(pieces.map((p) => [p.partial, p.series![0]!.tags!.host, p.series![0]!.values.length, p.series![0]!.partial])).toEqual([
      [true, 'a', 2, true], [true, 'a', 1, undefined], [undefined, 'b', 1, undefined],
    ]);
    expect(chunkResult(r, 1, false).map((p) => p.series![0]!.values.length)).toEqual([3, 1]);
    expect(chunkResult({}, 2, true)).toEqual([{}]);
    expect(chunkResult({ error: 'x' }, 2, true)).toEqual([{ error: 'x' }]);
  });

  it('sorts tags and leaves out empty parts as Go omitempty does', () => {
    const obj = resultObject(3, { series: [{ name: '', tags: { b: '2', a: '1' }, columns: ['time'], values: [] }] }, { epoch: '' });
    expect(goJson(obj)).toBe('{"statement_id":3,"series":[{"tags":{"a":"1","b":"2"},"columns":["time"]}]}');
  });
});

// The rows influxd stores for these lines, as our executor hands them to the formatter.
const LINES = [
  'cpu,host=a,region=x value=1.5,s="hi <&>",b=true,i=3i 1700000000123456789',
  'cpu,host=b value=2 1700000001000000000',
  'cpu,host=a value=3 1700000002100000000',
  'cpu,host=c value=4 1700000003000000000',
  'cpu,host=c value=5 1700000004000000000',
  'cpu,host=c value=6e-7 1700000005000000000',
].join('\n');
const BY_HOST: StatementResult = {
  series: [
    { name: 'cpu', tags: { host: 'a' }, columns: ['time', 'value'], values: [[1700000000123456789n, 1.5], [1700000002100000000n, 3]] },
    { name: 'cpu', tags: { host: 'b' }, columns: ['time', 'value'], values: [[1700000001000000000n, 2]] },
    {
      name: 'cpu',
      tags: { host: 'c' },
      columns: ['time', 'value'],
      values: [[1700000003000000000n, 4], [1700000004000000000n, 5], [1700000005000000000n, 6e-7]],
    },
  ],
};
const ALL: StatementResult = {
  series: [
    {
      name: 'cpu',
      columns: ['time', 'b', 'host', 'i', 'region', 's', 'value'],
      values: [
        [1700000000123456789n, true, 'a', 3n, 'x', 'hi <&>', 1.5],
        [1700000001000000000n, null, 'b', null, null, null, 2],
        [1700000002100000000n, null, 'a', null, null, null, 3],
        [1700000003000000000n, null, 'c', null, null, null, 4],
        [1700000004000000000n, null, 'c', null, null, null, 5],
        [1700000005000000000n, null, 'c', null, null, null, 6e-7],
      ],
    },
  ],
};

describe('formatting against influxd 1.6.7', () => {
  let influxd: Influxd;
  beforeAll(async () => {
    influxd = await startInfluxd();
    await influxd.query('CREATE DATABASE fmt');
    const res = await fetch(`${influxd.url}/write?db=fmt`, {
      method: 'POST',
      body: LINES,
      headers: { authorization: 'Basic ' + Buffer.from(`${influxd.admin.username}:${influxd.admin.password}`).toString('base64') },
    });
    expect(res.status).toBe(204);
  }, 60_000);
  afterAll(() => influxd?.dispose());

  async function theirs({ urlPretty, ...params }: Record<string, string>): Promise<string> {
    const body = new URLSearchParams({ db: 'fmt', ...params });
    const res = await fetch(`${influxd.url}/query${urlPretty ? `?pretty=${urlPretty}` : ''}`, {
      method: 'POST',
      body,
      headers: { authorization: 'Basic ' + Buffer.from(`${influxd.admin.username}:${influxd.admin.password}`).toString('base64') },
    });
    expect(res.status).toBe(200);
    return res.text();
  }

  function ours(results: StatementResult[], p: { epoch?: string; urlPretty?: string; chunked?: string; chunk_size?: string }): string {
    // influxd 1.6 reads `pretty` from the URL only; these requests send everything as a form.
    const indent = p.urlPretty === 'true' ? '    ' : '';
    const epoch = (p.epoch ?? '').trim();
    if (p.chunked === 'true') {
      const size = Number.parseInt(p.chunk_size ?? '', 10);
      return results
        .flatMap((r, id) => chunkResult(r, size > 0 ? size : 10_000, true).map((piece) => goJson({ results: [resultObject(id, piece, { epoch })] }, indent) + '\n'))
        .join('');
    }
    return goJson({ results: results.map((r, id) => resultObject(id, r, { epoch })) }, indent) + '\n';
  }

  const QUERY = 'SELECT * FROM cpu; SELECT value FROM cpu GROUP BY host';
  it.each<Record<string, string>>([
    {},
    { epoch: 'h' }, { epoch: 'm' }, { epoch: 's' }, { epoch: 'ms' }, { epoch: 'u' }, { epoch: 'ns' }, { epoch: 'n' }, { epoch: 'x' }, { epoch: ' ' },
    { pretty: 'true' }, { pretty: '1' }, { urlPretty: 'true' }, { urlPretty: 'true', chunked: 'true', chunk_size: '2' },
    { chunked: 'true' }, { chunked: 'true', chunk_size: '1' }, { chunked: 'true', chunk_size: '2' }, { chunked: 'true', chunk_size: '0' },
    { chunked: 'true', chunk_size: 'abc' }, { chunked: 'true', chunk_size: '2', pretty: 'true', epoch: 'ms' }, { chunked: '1', chunk_size: '1' },
  ])('%j', async (p) => {
    expect(ours([ALL, BY_HOST], p)).toBe(await theirs({ q: QUERY, ...p }));
  });
});
