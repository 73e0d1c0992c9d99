// The freshness rule of GET /stats/db (routes/stats/db.ts) on the embedded engine: every mutation
// through the API shows on the caller's next GET, changes made behind the API's back show within the
// window, and a source that goes down answers 503 instead of the last good list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_AGE_MS } from '../../../src/routes/stats/db.ts';
import type { Point } from '../../../src/tsdb/adapter.ts';
import { closedPort, seg, startApp, type TestApp, v1Source } from '../../../support/test-app.ts';
import { pollUntil } from '../../../support/wait.ts';

interface DbInfo {
  name: string;
  size: number;
  measurements: string[];
}

let t: TestApp;
beforeEach(async () => {
  t = await startApp();
});
afterEach(async () => {
  await t.close();
});

const getDb = () => t.request({ method: 'GET', url: '/stats/db' });
const list = async () => {
  const res = await getDb();
  expect(res.statusCode).toBe(200);
  return res.json<DbInfo[]>();
};
const names = async () => (await list()).map((d) => d.name);
const measurementsOf = async (db: string) => (await list()).find((d) => d.name === db)?.measurements;
const point = (measurement: string, value = 1): Point => ({ measurement, tags: { tag: 't' }, fields: { value }, timestampMs: Date.now() });
/** A write as the data plane makes it: straight to the adapter, not through any route. */
const writeBehind = (db: string, points: Point[]) => t.app.sources.unguardedTarget().adapter.writePoints(db, points);
// Past the window plus room for a slow shared machine; the poll returns as soon as the change shows.
const DEADLINE_MS = MAX_AGE_MS + 4000;

describe('GET /stats/db after a mutation through the API (read-your-writes)', () => {
  it('shows a created and a dropped database on the very next GET', async () => {
    expect(await names()).toEqual(['tsdata']);
    expect((await t.request({ method: 'POST', url: '/stats/db', payload: { dbName: 'fresh db' } })).statusCode).toBe(204);
    expect(await names()).toEqual(['fresh db', 'tsdata']);
    expect((await t.request({ method: 'DELETE', url: `/stats/db/${seg('fresh db')}` })).statusCode).toBe(204);
    expect(await names()).toEqual(['tsdata']);
  });

  it('shows a dropped measurement gone on the very next GET', async () => {
    await writeBehind('tsdata', [point('keep'), point('drop.me')]);
    await pollUntil(() => measurementsOf('tsdata'), (m) => m?.length === 2, DEADLINE_MS);
    expect(await measurementsOf('tsdata')).toEqual(['drop.me', 'keep']);
    const res = await t.request({ method: 'DELETE', url: `/stats/db/tsdata/measurements/${seg('drop.me')}` });
    expect(res.statusCode).toBe(204);
    expect(await measurementsOf('tsdata')).toEqual(['keep']);
  });

  it('never answers with the previous source after a source switch, either way', async () => {
    expect(await names()).toEqual(['tsdata']);
    const port = await closedPort();
    const external = v1Source(`http://127.0.0.1:${port}`);
    expect((await t.request({ method: 'PUT', url: '/stats/tsdb/dbsource/external', payload: external })).statusCode).toBe(204);
    const refused = await getDb();
    expect(refused.statusCode).toBe(503);
    expect(refused.json<{ message: string }>().message).toContain(`127.0.0.1:${port}`);
    const internal = { db_vendor: 'influx_v1.x', name: 'tsdata', db_uri: 'http://localhost:8086' };
    expect((await t.request({ method: 'PUT', url: '/stats/tsdb/dbsource/internal', payload: internal })).statusCode).toBe(204);
    expect(await names()).toEqual(['tsdata']);
  });
});

describe('GET /stats/db and changes behind the API', () => {
  it('shows measurements written by the data plane, and the size growing, within the window', async () => {
    const before = (await list()).find((d) => d.name === 'tsdata');
    expect(before?.measurements).toEqual([]);
    await writeBehind('tsdata', Array.from({ length: 2000 }, (_, i) => ({ ...point('Machine.1', i), timestampMs: 1_700_000_000_000 + i })));
    const after = await pollUntil(
      async () => (await list()).find((d) => d.name === 'tsdata'),
      (d) => d?.measurements.includes('Machine.1') === true && d.size > (before?.size ?? 0),
      DEADLINE_MS,
    );
    expect(after?.measurements).toEqual(['Machine.1']);
    expect(after?.size).toBeGreaterThan(before?.size ?? 0);
  });

  it('answers 503 once the source is down, not the last good list', async () => {
    expect(await names()).toEqual(['tsdata']);
    // The engine as a down source: every call now fails with its 503, as when its files cannot be opened.
    await t.app.sources.unguardedTarget().adapter.close();
    const down = await pollUntil(getDb, (r) => r.statusCode !== 200, DEADLINE_MS);
    expect(down.statusCode).toBe(503);
    expect(down.json<{ message: string }>().message).toMatch(/embedded engine/);
    // The error is not cached as a 200 would be, and the list is not served again either.
    expect((await getDb()).statusCode).toBe(503);
  });
});
