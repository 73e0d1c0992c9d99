// /__emulator/devices and /devicehub/metrics in the real app: simulated devices controlled through the API,
// a device heard on the bus listed beside them, admin-only access, EMULATOR_API=off, and bad patches that
// answer 400 naming the field without changing anything.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createToken } from '../../src/auth/token-file.ts';
import { encodeMessage, subjectFor } from '../../src/devicehub/message.ts';
import { basic } from '../../support/auth.ts';
import { expectJsonError, startApp, type TestApp } from '../../support/test-app.ts';
import { promtoolCheckMetrics } from '../../support/prometheus.ts';

interface View {
  id: string;
  name: string;
  source: string;
  online: boolean;
  tags: string[];
  failed_tags: string[];
  values: Record<string, unknown>;
}

const BUS_DEVICE = { id: 'F96584F6-DD85-4B7D-9053-53C68C67D290', name: 'Line 3 Press' };

function metricLines(text: string, id: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(edge_dh_\w+)\{id="([^"]+)",name="([^"]+)"\} (\S+)$/.exec(line);
    if (m && m[2] === id) out[m[1] as string] = `${m[3]} ${m[4]}`;
  }
  return out;
}

describe('/__emulator/devices and /devicehub/metrics', () => {
  let t: TestApp;
  let readToken: string;

  beforeAll(async () => {
    // The simulator's timer stays off the test's path: an interval of an hour, ticks driven by hand.
    t = await startApp(undefined, { simulator: { devices: 2, tagsPerDevice: 3, intervalMs: 3_600_000 } });
    readToken = await createToken(path.join(t.dataDir, 'tokens.json'), 'viewer', 'read');
  });
  afterAll(async () => t?.close());

  const list = async () => {
    const res = await t.request({ method: 'GET', url: '/__emulator/devices' });
    expect(res.statusCode).toBe(200);
    return res.json<View[]>();
  };

  it('lists the simulated fleet and sets a device offline with failed tags and a pattern', async () => {
    const [d0, d1] = await list();
    expect(d0).toMatchObject({ source: 'simulated', online: true, tags: ['Temperature', 'Pressure', 'PartCounter'], failed_tags: [] });
    if (!d0 || !d1) throw new Error('fleet');

    const off = await t.request({ method: 'PUT', url: `/__emulator/devices/${d0.id}`, payload: { online: false } });
    expect(off.statusCode).toBe(200);
    expect(off.json<View>().online).toBe(false);
    const set = await t.request({
      method: 'PUT',
      url: `/__emulator/devices/${d1.id}`,
      payload: { failed_tags: ['Pressure', 'PartCounter'], values: { Temperature: { constant: 99.5 } } },
    });
    expect(set.json<View>()).toMatchObject({ online: true, failed_tags: ['Pressure', 'PartCounter'], values: { Temperature: { constant: 99.5 } } });

    const metrics = await t.request({ method: 'GET', url: '/devicehub/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metricLines(metrics.body, d0.id)).toEqual({
      edge_dh_device_online_status: `${d0.name} 0`,
      edge_dh_device_tags: `${d0.name} 3`,
      edge_dh_failed_tags: `${d0.name} 0`,
    });
    expect(metricLines(metrics.body, d1.id)).toMatchObject({ edge_dh_device_online_status: `${d1.name} 1`, edge_dh_failed_tags: `${d1.name} 2` });
    expect(await promtoolCheckMetrics(metrics.body)).toEqual([]);

    // The pattern and the failures reach the bus: one tick, and the consumer heard exactly that.
    const before = t.app.dataPlane.stats().consumer;
    t.app.dataPlane.simulator.tick(Date.now());
    const after = t.app.dataPlane.stats().consumer;
    expect(after.received - before.received).toBe(3); // d0 offline: only d1's three tags
    expect(after.skipped - before.skipped).toBe(2);
  });

  it('lists a device heard on the bus, its name with spaces as _ in the metrics', async () => {
    for (const [tag, success] of [['Torque', true], ['Stroke', false]] as const) {
      const data = encodeMessage({
        deviceID: BUS_DEVICE.id, deviceName: BUS_DEVICE.name, tagName: tag, registerId: '', datatype: 'float64',
        description: '', metadata: null, success, timestamp: Date.now(), value: success ? 1 : null,
      });
      t.app.dataPlane.transport.publish(subjectFor(BUS_DEVICE.id, tag), data);
    }
    const bus = (await list()).find((d) => d.id === BUS_DEVICE.id);
    expect(bus).toMatchObject({ source: 'bus', online: true, name: BUS_DEVICE.name, tags: ['Torque', 'Stroke'], failed_tags: ['Stroke'] });
    const text = (await t.request({ method: 'GET', url: '/devicehub/metrics' })).body;
    expect(metricLines(text, BUS_DEVICE.id)).toEqual({
      edge_dh_device_online_status: 'Line_3_Press 1',
      edge_dh_device_tags: 'Line_3_Press 2',
      edge_dh_failed_tags: 'Line_3_Press 1',
    });
    // A bus device is not the emulator's to control.
    expectJsonError(await t.request({ method: 'PUT', url: `/__emulator/devices/${BUS_DEVICE.id}`, payload: { online: false } }), 404);
  });

  it('refuses bad patches with a 400 naming the field and changes nothing', async () => {
    const [, d1] = await list();
    if (!d1) throw new Error('fleet');
    const cases: [unknown, RegExp][] = [
      [{ failed_tags: ['Pressure', 'NoSuchTag'] }, /body\.failed_tags\.1/],
      [{ values: { NoSuchTag: { constant: 1 } } }, /body\.values\.NoSuchTag/],
      [{ values: { Temperature: { ramp: { from: 1, to: 2 } } } }, /body\.values\.Temperature/],
      [{ online: 'yes' }, /body\.online/],
      [{ offline: true }, /offline|unrecognized/i],
    ];
    for (const [payload, field] of cases) {
      const err = expectJsonError(await t.request({ method: 'PUT', url: `/__emulator/devices/${d1.id}`, payload: payload as object }), 400);
      expect(err.message).toMatch(field);
    }
    expect((await list()).find((d) => d.id === d1.id)).toEqual(d1);
  });

  it('is for admin tokens only; /devicehub/metrics is readable like /stats/metrics', async () => {
    const asReader = (method: 'GET' | 'PUT', url: string) =>
      t.app.inject({ method, url, headers: { authorization: basic(readToken) }, ...(method === 'PUT' ? { payload: {} } : {}) });
    // The token was written to tokens.json after the app started: wait until its poll has picked it up
    // (in a fast run this test came first and got 401 "unknown or revoked API token").
    await vi.waitFor(async () => expect((await asReader('GET', '/stats/metrics')).statusCode).toBe(200), { timeout: 10_000 });
    expectJsonError(await asReader('GET', '/__emulator/devices'), 403);
    expect((await asReader('GET', '/devicehub/metrics')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/devicehub/metrics' })).statusCode).toBe(401);
  });

  it('answers 404 with EMULATOR_API=off', async () => {
    const off = await startApp(undefined, { emulatorApi: false });
    try {
      expectJsonError(await off.request({ method: 'GET', url: '/__emulator/devices' }), 404);
    } finally {
      await off.close();
    }
  });
});
