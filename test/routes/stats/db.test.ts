// /stats/db*: list (size, measurements), create, drop database, drop measurement, on the embedded
// engine; names with spaces, dots, slashes and non-ASCII through URL-encoded paths.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Point } from '../../../src/tsdb/adapter.ts';
import { expectJsonError, seg, startApp, type TestApp } from '../../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startApp();
});
afterEach(async () => {
  await t.close();
});

interface DbInfo {
  name: string;
  size: number;
  measurements: string[];
}
const list = async () => (await t.request({ method: 'GET', url: '/stats/db' })).json<DbInfo[]>();
const create = (payload: unknown) =>
  t.request({ method: 'POST', url: '/stats/db', payload: payload as object });
const del = (url: string) => t.request({ method: 'DELETE', url });
const point = (measurement: string): Point => ({ measurement, tags: { tag: 't' }, fields: { value: 1.5 }, timestampMs: Date.now() });
const write = (db: string, ...measurements: string[]) =>
  t.app.sources.unguardedTarget().adapter.writePoints(db, measurements.map(point));

describe('GET /stats/db', () => {
  it('lists tsdata with its on-disk size and measurements', async () => {
    await write('tsdata', 'Anomaly', 'P1_L1_Machine1_1_OPC.7C24EDB3-D95C-4097-ADFE-EA7228175ACD');
    const res = await t.request({ method: 'GET', url: '/stats/db' });
    expect(res.statusCode).toBe(200);
    const [tsdata] = res.json<DbInfo[]>();
    expect(tsdata).toEqual({
      name: 'tsdata',
      size: expect.any(Number),
      measurements: ['Anomaly', 'P1_L1_Machine1_1_OPC.7C24EDB3-D95C-4097-ADFE-EA7228175ACD'],
    });
    expect(tsdata?.size).toBeGreaterThan(0);
  });
});

describe('POST /stats/db', () => {
  it('creates a database (204), then 409 for the same name', async () => {
    const res = await create({ dbName: 'apiTest' });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await list()).map((d) => d.name)).toEqual(['apiTest', 'tsdata']);
    expect(expectJsonError(await create({ dbName: 'apiTest' }), 409).message).toMatch(/apiTest/);
  });

  it.each([
    ['no body field', {}],
    ['empty name', { dbName: '' }],
    ['a number', { dbName: 5 }],
    ['null', { dbName: null }],
    ['an array', { dbName: ['a'] }],
    ['too long', { dbName: 'd'.repeat(256) }],
  ])('answers 400 for %s', async (_case, body) => {
    expectJsonError(await create(body), 400);
    expect((await list()).map((d) => d.name)).toEqual(['tsdata']);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await t.request({ method: 'POST', url: '/stats/db', payload: 'dbName=x', headers: { 'content-type': 'application/json' } });
    expectJsonError(res, 400);
    expectJsonError(await t.request({ method: 'POST', url: '/stats/db', payload: 'x', headers: { 'content-type': 'text/plain' } }), 400);
  });
});

describe('DELETE /stats/db/{db_name}', () => {
  it.each(['my db', 'db.v1.2', 'Überwachung-温度', "it's \"quoted\"", 'a;DROP'])(
    'round-trips %j through an encoded path',
    async (name) => {
      expect((await create({ dbName: name })).statusCode).toBe(204);
      expect((await list()).map((d) => d.name)).toContain(name);
      expect((await del(`/stats/db/${seg(name)}`)).statusCode).toBe(204);
      expect((await list()).map((d) => d.name)).toEqual(['tsdata']);
    },
  );

  it('answers 404 for a missing database, and leaves the others alone', async () => {
    expect(expectJsonError(await del('/stats/db/nope'), 404).message).toMatch(/nope/);
    expect((await list()).map((d) => d.name)).toEqual(['tsdata']);
  });

  it('answers 400 for a name the engine refuses (slash, as InfluxDB does)', async () => {
    expectJsonError(await del(`/stats/db/${seg('a/b')}`), 400);
    expectJsonError(await create({ dbName: 'a/b' }), 400);
  });
});

describe('DELETE /stats/db/{db_name}/measurements/{db_measurement}', () => {
  const odd = 'P1 L1/Machine 1.ü-温度';

  it('drops one measurement (names with slashes, spaces, non-ASCII) and keeps the rest', async () => {
    await write('tsdata', odd, 'keep');
    const res = await del(`/stats/db/tsdata/measurements/${seg(odd)}`);
    expect(res.statusCode).toBe(204);
    expect((await list())[0]?.measurements).toEqual(['keep']);
    expect(expectJsonError(await del(`/stats/db/tsdata/measurements/${seg(odd)}`), 404).message).toMatch(/measurement/);
  });

  it('answers 404 for a missing database and 400 for an over-long measurement name', async () => {
    expectJsonError(await del('/stats/db/nope/measurements/m'), 404);
    expectJsonError(await del(`/stats/db/tsdata/measurements/${'m'.repeat(1025)}`), 400);
  });

  it('only touches the named database', async () => {
    await create({ dbName: 'other' });
    await write('other', 'same');
    await write('tsdata', 'same');
    expect((await del('/stats/db/other/measurements/same')).statusCode).toBe(204);
    const dbs = await list();
    expect(dbs.find((d) => d.name === 'tsdata')?.measurements).toEqual(['same']);
    expect(dbs.find((d) => d.name === 'other')?.measurements).toEqual([]);
  });
});
