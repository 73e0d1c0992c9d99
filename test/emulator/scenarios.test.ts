// Scenarios in the real app: every shipped example is accepted; a bad scenario is a 400 naming the step and
// field with nothing applied; a looped one applies metric, fault and device steps in time and stop reverts
// them; SCENARIO=path starts one at start-up, and a bad file stops start-up.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../support/config.ts';
import { ADMIN_TOKEN, expectJsonError, startApp, type TestApp } from '../../support/test-app.ts';
import { pollUntil } from '../../support/wait.ts';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples/scenarios');
const SIM = { devices: 3, tagsPerDevice: 5, intervalMs: 3_600_000 };
const DEVICE = 'P1_L1_Machine1_1_OPC';

describe('scenarios', () => {
  let t: TestApp;
  const get = async <T>(url: string) => (await t.request({ method: 'GET', url })).json<T>();
  const nothingApplied = async () => {
    expect(await get('/__emulator/scenarios')).toEqual({ running: false });
    expect(await get('/__emulator/metrics')).toEqual([]);
    expect(await get('/__emulator/faults')).toEqual([]);
    expect((await get<{ online: boolean; failed_tags: string[] }[]>('/__emulator/devices')).every((d) => d.online && d.failed_tags.length === 0)).toBe(true);
  };

  beforeAll(async () => {
    t = await startApp(undefined, { simulator: SIM });
  });
  afterAll(async () => t?.close());

  it('accepts every shipped example', async () => {
    const files = (await readdir(EXAMPLES)).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['cpu-spike.json', 'device-offline.json', 'disk-filling-up.json', 'interface-flapping.json', 'tsdb-outage.json']);
    for (const f of files) {
      const res = await t.request({ method: 'POST', url: '/__emulator/scenarios', payload: JSON.parse(await readFile(path.join(EXAMPLES, f), 'utf8')) as object });
      expect(res.statusCode, `${f}: ${res.body}`).toBe(201);
      expect(res.json()).toMatchObject({ running: true, name: f.replace(/\.json$/, '') });
    }
    expect((await t.request({ method: 'DELETE', url: '/__emulator/scenarios' })).statusCode).toBe(204);
    await pollUntil(() => get<{ state: string }>('/__emulator/tsdb'), (s) => s.state === 'up');
    await nothingApplied();
  });

  const ok = { at_s: 0, metric: { family: 'node_cpu_user', value: 50 } };
  it.each([
    [{ steps: [ok] }, /body\.name/],
    [{ name: 'x', steps: [ok, { at_s: 1, metric: { family: 'node_cpu_usage', value: 1 } }] }, /body\.steps\.1\.metric\.family: unknown metric family/],
    [{ name: 'x', steps: [ok, { at_s: 1, metric: { family: 'node_storage_used', labels: { mount: '/' }, value: 1 } }] }, /body\.steps\.1\.metric\.labels\.mount/],
    [{ name: 'x', steps: [ok, { at_s: 1, metric: { family: 'node_cpu_user', value: 'hot' } }] }, /body\.steps\.1\.metric\.value/],
    [{ name: 'x', steps: [{ at_s: 0, metric: { family: 'node_cpu_user', value: 1 }, tsdb: { state: 'down' } }] }, /body\.steps\.0: give exactly one of/],
    [{ name: 'x', steps: [ok, { at_s: -1, tsdb: { state: 'down' } }] }, /body\.steps\.1\.at_s/],
    [{ name: 'x', steps: [ok, { at_s: 1, tsdb: { state: 'sideways' } }] }, /body\.steps\.1\.tsdb\.state/],
    [{ name: 'x', steps: [ok, { at_s: 1, fault: { match: { path: '/x' }, effect: {} } }] }, /body\.steps\.1\.fault\.effect/],
    [{ name: 'x', steps: [ok, { at_s: 1, device: { name: 'P9_L9_Nope', online: false } }] }, /body\.steps\.1\.device\.name: no such simulated device/],
    [{ name: 'x', steps: [ok, { at_s: 1, device: { name: DEVICE, failed_tags: ['Nope'] } }] }, /body\.steps\.1\.device\.failed_tags\.0/],
    [{ name: 'x', steps: [ok, { at_s: 1, colour: 'red' }] }, /body\.steps\.1\.colour: not a step field/],
    [{ name: 'x', duration_s: 5, steps: [ok, { at_s: 10, clear: ['metrics'] }] }, /body\.duration_s/],
    [{ name: 'x', steps: [ok, { at_s: 1, clear: ['everything'] }] }, /body\.steps\.1\.clear\.0/],
  ])('refuses %j with a 400 naming the step and field; nothing runs', async (payload, message) => {
    const err = expectJsonError(await t.request({ method: 'POST', url: '/__emulator/scenarios', payload }), 400);
    expect(err.message).toMatch(message);
    await nothingApplied();
  });

  it('applies its steps in time, loops, and reverts on stop', async () => {
    const [device] = t.app.dataPlane.simulator.fleet;
    if (!device) throw new Error('fleet');
    const scenario = {
      name: 'quick',
      loop: true,
      duration_s: 0.6,
      steps: [
        { at_s: 0, metric: { family: 'node_memory_used', value: 99 } },
        { at_s: 0.2, fault: { match: { path: '/stats/users' }, effect: { status: 503 }, times: 1 } },
        { at_s: 0.4, device: { id: device.deviceID, online: false } },
      ],
    };
    expect((await t.request({ method: 'POST', url: '/__emulator/scenarios', payload: scenario })).statusCode).toBe(201);
    const looped = await pollUntil(() => get<{ iteration: number; steps_applied: number }>('/__emulator/scenarios'), (s) => s.iteration >= 2, 15_000);
    expect(looped.iteration).toBeGreaterThanOrEqual(2);
    expect(looped.steps_applied).toBeGreaterThanOrEqual(6);
    expect(await get('/__emulator/metrics')).toEqual([expect.objectContaining({ family: 'node_memory_used', value: 99 })]);
    expect((await get<{ id: string; online: boolean }[]>('/__emulator/devices')).find((d) => d.id === device.deviceID)?.online).toBe(false);
    expect((await get<unknown[]>('/__emulator/faults')).length).toBeGreaterThanOrEqual(1);
    expect((await t.request({ method: 'DELETE', url: '/__emulator/scenarios' })).statusCode).toBe(204);
    await nothingApplied();
  });
});

