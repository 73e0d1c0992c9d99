// The data plane inside the real app: DEMO=1 seeds once, the simulator publishes through a real
// nats-server, points show up under /stats/db, the count in /stats/metrics, and the state endpoints
// govern writing. Device IDs stay the same across a restart.
import { access } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMarkerFile } from '../../src/demo/seed.ts';
import { startApp, tempDataDir, seg, type TestApp } from '../../support/test-app.ts';
import { startNatsServer, type NatsServer } from '../../support/nats-server.ts';
import { until } from '../../support/wait.ts';

const ANALYTICS = ['Anomaly', 'DTR', 'EnergyMonitoring', 'OEEData', 'SR', 'XMR', 'classification'];
const DEVICE_MEASUREMENT = /^P\d+_L\d_Machine\d_1_(OPC|MB|S7)\.[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe('data plane in the app (demo seed, simulator over NATS)', () => {
  let nats: NatsServer;
  let dataDir: string;
  let t: TestApp | undefined;
  const start = async () =>
    (t = await startApp(dataDir, {
      natsUrl: nats.url,
      demo: true,
      simulator: { devices: 4, tagsPerDevice: 3, intervalMs: 50 },
      writer: { batchSize: 500, flushMs: 20, bufferPoints: 10_000 },
      sampleIntervalMs: 100,
    }));
  const tsdata = async (app: TestApp) => {
    const res = await app.request({ method: 'GET', url: '/stats/db' });
    expect(res.statusCode).toBe(200);
    const dbs = res.json<{ name: string; measurements: string[] }[]>();
    return { names: dbs.map((d) => d.name), measurements: dbs.find((d) => d.name === 'tsdata')?.measurements ?? [] };
  };
  const devices = (ms: string[]) => ms.filter((m) => DEVICE_MEASUREMENT.test(m));

  beforeAll(async () => {
    nats = await startNatsServer();
    dataDir = await tempDataDir();
  });
  afterAll(async () => {
    await t?.close();
    await nats?.dispose();
    const { rm } = await import('node:fs/promises');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds the document-like demo, fills device measurements, counts messages, obeys the state', async () => {
    const app = await start();
    const first = await tsdata(app);
    expect(first.names).toEqual(expect.arrayContaining(['le_stats', 'tsdata']));
    expect(first.measurements).toEqual(expect.arrayContaining(ANALYTICS));
    const users = await app.request({ method: 'GET', url: '/stats/users' });
    expect(users.json()).toEqual([
      { name: 'observer', grants: [{ database: 'le_stats', privileges: 'READ' }, { database: 'tsdata', privileges: 'READ' }] },
    ]);
    await access(demoMarkerFile(dataDir));

    await until(async () => devices((await tsdata(app)).measurements).length === 4, 'four device measurements');
    await until(async () => {
      const text = (await app.request({ method: 'GET', url: '/stats/metrics' })).body;
      return Number(/^node_nats_in_msgs (\S+)$/m.exec(text)?.[1] ?? 0) > 0;
    }, 'node_nats_in_msgs counting');

    const victim = devices((await tsdata(app)).measurements)[0] as string;
    expect((await app.request({ method: 'PUT', url: '/stats/tsdb/state/disable' })).statusCode).toBeLessThan(300);
    expect((await app.request({ method: 'DELETE', url: `/stats/db/tsdata/measurements/${seg(victim)}` })).statusCode).toBeLessThan(300);
    const discarded = app.app.dataPlane.stats().writer.discardedDisabled;
    // Many simulator ticks pass with the measurement still gone: received and discarded, not written.
    await until(() => app.app.dataPlane.stats().writer.discardedDisabled > discarded + 120, 'ticks while disabled');
    expect((await tsdata(app)).measurements).not.toContain(victim);

    expect((await app.request({ method: 'PUT', url: '/stats/tsdb/state/enable' })).statusCode).toBeLessThan(300);
    await until(async () => (await tsdata(app)).measurements.includes(victim), 'measurement back after enable');

    // The demo seed runs once: what an admin deletes stays deleted across restarts.
    expect((await app.request({ method: 'DELETE', url: '/stats/db/tsdata/measurements/Anomaly' })).statusCode).toBeLessThan(300);
  });

  it('keeps device IDs and the seed decision across a restart', async () => {
    const before = devices((await tsdata(t as TestApp)).measurements).sort();
    await t?.close();
    t = undefined;
    const app = await start();
    await until(() => app.app.dataPlane.stats().writer.written > 200, 'simulator writing again');
    const after = await tsdata(app);
    expect(devices(after.measurements).sort()).toEqual(before);
    expect(after.measurements).not.toContain('Anomaly');
    expect(after.measurements).toContain('OEEData');
  });
});
