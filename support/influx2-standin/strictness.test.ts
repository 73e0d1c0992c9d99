// The stand-in's own strictness, checked over HTTP with fetch: it must refuse what InfluxDB 2.x refuses,
// with the same statuses and `{code, message}` bodies, or the adapter tests against it prove little.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeletePredicate, parseMeasurementsQuery } from './flux.ts';
import { startInflux2Standin, type Influx2Standin } from './index.ts';
import { parseLine } from './line-protocol.ts';

describe('InfluxDB 2.x stand-in', () => {
  let s: Influx2Standin;
  const call = async (method: string, path: string, body?: unknown, token: string | null = s.token) => {
    const res = await fetch(s.url + path, {
      method,
      headers: { ...(token ? { Authorization: `Token ${token}` } : {}), 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  beforeAll(async () => {
    s = await startInflux2Standin();
  });
  afterAll(() => s.close());

  it('requires a token: 401 {code: unauthorized, message: unauthorized access}', async () => {
    expect(await call('GET', `/api/v2/buckets?orgID=${s.orgID}`, undefined, null)).toEqual({
      status: 401,
      body: { code: 'unauthorized', message: 'unauthorized access' },
    });
    expect((await call('GET', `/api/v2/buckets?orgID=${s.orgID}`, undefined, 'nope')).status).toBe(401);
    expect((await call('GET', '/health', undefined, null)).status).toBe(200);
  });

  it('buckets: org required, default page of 20, limit capped at 100, 422 conflict, name rules', async () => {
    expect((await call('GET', '/api/v2/buckets')).status).toBe(400);
    for (let i = 0; i < 25; i++) await call('POST', '/api/v2/buckets', { orgID: s.orgID, name: `b${String(i).padStart(2, '0')}` });
    const page = await call('GET', `/api/v2/buckets?orgID=${s.orgID}`);
    expect((page.body!.buckets as unknown[]).length).toBe(20);
    expect((await call('GET', `/api/v2/buckets?orgID=${s.orgID}&limit=101`)).status).toBe(400);
    expect(await call('POST', '/api/v2/buckets', { orgID: s.orgID, name: 'b00' })).toMatchObject({ status: 422, body: { code: 'conflict' } });
    expect(await call('POST', '/api/v2/buckets', { name: 'x' })).toMatchObject({ status: 400, body: { code: 'invalid' } });
    expect((await call('POST', '/api/v2/buckets', { orgID: s.orgID, name: '_x' })).status).toBe(400);
    expect((await call('POST', '/api/v2/buckets', { orgID: s.orgID, name: 'a"b' })).status).toBe(400);
  });

  it('write: reads a gzip body as 2.x does (the client gzips past 1,000 bytes); a broken one is a 400', async () => {
    await call('POST', '/api/v2/buckets', { orgID: s.orgID, name: 'gz' });
    const write = (body: Buffer) =>
      fetch(`${s.url}/api/v2/write?orgID=${s.orgID}&bucket=gz&precision=ms`, {
        method: 'POST',
        headers: { Authorization: `Token ${s.token}`, 'Content-Encoding': 'gzip' },
        body: new Uint8Array(body),
      });
    const long = 'm'.repeat(1024);
    expect((await write(gzipSync(`${long} v=1 1\nsmall v=2 2`))).status).toBe(204);
    expect(s.state.bucketByName('gz')!.points.map((p) => p.measurement).sort()).toEqual([long, 'small']);
    expect((await write(Buffer.from('not gzip'))).status).toBe(400);
  });

  it('delete: start and stop are mandatory and bounded; predicates must double-quote values', async () => {
    const b = s.state.bucketByName('b00')!;
    const path = `/api/v2/delete?orgID=${s.orgID}&bucketID=${b.id}`;
    expect((await call('POST', path, { stop: '2020-01-01T00:00:00Z' })).status).toBe(400);
    expect((await call('POST', path, { start: '1600-01-01T00:00:00Z', stop: '2020-01-01T00:00:00Z' })).status).toBe(400);
    const ok = { start: '1677-09-22T00:00:00Z', stop: '2262-04-11T00:00:00Z' };
    expect((await call('POST', path, { ...ok, predicate: "_measurement='m'" })).status).toBe(400);
    expect((await call('POST', path, { ...ok, predicate: '_measurement="m"' })).status).toBe(204);
    expect((await call('POST', `/api/v2/delete?bucketID=${b.id}`, { ...ok })).status).toBe(400);
  });

  it('legacy authorizations: permissions required and immutable (PATCH ignores them)', async () => {
    const base = '/private/legacy/authorizations';
    expect((await call('POST', base, { orgID: s.orgID, token: 'u', permissions: [] })).status).toBe(400);
    const perm = { action: 'read', resource: { type: 'orgs', id: s.orgID } };
    const created = await call('POST', base, { orgID: s.orgID, token: 'u', permissions: [perm] });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    expect((await call('POST', base, { orgID: s.orgID, token: 'u', permissions: [perm] })).status).toBe(422);
    const id = String(created.body!.id);
    const patched = await call('PATCH', `${base}/${id}`, { description: 'd', permissions: [{ ...perm, action: 'write' }] });
    expect(patched.body).toMatchObject({ description: 'd', permissions: [perm] });
    expect((await call('GET', `${base}?token=nobody`)).status).toBe(404);
    expect((await call('POST', `${base}/${id}/password`, { password: 'p' })).status).toBe(204);
  });

  it('anything else: 404 path not found, 405 for a wrong method', async () => {
    expect(await call('GET', '/api/v2/dashboards')).toEqual({ status: 404, body: { code: 'not found', message: 'path not found' } });
    expect((await call('PUT', '/api/v2/buckets')).status).toBe(405);
    expect((await call('POST', `/api/v2/query?orgID=${s.orgID}`, { query: 'from(bucket: "b00") |> range(start: -1h)' })).status).toBe(400);
  });
});

describe('stand-in parsers', () => {
  it.each([
    ['m,t=a\\ b f=1i 5', { measurement: 'm', tags: { t: 'a b' }, fields: { f: 1n }, timeNs: 5n }],
    ['a\\,b\\ c s="q\\"x",b=t', { measurement: 'a,b c', tags: {}, fields: { s: 'q"x', b: true }, timeNs: 0n }],
  ])('line %j', (line, expected) => expect(parseLine(line, 1n, 0n)).toEqual(expected));

  it.each(['', 'm', 'm f=', 'm,t= f=1', 'm f=1 x', 'm f="open'])('rejects line %j', (line) => {
    expect(() => parseLine(line, 1n, 0n)).toThrow();
  });

  it('flux: schema.measurements with string escapes and both start forms; anything else refused', () => {
    const q = 'import "influxdata/influxdb/schema"\nschema.measurements(bucket: "a\\"b\\\\c\\n", start: time(v: "1970-01-01T00:00:00Z"))';
    expect(parseMeasurementsQuery(q, 0n)).toEqual({ bucket: 'a"b\\c\n', startNs: 0n });
    expect(parseMeasurementsQuery('import "influxdata/influxdb/schema" schema.measurements(bucket: "x")', 0n)).toEqual({ bucket: 'x' });
    expect(() => parseMeasurementsQuery('from(bucket: "x")', 0n)).toThrow();
    expect(() => parseMeasurementsQuery('import "influxdata/influxdb/schema" schema.measurements(bucket: "${x}")', 0n)).toThrow();
  });

  it('delete predicates: and-joined double-quoted terms only', () => {
    expect(parseDeletePredicate('_measurement="a\\"b" and host="h"')).toEqual({ _measurement: 'a"b', host: 'h' });
    expect(parseDeletePredicate('')).toEqual({});
    expect(() => parseDeletePredicate("_measurement='a'")).toThrow(/bad tag value/);
    expect(() => parseDeletePredicate('a="1" or b="2"')).toThrow(/OR/);
  });
});