describe('SCENARIO at start-up', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scenario-start-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('starts the file once the app is ready', async () => {
    const t = await startApp(undefined, { simulator: SIM, scenario: path.join(EXAMPLES, 'device-offline.json') });
    try {
      expect((await t.request({ method: 'GET', url: '/__emulator/scenarios' })).json()).toMatchObject({ running: true, name: 'device-offline' });
      const view = await pollUntil(
        async () => (await t.request({ method: 'GET', url: '/__emulator/devices' })).json<{ name: string; failed_tags: string[] }[]>(),
        (v) => v.find((d) => d.name === DEVICE)?.failed_tags.length === 1,
      );
      expect(view.find((d) => d.name === DEVICE)?.failed_tags).toEqual(['Pressure']);
    } finally {
      await t.close();
    }
  });

  it('refuses to start with a bad file, naming it, the step and the field', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ name: 'bad', steps: [{ at_s: 0, device: { name: DEVICE, failed_tags: ['Nope'] } }] }));
    const config = testConfig({ dataDir: dir, adminToken: ADMIN_TOKEN, simulator: SIM, scenario: file });
    await expect(buildApp(config)).rejects.toThrow(/SCENARIO\.steps\.0\.device\.failed_tags\.0/);
    await writeFile(file, '{ not json');
    await expect(buildApp(config)).rejects.toThrow(/SCENARIO=.*bad\.json/);
  });
});
