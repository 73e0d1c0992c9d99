// The emulator's settings as the process reads them, and its endpoints in the OpenAPI document under
// their own tag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { startApp, type TestApp } from '../../support/test-app.ts';

describe('emulator settings', () => {
  it('reads SIM_SEED, EMULATOR_API and SCENARIO, with one line per bad variable', () => {
    expect(loadConfig({})).toMatchObject({ emulatorApi: true, scenario: undefined, simulator: { seed: undefined } });
    expect(loadConfig({ SIM_SEED: '42', EMULATOR_API: 'off' })).toMatchObject({ emulatorApi: false, simulator: { seed: 42 } });
    expect(loadConfig({ SCENARIO: 'examples/scenarios/cpu-spike.json' }).scenario).toBe('examples/scenarios/cpu-spike.json');
    expect(() => loadConfig({ SIM_SEED: '-1', EMULATOR_API: 'maybe' })).toThrow(ConfigError);
    try {
      loadConfig({ SIM_SEED: 'x', EMULATOR_API: 'maybe', SCENARIO: 'a.json' });
    } catch (err) {
      const lines = (err as Error).message.split('\n');
      expect(lines).toContain('invalid configuration: SIM_SEED (got "x"): must be a whole number from 0 to 2147483647');
      expect(lines).toContain('invalid configuration: EMULATOR_API (got "maybe"): allowed: on, off');
    }
    expect(() => loadConfig({ SCENARIO: 'a.json', EMULATOR_API: 'off' })).toThrow(/SCENARIO.*needs EMULATOR_API=on/);
  });
});

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t?.close());

  it('documents every /__emulator/ endpoint under the Emulator tag, and /devicehub/metrics', async () => {
    const doc = (await t.request({ method: 'GET', url: '/docs/json' })).json<{
      tags: { name: string }[];
      paths: Record<string, Record<string, { tags?: string[] }>>;
    }>();
    expect(doc.tags.map((x) => x.name)).toContain('Emulator');
    const ops = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/__emulator/'))
      .flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => [`${m.toUpperCase()} ${p}`, op.tags]));
    expect(ops.map(([op]) => op).sort()).toEqual(
      [
        'DELETE /__emulator/faults',
        'DELETE /__emulator/faults/{id}',
        'DELETE /__emulator/metrics',
        'DELETE /__emulator/metrics/{family}',
        'DELETE /__emulator/scenarios',
        'GET /__emulator/devices',
        'GET /__emulator/faults',
        'GET /__emulator/faults/{id}',
        'GET /__emulator/metrics',
        'GET /__emulator/scenarios',
        'GET /__emulator/snapshot',
        'GET /__emulator/tsdb',
        'POST /__emulator/faults',
        'POST /__emulator/reset',
        'POST /__emulator/scenarios',
        'PUT /__emulator/devices/{deviceID}',
        'PUT /__emulator/metrics/{family}',
        'PUT /__emulator/snapshot',
        'PUT /__emulator/tsdb',
      ].sort(),
    );
    for (const [, tags] of ops) expect(tags).toEqual(['Emulator']);
    expect(doc.paths['/devicehub/metrics']?.get).toBeDefined();
  });
});
