// The internal source's db_uri through the real server process and a real influxd: pointed at influxd it
// lists influxd's databases and the data plane writes there; pointed back at the emulator's own address
// (INFLUX_PORT) it is the embedded engine again, nothing lost on either side, across a restart; an
// address nothing answers on makes .../test report it and the other endpoints answer 503 naming it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFLUX_BANNER } from '../../src/influx-api/version.ts';
import { SETTINGS_FILE_NAME } from '../../src/tsdb/settings-store.ts';
import { countPoints } from '../../support/embedded-probe.ts';
import { startEmulator, type EmulatorProcess } from '../../support/emulator.ts';
import { startInfluxd, type Influxd } from '../../support/influxd.ts';
import { closedPort } from '../../support/test-app.ts';
import { until } from '../../support/wait.ts';

// Each test starts server (and probe) processes: under a loaded machine's start-up times the default 30 s is short.
const PROCESS_TEST_TIMEOUT_MS = 120_000;

let influx: Influxd;
let e: EmulatorProcess;
beforeAll(async () => {
  influx = await startInfluxd();
  await influx.query('CREATE DATABASE "tsdata"');
  await influx.query('CREATE DATABASE "influx_only"');
  await influx.write('influx_only', 'kept,site=a v=1 1700000000000\nkept,site=a v=2 1700000001000');
  // One simulated device with two tags every 100 ms: the data plane always has something to write.
  e = await startEmulator({ SIM_DEVICES: '1', SIM_TAGS_PER_DEVICE: '2', SIM_INTERVAL_MS: '100', WRITE_FLUSH_MS: '50' });
});
afterAll(async () => {
  await e?.dispose();
  await influx?.dispose();
});

interface Db {
  name: string;
  measurements: string[];
}
const json = { 'content-type': 'application/json' };
const putInternal = (body: Record<string, unknown>) =>
  e.fetch('/stats/tsdb/dbsource/internal', { method: 'PUT', headers: json, body: JSON.stringify({ db_vendor: 'influx_v1.x', name: 'tsdata', ...body }) });
const databases = async () => {
  const res = await e.fetch('/stats/db');
  expect(res.status).toBe(200);
  return (await res.json()) as Db[];
};
const names = async () => (await databases()).map((d) => d.name);
const connectionTest = async () => (await (await e.fetch('/stats/tsdb/dbsource/internal/test')).json()) as { is_connected: boolean; response: string };
const influxPoints = async () => {
  const [r] = await influx.query('SELECT count(*) FROM /.*/', { db: 'tsdata' });
  return (r?.series ?? []).reduce((sum, s) => sum + s.values!.reduce((n, row) => n + (row.slice(1) as number[]).reduce((a, b) => a + b, 0), 0), 0);
};
const ownAddress = () => `http://127.0.0.1:${e.influxPort}`;

describe('PUT /stats/tsdb/dbsource/internal with a db_uri', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let measurement = '';
  let embeddedBefore = 0;
  let influxBefore = 0;

  it('starts on the embedded engine, which the data plane writes to', async () => {
    expect((await e.fetch('/stats/db', { method: 'POST', headers: json, body: '{"dbName":"embedded_only"}' })).status).toBe(204);
    expect(await connectionTest()).toMatchObject({ is_connected: true, response: INFLUX_BANNER });
    await until(async () => ((await databases()).find((d) => d.name === 'tsdata')?.measurements.length ?? 0) > 0, 'a device measurement in embedded tsdata');
    measurement = (await databases()).find((d) => d.name === 'tsdata')!.measurements[0]!;
    await until(() => countPoints(e.dataDir, 'tsdata', measurement) > 0, 'points in the embedded engine');
    expect(await names()).toEqual(['embedded_only', 'tsdata']);
  });

  it("pointed at influxd: lists influxd's databases, and the next batches go there", async () => {
    const res = await putInternal({ db_uri: influx.url, db_username: influx.admin.username, db_password: influx.admin.password });
    expect(res.status).toBe(204);
    expect(await names()).toEqual(['influx_only', 'tsdata']);
    expect(await connectionTest()).toEqual({ is_connected: true, response: expect.stringMatching(/^InfluxDB v1\./) });
    await until(async () => (await influxPoints()) > 0, 'data-plane points in influxd');
    // Writing has moved: once influxd has more than a batch in flight could carry, the embedded count stands still.
    const embeddedAtSwitch = countPoints(e.dataDir, 'tsdata', measurement);
    const seen = await influxPoints();
    await until(async () => (await influxPoints()) > seen, 'more points in influxd');
    expect(countPoints(e.dataDir, 'tsdata', measurement)).toBe(embeddedAtSwitch);
    embeddedBefore = embeddedAtSwitch;
  });

  it('stays on influxd across a restart, the password sealed at rest and never logged', async () => {
    await e.restart();
    expect(await names()).toEqual(['influx_only', 'tsdata']);
    const onDisk = await readFile(path.join(e.dataDir, SETTINGS_FILE_NAME), 'utf8');
    expect(onDisk).toContain(influx.url);
    // The password holds quotes and a backslash, which JSON escapes: look for its plain prefix.
    expect(onDisk).not.toContain(influx.admin.password.slice(0, 8));
    expect(e.output()).not.toContain(influx.admin.password.slice(0, 8));
    const seen = await influxPoints();
    await until(async () => (await influxPoints()) > seen, 'influxd written to after the restart');
    influxBefore = await influxPoints();
  });

  it("pointed back at the emulator's own address: the embedded databases again, nothing lost on either side", async () => {
    expect((await putInternal({ db_uri: ownAddress() })).status).toBe(204);
    expect(await names()).toEqual(['embedded_only', 'tsdata']);
    expect(await connectionTest()).toMatchObject({ is_connected: true, response: INFLUX_BANNER });
    await until(() => countPoints(e.dataDir, 'tsdata', measurement) > embeddedBefore, 'the embedded engine written to again');
    expect(await influxPoints()).toBeGreaterThanOrEqual(influxBefore);
    expect(await influx.column('SHOW DATABASES')).toEqual(expect.arrayContaining(['influx_only', 'tsdata']));
    const [kept] = await influx.query('SELECT count(v) FROM kept', { db: 'influx_only' });
    expect(kept?.series?.[0]?.values?.[0]?.[1]).toBe(2);
    await e.restart();
    expect(await names()).toEqual(['embedded_only', 'tsdata']);
  });

  it('an address nothing answers on: .../test reports it, the other endpoints answer 503 naming the source, until corrected', async () => {
    const bad = `http://127.0.0.1:${await closedPort()}`;
    expect((await putInternal({ db_uri: bad })).status).toBe(204);
    const test = await e.fetch('/stats/tsdb/dbsource/internal/test');
    expect(test.status).toBe(200);
    expect(await test.json()).toEqual({ is_connected: false, response: expect.stringContaining('ECONNREFUSED') });
    for (const [method, url, body] of [
      ['GET', '/stats/db', undefined],
      ['POST', '/stats/db', '{"dbName":"x"}'],
      ['GET', '/stats/users', undefined],
    ] as const) {
      const res = await e.fetch(url, { method, headers: json, body });
      expect(res.status, `${method} ${url}`).toBe(503);
      expect(await res.json()).toEqual({ error: 'Service Unavailable', message: expect.stringContaining(`${bad} is unreachable`) });
    }
    expect((await e.fetch('/health', { auth: false })).status).toBe(503);

    expect((await putInternal({ db_uri: ownAddress() })).status).toBe(204);
    expect(await names()).toEqual(['embedded_only', 'tsdata']);
    expect((await e.fetch('/health', { auth: false })).status).toBe(200);
  });
});
