// The internal source backed by a real InfluxDB 1.x (INTERNAL_INFLUX_URL on a first start), as a real
// device's is: the same routes reach influxd; a PUT naming the same address without credentials keeps them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Influxd, startInfluxd } from '../../support/influxd.ts';
import { MAX_AGE_MS } from '../../src/routes/stats/db.ts';
import { pausableProxy, startApp, type TestApp } from '../../support/test-app.ts';
import { pollUntil } from '../../support/wait.ts';

let influx: Influxd;
let t: TestApp;
beforeAll(async () => {
  influx = await startInfluxd();
  t = await startApp(undefined, { internalInflux: { url: influx.url, ...influx.admin } });
});
afterAll(async () => {
  await t?.close();
  await influx?.dispose();
});

describe('internal source on a configured InfluxDB 1.x', () => {
  it('tests, lists and creates on influxd, and a PUT for the same address only retargets the database', async () => {
    const test = await t.request({ method: 'GET', url: '/stats/tsdb/dbsource/internal/test' });
    expect(test.json()).toMatchObject({ is_connected: true, response: expect.stringMatching(/^InfluxDB v1\./) });

    expect((await t.request({ method: 'POST', url: '/stats/db', payload: { dbName: 'edge db' } })).statusCode).toBe(204);
    expect(await influx.column('SHOW DATABASES')).toContain('edge db');

    const before = t.app.sources.unguardedTarget().adapter;
    // As the vendor document's client sends it: db_uri, db_vendor, name, no credentials.
    const put = await t.request({
      method: 'PUT',
      url: '/stats/tsdb/dbsource/internal',
      payload: { db_vendor: 'influx_v1.x', name: 'edge db', db_uri: influx.url },
    });
    expect(put.statusCode).toBe(204);
    const target = t.app.sources.unguardedTarget();
    expect(target).toMatchObject({ source: 'internal', database: 'edge db' });
    expect(target.adapter).toBe(before);
    // INTERNAL_INFLUX_URL's credentials were kept: the authenticated server still answers.
    const dbs = (await t.request({ method: 'GET', url: '/stats/db' })).json<{ name: string }[]>();
    expect(dbs.map((d) => d.name)).toContain('edge db');
    // The password holds quotes and a backslash, which JSON logs escape: look for its plain prefix.
    expect(t.logs()).not.toContain(influx.admin.password.slice(0, 8));
  });
});

describe('internal InfluxDB 1.x goes down and comes back', () => {
  it('answers 503 naming the source while down, keeps serving /stats/metrics, recovers without a restart', async () => {
    await influx.stop();
    try {
      // The list may be served from its snapshot for up to MAX_AGE_MS (routes/stats/db.ts), not longer.
      const getDb = () => t.request({ method: 'GET', url: '/stats/db' });
      const down = await pollUntil(getDb, (r) => r.statusCode !== 200, MAX_AGE_MS + 4000);
      expect(down.statusCode).toBe(503);
      expect((await getDb()).statusCode).toBe(503);
      expect(down.json()).toMatchObject({ error: 'Service Unavailable', message: expect.stringContaining(influx.url) });
      const test = await t.request({ method: 'GET', url: '/stats/tsdb/dbsource/internal/test' });
      expect(test.statusCode).toBe(200);
      expect(test.json()).toMatchObject({ is_connected: false });
      const metrics = await t.request({ method: 'GET', url: '/stats/metrics' });
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toContain('node_memory_used');
    } finally {
      await influx.start();
    }
    const back = await t.request({ method: 'GET', url: '/stats/db' });
    expect(back.statusCode).toBe(200);
    expect(back.json<{ name: string }[]>().map((d) => d.name)).toContain('edge db');
  });
});

describe('internal InfluxDB 1.x that stops answering while GET /stats/db is served from its snapshot', () => {
  it('answers 503 after the window and the timeout, not the last good list, and recovers', async () => {
    const proxy = await pausableProxy(influx.url);
    const upstreamTimeoutMs = 1000;
    const hung = await startApp(undefined, { internalInflux: { url: proxy.url, ...influx.admin }, upstreamTimeoutMs });
    try {
      const getDb = () => hung.request({ method: 'GET', url: '/stats/db' });
      expect((await getDb()).statusCode).toBe(200);
      proxy.hang();
      const down = await pollUntil(getDb, (r) => r.statusCode !== 200, MAX_AGE_MS + upstreamTimeoutMs + 5000);
      expect(down.statusCode).toBe(503);
      expect(down.json<{ message: string }>().message).toContain(proxy.url);
      proxy.resume();
      expect((await getDb()).statusCode).toBe(200);
    } finally {
      await hung.close();
      await proxy.close();
    }
  });
});
