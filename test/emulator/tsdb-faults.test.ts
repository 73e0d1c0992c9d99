// TSDB source faults through the real app: against a real influxd as the internal source (requests pass a
// fault proxy, so the v1 adapter's own network and HTTP error paths run) and against the embedded engine
// (its file access fails with EIO). Routes answer 503/502 as they would; the data plane buffers and resumes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJsonError, startApp, type TestApp } from '../../support/test-app.ts';
import { startInfluxd, type Influxd } from '../../support/influxd.ts';
import { pollUntil, until } from '../../support/wait.ts';

const SIM = { devices: 1, tagsPerDevice: 2, intervalMs: 50 };
const WRITER = { batchSize: 100, flushMs: 20, bufferPoints: 100_000 };

async function setTsdb(t: TestApp, body: object): Promise<{ state: string; until?: string }> {
  const res = await t.request({ method: 'PUT', url: '/__emulator/tsdb', payload: body });
  if (res.statusCode !== 200) throw new Error(`PUT /__emulator/tsdb ${res.statusCode}: ${res.body}`);
  return res.json();
}

describe('TSDB faults on a real influxd (internal source)', () => {
  let influx: Influxd;
  let t: TestApp;
  const writer = () => t.app.dataPlane.stats().writer;
  const users = () => t.request({ method: 'GET', url: '/stats/users' });
  const stored = async () => {
    const [r] = await influx.query('SELECT count("value") FROM /.*/', { db: 'tsdata' });
    return (r?.series ?? []).reduce((n, s) => n + Number(s.values?.[0]?.[1] ?? 0), 0);
  };

  beforeAll(async () => {
    influx = await startInfluxd();
    await influx.query('CREATE DATABASE tsdata');
    t = await startApp(undefined, {
      internalInflux: { url: influx.url, ...influx.admin },
      upstreamTimeoutMs: 800,
      simulator: SIM,
      writer: WRITER,
    });
  });
  afterAll(async () => {
    await t?.close();
    await influx?.dispose();
  });

  it('down: 503 from the adapter, writes buffer; up: they resume and reach influxd', async () => {
    await until(async () => (await stored()) > 0, 'first points in influxd');
    expect(await setTsdb(t, { state: 'down' })).toEqual({ state: 'down' });
    const down = expectJsonError(await users(), 503);
    // The adapter's own network-error text (it names the fault proxy's loopback address it was given).
    expect(down.message).toMatch(/^InfluxDB at http:\/\/127\.0\.0\.1:\d+ is unreachable: .*ECONNRESET/);
    const test = (await t.request({ method: 'GET', url: '/stats/tsdb/dbsource/internal/test' })).json<{ is_connected: boolean }>();
    expect(test.is_connected).toBe(false);
    const failedBefore = writer().failedAttempts;
    await until(() => writer().failedAttempts > failedBefore && writer().buffered > 0, 'writes failing and buffering');

    const writtenBefore = writer().written;
    const storedBefore = await stored();
    await setTsdb(t, { state: 'up' });
    expect((await users()).statusCode).toBe(200);
    await until(() => writer().written > writtenBefore, 'writer resumed');
    await until(async () => (await stored()) > storedBefore, 'buffered points reached influxd');
    expect(writer().droppedOverflow).toBe(0);
  }, 90_000);

  it('failing: influxd-style 500 becomes the document 502; slow past the timeout: 503', async () => {
    await setTsdb(t, { state: 'failing' });
    const failing = expectJsonError(await users(), 502);
    expect(failing.message).toContain('emulated TSDB failure');
    await setTsdb(t, { state: 'slow', latency_ms: 3000 });
    const slow = expectJsonError(await users(), 503);
    expect(slow.message).toMatch(/did not answer within/);
    await setTsdb(t, { state: 'slow', latency_ms: 50 });
    expect((await users()).statusCode).toBe(200);
    await setTsdb(t, { state: 'up' });
  });

  it('for_s puts the source back up by itself', async () => {
    const set = await setTsdb(t, { state: 'down', for_s: 0.3 });
    expect(set.until).toMatch(/^\d{4}-/);
    expect((await users()).statusCode).toBe(503);
    const back = await pollUntil(users, (r) => r.statusCode === 200, 10_000);
    expect(back.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/__emulator/tsdb' })).json()).toEqual({ state: 'up' });
  });

  it.each([
    [{ state: 'sideways' }, /body\.state/],
    [{ state: 'slow' }, /body\.latency_ms: slow needs latency_ms/],
    [{ state: 'down', latency_ms: 5 }, /body\.latency_ms/],
    [{ state: 'down', for_s: -1 }, /body\.for_s/],
  ])('refuses %j with a 400 naming the field and leaves the source up', async (body, field) => {
    const err = expectJsonError(await t.request({ method: 'PUT', url: '/__emulator/tsdb', payload: body }), 400);
    expect(err.message).toMatch(field);
    expect((await t.request({ method: 'GET', url: '/__emulator/tsdb' })).json()).toEqual({ state: 'up' });
  });
});

describe('TSDB faults on the embedded engine', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(undefined, { simulator: SIM, writer: WRITER });
  });
  afterAll(async () => t?.close());

  it('down fails its file access with EIO (503), writes buffer, and up resumes them', async () => {
    const writer = () => t.app.dataPlane.stats().writer;
    await until(() => writer().written > 0, 'first points written');
    await setTsdb(t, { state: 'down' });
    const err = expectJsonError(await t.request({ method: 'GET', url: '/stats/users' }), 503);
    expect(err.message).toMatch(/embedded engine.*EIO/);
    const failedBefore = writer().failedAttempts;
    await until(() => writer().failedAttempts > failedBefore && writer().buffered > 0, 'writes failing and buffering');
    const writtenBefore = writer().written;
    await setTsdb(t, { state: 'up' });
    expect((await t.request({ method: 'GET', url: '/stats/users' })).statusCode).toBe(200);
    await until(() => writer().written > writtenBefore && writer().buffered < 50, 'writer resumed and drained');
  }, 90_000);
});
