// Reset and snapshots in the real app on the embedded engine: a snapshot taken while the data plane and a
// direct writer keep writing restores (without a restart) to a state whose every database opens and lists;
// reset gives a first start with the caller still signed in; bad archives are 400s that change nothing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packTar, unpackTar } from '../../src/emulator/tar.ts';
import { expectJsonError, startApp, type TestApp } from '../../support/test-app.ts';
import { until } from '../../support/wait.ts';

describe('tar', () => {
  it('round-trips files and refuses corrupt or truncated archives', () => {
    const files = [{ name: 'a.json', data: Buffer.from('{"x":1}') }, { name: 'embedded/b.sqlite', data: Buffer.alloc(1500, 7) }];
    const tar = packTar(files);
    expect(unpackTar(tar).map((f) => [f.name, Buffer.from(f.data).toString('hex')])).toEqual(files.map((f) => [f.name, f.data.toString('hex')]));
    const bad = Buffer.from(tar);
    bad[10] = 65;
    expect(() => unpackTar(bad)).toThrow(/checksum/);
    expect(() => unpackTar(tar.subarray(0, 1024))).toThrow(/truncated/);
  });
});

describe('reset and snapshots', () => {
  let t: TestApp;
  const dbs = async () => (await t.request({ method: 'GET', url: '/stats/db' })).json<{ name: string; measurements: string[] }[]>();
  const userNames = async () => (await t.request({ method: 'GET', url: '/stats/users' })).json<{ name: string }[]>().map((u) => u.name);
  const ok = async (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const res = await t.request({ method, url, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  };

  beforeAll(async () => {
    t = await startApp(undefined, {
      simulator: { devices: 3, tagsPerDevice: 5, intervalMs: 20 },
      writer: { batchSize: 50, flushMs: 10, bufferPoints: 100_000 },
    });
  });
  afterAll(async () => t?.close());

  it('restores a snapshot taken during writes to a state whose every database opens and lists', async () => {
    await ok('POST', '/stats/db', { dbName: 'alpha' });
    await ok('POST', '/stats/db', { dbName: 'beta' });
    await ok('POST', '/stats/users', { name: 'u1', password: 'pw-1', grants: [{ database: 'alpha', privileges: 'ALL' }] });
    await ok('PUT', '/stats/tsdb/dbsource/internal', { db_vendor: 'influx_v1.x', db_uri: 'http://127.0.0.1:8086', name: 'tsdata', description: 'before' });
    const [device] = t.app.dataPlane.simulator.fleet;
    if (!device) throw new Error('fleet');
    await ok('PUT', `/__emulator/devices/${device.deviceID}`, { failed_tags: ['Pressure'] });
    await ok('PUT', '/__emulator/metrics/node_cpu_user', { value: 42 });
    await until(() => t.app.dataPlane.stats().writer.written > 100, 'data plane writing');

    // A second writer straight into `alpha` while the snapshot is taken.
    let writing = true;
    let seq = 0;
    const direct = (async () => {
      while (writing) {
        const points = Array.from({ length: 200 }, () => ({ measurement: 'direct', tags: { k: 'v' }, fields: { value: seq }, timestampMs: 1_700_000_000_000 + seq++ }));
        await t.app.sources.guardedAdapter().writePoints('alpha', points).catch(() => undefined);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const writtenBefore = t.app.dataPlane.stats().writer.written;
    const snap = await t.request({ method: 'GET', url: '/__emulator/snapshot' });
    writing = false;
    await direct;
    expect(snap.statusCode).toBe(200);
    expect(snap.headers['content-type']).toBe('application/gzip');
    expect(t.app.dataPlane.stats().writer.written).toBeGreaterThan(writtenBefore); // writes went on meanwhile
    const archive = snap.rawPayload;

    // Change everything the snapshot holds.
    await ok('DELETE', '/stats/db/alpha');
    await ok('POST', '/stats/db', { dbName: 'gamma' });
    await ok('DELETE', '/stats/users/u1/delete');
    await ok('PUT', '/stats/tsdb/dbsource/internal', { db_vendor: 'influx_v1.x', db_uri: 'http://127.0.0.1:8086', name: 'tsdata', description: 'after' });
    await ok('PUT', `/__emulator/devices/${device.deviceID}`, { failed_tags: [] });
    await ok('DELETE', '/__emulator/metrics');

    const restored = await t.request({ method: 'PUT', url: '/__emulator/snapshot', payload: archive, headers: { 'content-type': 'application/gzip' } });
    expect(restored.statusCode, restored.body).toBe(204);
    const after = await dbs();
    expect(after.map((d) => d.name)).toEqual(['alpha', 'beta', 'tsdata']);
    expect(after.find((d) => d.name === 'alpha')?.measurements).toContain('direct');
    expect(after.find((d) => d.name === 'tsdata')?.measurements.length).toBeGreaterThan(0);
    expect(await userNames()).toEqual(['u1']);
    const settings = JSON.parse(readFileSync(path.join(t.dataDir, 'tsdb-settings.json'), 'utf8')) as { internal: { description: string } };
    expect(settings.internal.description).toBe('before');
    const internal = (await t.request({ method: 'GET', url: '/stats/tsdb/dbsource/internal/test' })).json<{ is_connected: boolean }>();
    expect(internal.is_connected).toBe(true);
    const view = (await t.request({ method: 'GET', url: '/__emulator/devices' })).json<{ id: string; failed_tags: string[] }[]>();
    expect(view.find((d) => d.id === device.deviceID)?.failed_tags).toEqual(['Pressure']);
    expect((await t.request({ method: 'GET', url: '/__emulator/metrics' })).json()).toEqual([expect.objectContaining({ family: 'node_cpu_user', value: 42 })]);
    // Every database file opens and passes SQLite's own check; the data plane writes on into the restored state.
    const dir = path.join(t.dataDir, 'embedded');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.sqlite'))) {
      const db = new DatabaseSync(path.join(dir, f), { readOnly: true });
      expect((db.prepare('PRAGMA quick_check').get() as { quick_check: string }).quick_check).toBe('ok');
      db.close();
    }
    const resumed = t.app.dataPlane.stats().writer.written;
    await until(() => t.app.dataPlane.stats().writer.written > resumed, 'writes after the restore');
    await ok('POST', '/stats/db', { dbName: 'delta' }); // the restored engine takes changes
  }, 90_000);

  it('refuses bad archives with a 400 and changes nothing', async () => {
    const before = (await dbs()).map((d) => d.name);
    const put = (payload: Buffer) => t.request({ method: 'PUT', url: '/__emulator/snapshot', payload, headers: { 'content-type': 'application/gzip' } });
    const manifest = { name: 'snapshot.json', data: Buffer.from(JSON.stringify({ format: 'datahub-emulator-snapshot', version: 1 })) };
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('not an archive'), /not a gzip archive/],
      [gzipSync(Buffer.from('x'.repeat(600))), /tar:/],
      [gzipSync(packTar([manifest, { name: '../tokens.json', data: Buffer.from('{}') }])), /unexpected file "\.\.\/tokens\.json"/],
      [gzipSync(packTar([{ name: 'tsdb-settings.json', data: Buffer.from('{}') }])), /snapshot\.json is missing/],
      [gzipSync(packTar([manifest, { name: 'tsdb-settings.json', data: Buffer.from('{"version":1}') }])), /tsdb-settings\.json/],
      [gzipSync(packTar([manifest, { name: 'embedded/meta.sqlite', data: Buffer.from('garbage') }])), /embedded\/meta\.sqlite is not an intact SQLite database/],
      [gzipSync(packTar([manifest, { name: 'emulator.json', data: Buffer.from('{"version":1,"devices":{"nope":{}}}') }])), /no simulated device/],
      [gzipSync(packTar([manifest, { name: 'emulator.json', data: Buffer.from('{"version":1,"devices":{},"metrics":[{"family":"node_cpu_usage","value":1}]}') }])), /emulator\.json: metrics\.0: family: unknown metric family/],
    ];
    for (const [archive, message] of cases) {
      const res = await put(archive);
      const err = expectJsonError(res, res.statusCode === 404 ? 404 : 400);
      expect(err.message).toMatch(message);
    }
    expect((await dbs()).map((d) => d.name)).toEqual(before);
  });

  it('reset gives a first start, and the caller stays signed in', async () => {
    await ok('POST', '/__emulator/faults', { match: { path: '/nothing' }, effect: { status: 500 } });
    await ok('PUT', '/stats/tsdb/state/disable');
    const res = await t.request({ method: 'POST', url: '/__emulator/reset' });
    expect(res.statusCode).toBe(204);
    expect((await dbs()).map((d) => d.name)).toEqual(['tsdata']);
    expect(await userNames()).toEqual([]);
    expect((await t.request({ method: 'GET', url: '/stats/tsdb' })).json()).toEqual({ source: 'internal', is_enabled: true });
    expect((await t.request({ method: 'GET', url: '/__emulator/faults' })).json()).toEqual([]);
    expect((await t.request({ method: 'GET', url: '/__emulator/metrics' })).json()).toEqual([]);
    const view = (await t.request({ method: 'GET', url: '/__emulator/devices' })).json<{ failed_tags: string[] }[]>();
    expect(view.every((d) => d.failed_tags.length === 0)).toBe(true);
    const resumed = t.app.dataPlane.stats().writer.written;
    await until(() => t.app.dataPlane.stats().writer.written > resumed, 'writes after the reset');
  });
});
